import { getNullableType, isEnumType, isInputObjectType, isListType, type GraphQLInputType } from 'graphql';
import { RAW_NUMBER_MARK, rawNumberDigits } from './fuzz-values';

const ENUM_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/**
 * A JavaScript value written as a GraphQL literal for a slot of `type`, hostile or not: strings
 * are quoted with JSON's escapes (which GraphQL's string syntax shares, so a lone surrogate comes
 * out as `\ud800` for the parser to judge), and a string in an enum position is written bare when
 * it is shaped like an enum name, so that an unknown enum value reaches validation as one.
 */
export function graphqlLiteral(value: unknown, type: GraphQLInputType | undefined): string {
  const nullable = type ? getNullableType(type) : undefined;
  const raw = rawNumberDigits(value);
  if (raw !== null) return raw;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    if (nullable && isEnumType(nullable) && ENUM_NAME.test(value) && !isKeyword(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const element = nullable && isListType(nullable) ? nullable.ofType : undefined;
    return `[${value.map((item) => graphqlLiteral(item, element)).join(', ')}]`;
  }
  const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : {};
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${key}: ${graphqlLiteral(item, fields[key]?.type)}`,
  );
  return `{${entries.join(', ')}}`;
}

/** true, false and null are no enum values: written bare they would mean something else. */
function isKeyword(value: string): boolean {
  return value === 'true' || value === 'false' || value === 'null';
}

/** The request body, with raw-number markers written out as the bare numbers they stand for. */
export function requestBody(query: string, variables: Record<string, unknown>): string {
  const marker = JSON.stringify(RAW_NUMBER_MARK).slice(1, -1).replace(/\\/g, '\\\\');
  return JSON.stringify({ query, variables }).replace(
    new RegExp(`"${marker}([-+.0-9eE]+)"`, 'g'),
    (_match, digits: string) => digits,
  );
}
