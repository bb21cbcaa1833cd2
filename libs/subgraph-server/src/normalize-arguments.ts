import {
  GraphQLID,
  GraphQLString,
  defaultFieldResolver,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError, normalizeText, type FieldProblem } from '@mingshi/graphql';

/**
 * Runs the graph's one text normalisation (libs/graphql text.ts) over every String and ID in the
 * arguments of every field of `schema`, input objects and lists included, before the resolver
 * runs. Every bad value of a request is reported at once, each by its path (`input.name`,
 * `input.participantIds[3]`), in one BAD_USER_INPUT. Covering fields by type means a new argument
 * is normalised without anyone remembering to.
 */
export function normalizeArguments(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (!field.args.some((arg) => carriesText(arg.type, new Set()))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) => resolve(source, normalizeAll(field.args, args), ctx, info);
    }
  }
}

function normalizeAll(definitions: readonly GraphQLArgument[], args: Record<string, unknown>) {
  const problems: FieldProblem[] = [];
  const normalized: Record<string, unknown> = { ...args };
  for (const definition of definitions) {
    if (definition.name in args) {
      normalized[definition.name] = normalizeValue(
        args[definition.name],
        definition.type,
        definition.name,
        problems,
      );
    }
  }
  if (problems.length) throw new BadUserInputError(problems as [FieldProblem, ...FieldProblem[]]);
  return normalized;
}

function normalizeValue(
  value: unknown,
  type: GraphQLInputType,
  path: string,
  problems: FieldProblem[],
): unknown {
  if (value == null) return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return Array.isArray(value)
      ? value.map((item, i) => normalizeValue(item, nullable.ofType, `${path}[${i}]`, problems))
      : value;
  }
  if (isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    const input = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(input).map(([name, fieldValue]) => [
        name,
        fields[name]
          ? normalizeValue(fieldValue, fields[name]!.type, `${path}.${name}`, problems)
          : fieldValue,
      ]),
    );
  }
  if ((nullable === GraphQLString || nullable === GraphQLID) && typeof value === 'string') {
    const checked = normalizeText(value, nullable === GraphQLID ? 'id' : 'text');
    if (checked.ok) return checked.value;
    problems.push({ field: path, message: `${path} ${checked.problem}` });
  }
  return value;
}

function carriesText(type: GraphQLInputType, seen: Set<string>): boolean {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return carriesText(nullable.ofType, seen);
  if (nullable === GraphQLString || nullable === GraphQLID) return true;
  if (!isInputObjectType(nullable) || seen.has(nullable.name)) return false;
  seen.add(nullable.name);
  return Object.values(nullable.getFields()).some((field) => carriesText(field.type, seen));
}
