import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { Random } from '../../scripts/seed/random';
import { graphqlLiteral } from './graphql-literal';
import { hostileValuesFor, isPlainObject, type Hostile, type SlotKind, type SlotShape } from './fuzz-values';
import type { TokenRequest } from './system';

/** A valid call of one root field: who makes it and with which arguments. */
export interface FieldBase {
  caller: TokenRequest;
  args: Record<string, unknown>;
}

/** The valid call of a root field, built afresh per case (so unique values stay unique), or none. */
export type BaseFor = (operation: Operation, field: string) => FieldBase | undefined;

export type Operation = 'query' | 'mutation';

/** One request: a valid call of a root field except for one hostile value at `path`. */
export interface FuzzCase {
  id: number;
  operation: Operation;
  field: string;
  /** Where the hostile value sits, e.g. `input.ruralService[0].startDate`. */
  path: string;
  /** The argument or input field a refusal should name: the last named step of the path. */
  leaf: string;
  kind: SlotKind;
  hostile: Hostile;
  /** Whether the mutated argument is written into the query as a literal instead of a variable. */
  inline: boolean;
  query: string;
  variables: Record<string, unknown>;
  caller: TokenRequest;
  /** For inline cases: the columns (1-based, both included) of the mutated argument's literal. */
  literal?: { start: number; end: number };
  /** For mutations: a String field of the payload with the slot's name, which echoes what was stored. */
  echoField?: string;
}

export interface CaseOptions {
  /** Hostile values drawn for each slot. */
  perSlot: number;
  /** Share of cases whose mutated argument is an inline literal. */
  inlineShare: number;
}

interface Slot {
  operation: Operation;
  field: GraphQLField<unknown, unknown>;
  path: (string | number)[];
  type: GraphQLInputType;
  shape: SlotShape;
}

/**
 * The fuzz cases for a schema: every argument and, recursively, every input field of every Query
 * and Mutation field is a slot; each slot gets `perSlot` hostile values drawn by the seeded
 * generator, and every kind of hostile value is then used at least once for each slot kind that
 * offers it, so no category goes untried whatever the draw. Nested input objects and list elements
 * are walked where the base call holds one: only there are the other fields valid around them.
 */
export function buildCases(
  schema: GraphQLSchema,
  baseFor: BaseFor,
  random: Random,
  options: CaseOptions,
): FuzzCase[] {
  const candidates = rootFields(schema).flatMap(({ operation, field }) => {
    const base = baseFor(operation, field.name);
    if (!base) return [];
    return field.args
      .flatMap((arg) => slotsOf(operation, field, arg, base.args[arg.name]))
      .map((slot) => ({ slot, hostiles: hostileValuesFor(slot.shape, random) }));
  });

  const picks: { slot: Slot; hostile: Hostile }[] = [];
  for (const { slot, hostiles } of candidates) {
    for (const hostile of random.sample(hostiles, options.perSlot)) picks.push({ slot, hostile });
  }
  const tried = new Set(picks.map(({ slot, hostile }) => coverageKey(slot, hostile)));
  const untried = new Map<string, { slot: Slot; hostile: Hostile }[]>();
  for (const { slot, hostiles } of candidates) {
    for (const hostile of hostiles) {
      const key = coverageKey(slot, hostile);
      if (!tried.has(key)) untried.set(key, [...(untried.get(key) ?? []), { slot, hostile }]);
    }
  }
  for (const alternatives of untried.values()) picks.push(random.pick(alternatives));

  return picks.map(({ slot, hostile }, id) => {
    const base = baseFor(slot.operation, slot.field.name)!;
    const inline = !hostile.bulky && random.chance(options.inlineShare);
    return toCase(id, slot, hostile, base, inline);
  });
}

function coverageKey(slot: Slot, hostile: Hostile): string {
  return `${slot.operation}:${slot.shape.kind}:${hostile.label}`;
}

/** Every Query and Mutation field of the schema, with its operation. */
export function rootFields(schema: GraphQLSchema) {
  return (['query', 'mutation'] as const).flatMap((operation) => {
    const root = operation === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {}).map((field) => ({ operation, field }));
  });
}

function slotsOf(
  operation: Operation,
  field: GraphQLField<unknown, unknown>,
  arg: GraphQLArgument,
  base: unknown,
): Slot[] {
  const walk = (path: (string | number)[], type: GraphQLInputType, value: unknown): Slot[] => {
    const slot: Slot = { operation, field, path, type, shape: shapeOf(type, leafOf(path), value) };
    const nullable = getNullableType(type);
    if (isInputObjectType(nullable) && isPlainObject(value)) {
      const fields = Object.values(nullable.getFields());
      return [slot, ...fields.flatMap((f) => walk([...path, f.name], f.type, value[f.name]))];
    }
    if (isListType(nullable) && Array.isArray(value) && value.length > 0) {
      return [slot, ...walk([...path, 0], nullable.ofType, value[0])];
    }
    return [slot];
  };
  return walk([arg.name], arg.type, base);
}

function leafOf(path: (string | number)[]): string {
  return String([...path].reverse().find((step) => typeof step === 'string'));
}

const SCALAR_KINDS: Record<string, SlotKind> = {
  String: 'text',
  Int: 'int',
  Float: 'float',
  Boolean: 'boolean',
  Date: 'date',
  DateTime: 'datetime',
};

/** Region codes are IDs too, but six digits, not UUIDs: their hostile values differ. */
function idKind(name: string, base: unknown): SlotKind {
  if (typeof base === 'string') return /^\d{6}$/.test(base) ? 'code' : 'uuid';
  return /code$/i.test(name) ? 'code' : 'uuid';
}

function kindOf(type: GraphQLInputType, name: string, base: unknown): SlotKind {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return 'list';
  if (isEnumType(nullable)) return 'enum';
  if (isInputObjectType(nullable)) return 'object';
  if (isScalarType(nullable) && nullable.name === 'ID') return idKind(name, base);
  return SCALAR_KINDS[(nullable as { name: string }).name] ?? 'text';
}

function shapeOf(type: GraphQLInputType, name: string, base: unknown): SlotShape {
  const nullable = getNullableType(type);
  const shape: SlotShape = { kind: kindOf(type, name, base), nonNull: isNonNullType(type), base };
  if (isEnumType(nullable)) shape.enumValues = nullable.getValues().map((v) => v.name);
  if (isInputObjectType(nullable)) {
    shape.hasRequiredFields = Object.values(nullable.getFields()).some(
      (f) => isNonNullType(f.type) && f.defaultValue === undefined,
    );
  }
  if (isListType(nullable)) {
    const sample = Array.isArray(base) ? base[0] : undefined;
    shape.element = { kind: kindOf(nullable.ofType, name, sample), nonNull: isNonNullType(nullable.ofType) };
  }
  return shape;
}

/** A deep copy of `args` with `value` at `path`. */
function withValueAt(args: Record<string, unknown>, path: (string | number)[], value: unknown) {
  const copy = structuredClone(args);
  let node: any = copy;
  for (const step of path.slice(0, -1)) node = node[step];
  node[path[path.length - 1]!] = value;
  return copy;
}

function toCase(id: number, slot: Slot, hostile: Hostile, base: FieldBase, inline: boolean): FuzzCase {
  const args = withValueAt(base.args, slot.path, hostile.value);
  const inlined = inline ? String(slot.path[0]) : undefined;
  const { query, variables, literal } = operationText(slot.operation, slot.field, args, inlined);
  return {
    id,
    operation: slot.operation,
    field: slot.field.name,
    path: pathText(slot.path),
    leaf: leafOf(slot.path),
    kind: slot.shape.kind,
    hostile,
    inline,
    query,
    variables,
    caller: base.caller,
    ...(literal ? { literal } : {}),
    ...echoOf(slot),
  };
}

export function pathText(path: (string | number)[]): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step}]` : i ? `.${step}` : step)).join('');
}

/**
 * The operation on one line (so an inline literal's columns locate it): each argument present in
 * `args` is a variable named after it, except `inlined`, which is written as a literal.
 */
export function operationText(
  operation: Operation,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  inlined?: string,
): { query: string; variables: Record<string, unknown>; literal?: { start: number; end: number } } {
  const present = field.args.filter((arg) => args[arg.name] !== undefined);
  const variables = Object.fromEntries(
    present.filter((arg) => arg.name !== inlined).map((arg) => [arg.name, args[arg.name]]),
  );
  const declarations = present
    .filter((arg) => arg.name !== inlined)
    .map((arg) => `$${arg.name}: ${String(arg.type)}`);
  const head = `${operation} Fuzz${declarations.length ? `(${declarations.join(', ')})` : ''} { ${field.name}`;
  let text = head;
  let literal: { start: number; end: number } | undefined;
  if (present.length > 0) {
    const parts: string[] = [];
    let column = head.length + 2; // after "(", 1-based
    for (const arg of present) {
      const prefix = `${arg.name}: `;
      const value = arg.name === inlined ? graphqlLiteral(args[arg.name], arg.type) : `$${arg.name}`;
      if (arg.name === inlined)
        literal = { start: column + prefix.length, end: column + prefix.length + value.length - 1 };
      parts.push(prefix + value);
      column += prefix.length + value.length + 2; // ", "
    }
    text += `(${parts.join(', ')})`;
  }
  const selection = payloadSelection(field.type);
  return {
    query: `${text}${selection ? ` ${selection}` : ''} }`,
    variables,
    ...(literal ? { literal } : {}),
  };
}

/** Personal data: reading it writes an audit row, and it is not what the fuzzer is about. */
const AUDITED = new Set(['nationalId', 'phone']);

/**
 * What to ask of a payload: its leaf fields (which reach the resolvers and SQL that read the
 * arguments) and, for connections, the ids of the page's nodes.
 */
export function payloadSelection(type: GraphQLOutputType): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const fields = Object.values(named.getFields());
  const leaves = fields
    .filter((f) => isLeafType(getNamedType(f.type)) && !AUDITED.has(f.name))
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  const nodes = named.getFields().nodes;
  const nodeType = nodes ? getNamedType(nodes.type) : undefined;
  const nodeIds = nodeType && isObjectType(nodeType) && nodeType.getFields().id ? ['nodes { id }'] : [];
  return `{ ${[...leaves, ...nodeIds].join(' ')} }`;
}

/** A mutation's payload echoes a top-level input text field when it has a String field of that name. */
function echoOf(slot: Slot): { echoField?: string } {
  if (slot.operation !== 'mutation' || slot.path.length !== 2 || slot.shape.kind !== 'text') return {};
  const payload = getNamedType(slot.field.type);
  const name = String(slot.path[1]);
  const echoed = isObjectType(payload) ? payload.getFields()[name] : undefined;
  return echoed && getNamedType(echoed.type).name === 'String' ? { echoField: name } : {};
}
