import {
  astFromValue,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  print,
  type GraphQLArgument,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { nationalId } from './fixtures';

/**
 * Plausible argument values made from nothing but a schema type and a name, so that a generated
 * call is refused for whom it concerns, not for a malformed value.
 */

export interface ValueHints {
  /** The id for an ID-typed argument or input field `name` of `owner` (a field or input type). */
  idFor(name: string, owner: string): string;
  /** A calendar year the planted data lies in. */
  year: number;
  /** A period covering the planted data, e.g. for metrics. */
  period: { from: string; to: string };
  /** Whether to fill optional input fields too, not only the required ones. */
  complete: boolean;
}

let generatedNationalId: string | undefined;

function daysFrom(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** A date by what its name says it is: a period's ends, a future deadline or end, or a recent past day. */
function dateFor(name: string, hints: ValueHints): string {
  if (name === 'from') return hints.period.from;
  if (name === 'to') return hints.period.to;
  if (/end|deadline|until|close/i.test(name)) return daysFrom(hints.period.to, 180);
  return daysFrom(hints.period.to, -30);
}

function scalarFor(typeName: string, name: string, owner: string, hints: ValueHints): unknown {
  switch (typeName) {
    case 'ID':
      return hints.idFor(name, owner);
    case 'Int':
      return /year/i.test(name) ? hints.year : 2;
    case 'Float':
      return 1.5;
    case 'Boolean':
      // The undemanding answer: declining needs no rating, a non-rural school no rural record …
      return false;
    case 'Date':
      return dateFor(name, hints);
    case 'Money':
      return '100.00';
    case 'Score':
      return '5.00';
    case 'DateTime':
      return `${dateFor(name, hints)}T00:00:00.000Z`;
    case 'String':
      // One valid number for every call, so that calls differing in nothing else are sent once.
      if (/nationalId/i.test(name)) return (generatedNationalId ??= nationalId());
      if (/phone/i.test(name)) return '13912345678';
      if (/url/i.test(name)) return 'https://example.org/probe';
      return '探针生成的内容';
    default:
      throw new Error(`no generated value for scalar ${typeName} (${owner}.${name})`);
  }
}

/** How often one input type may nest in itself (an indicator tree is three levels: A → B → C). */
const MAX_NESTING = 3;

/**
 * A value for an argument or input field of `type`; enums take their first value. An input type
 * that contains itself (an indicator's children) nests at most MAX_NESTING deep, its optional
 * self-references left out below that.
 */
export function valueFor(
  name: string,
  type: GraphQLInputType,
  owner: string,
  hints: ValueHints,
  within: readonly string[] = [],
): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueFor(name, inner.ofType, owner, hints, within)];
  if (isEnumType(inner)) return inner.getValues()[0]!.value;
  if (isInputObjectType(inner)) {
    const path = [...within, inner.name];
    const tooDeep = (field: GraphQLInputField) =>
      path.filter((t) => t === getNamedType(field.type).name).length >= MAX_NESTING;
    const fields = Object.values(inner.getFields()).filter(
      (field) => isRequired(field) || (hints.complete && !tooDeep(field)),
    );
    return Object.fromEntries(
      fields.map((field) => [field.name, valueFor(field.name, field.type, inner.name, hints, path)]),
    );
  }
  return scalarFor(getNamedType(inner).name, name, owner, hints);
}

export function isRequired(input: GraphQLArgument | GraphQLInputField): boolean {
  return isNonNullType(input.type) && input.defaultValue === undefined;
}

/** The value printed as a GraphQL literal for an argument of `type`. */
export function printValue(value: unknown, type: GraphQLInputType): string {
  const ast = astFromValue(value, type);
  if (!ast) throw new Error(`cannot print ${JSON.stringify(value)} as ${String(type)}`);
  return print(ast);
}

/** The required arguments of a field, generated and printed. */
export function requiredArguments(
  args: readonly GraphQLArgument[],
  owner: string,
  hints: ValueHints,
): Record<string, string> {
  return Object.fromEntries(
    args
      .filter(isRequired)
      .map((arg) => [arg.name, printValue(valueFor(arg.name, arg.type, owner, hints), arg.type)]),
  );
}
