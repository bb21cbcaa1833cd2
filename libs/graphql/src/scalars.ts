import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { quote } from './quote';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

function literalString(ast: ValueNode, scalar: string): string {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${scalar} must be a string`);
  return ast.value;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${quote(value)}`);
  }
  return value;
}

/** A calendar date without time zone, `YYYY-MM-DD`; carried as that string internally too. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date without time zone, written YYYY-MM-DD.',
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return parseDate(value);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(literalString(ast, 'Date')),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/T/.test(value as string)) {
    throw new GraphQLError(`DateTime must be an ISO 8601 timestamp, got ${quote(value)}`);
  }
  return date;
}

/** An instant, serialized as ISO 8601 in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in time, written as an ISO 8601 timestamp in UTC.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot serialize an invalid date');
    return date.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(literalString(ast, 'DateTime')),
});

const MONEY = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount written as a decimal string ("1234.5") into integer fen (123450) without
 * ever passing through a float.
 */
export function yuanToFen(value: string): bigint {
  const match = MONEY.exec(value);
  if (!match) throw new RangeError(`${quote(value)} is not an amount in yuan with at most two decimals`);
  const [, sign, whole, fraction = ''] = match;
  const fen = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign ? -fen : fen;
}

/** Formats integer fen as a yuan decimal string with exactly two decimals. */
export function fenToYuan(fen: bigint | number | string): string {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

function parseMoney(value: unknown): bigint {
  if (typeof value !== 'string') {
    throw new GraphQLError('Money must be a decimal string such as "3000.00", never a float');
  }
  try {
    return yuanToFen(value);
  } catch (error) {
    throw new GraphQLError((error as Error).message);
  }
}

/**
 * Money in yuan, written as a decimal string with two decimals ("3000.00"). Internally it is
 * integer fen (bigint), because floats cannot hold 0.10 exactly.
 */
export const MoneyScalar = new GraphQLScalarType({
  name: 'Money',
  description: 'An amount in yuan (元) as a decimal string with two decimals, e.g. "3000.00".',
  serialize: (value) => fenToYuan(value as bigint | number | string),
  parseValue: parseMoney,
  parseLiteral: (ast) => parseMoney(literalString(ast, 'Money')),
});

const SCORE = /^(\d{1,4})(?:\.(\d{1,2}))?$/;

/** The largest score anything carries: a scheme's total, in points. */
export const MAX_SCORE_POINTS = 1000;

/**
 * Parses points written as a decimal string ("7.5") into integer hundredths (750), so that a
 * scheme's 19 indicators add up to exactly its total.
 */
export function pointsToHundredths(value: string): number {
  const match = SCORE.exec(value);
  const hundredths = match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : NaN;
  if (!match || hundredths > MAX_SCORE_POINTS * 100) {
    throw new RangeError(
      `${quote(value)} is not a score from 0 to ${MAX_SCORE_POINTS} points with at most two decimals`,
    );
  }
  return hundredths;
}

/** Formats integer hundredths as points with exactly two decimals ("7.50"). */
export function hundredthsToPoints(hundredths: number): string {
  return `${Math.trunc(hundredths / 100)}.${(hundredths % 100).toString().padStart(2, '0')}`;
}

function parseScore(value: unknown): number {
  if (typeof value !== 'string') throw new GraphQLError('Score must be a decimal string such as "7.50"');
  try {
    return pointsToHundredths(value);
  } catch (error) {
    throw new GraphQLError((error as Error).message);
  }
}

/** Points of an assessment, written "7.50"; internally integer hundredths. */
export const ScoreScalar = new GraphQLScalarType({
  name: 'Score',
  description: 'A score in points as a decimal string with at most two decimals, e.g. "7.50".',
  serialize: (value) => hundredthsToPoints(Number(value)),
  parseValue: parseScore,
  parseLiteral: (ast) => parseScore(literalString(ast, 'Score')),
});

/** The scalars this graph defines itself; every subgraph and the gateway parse them the same way. */
export const GRAPH_SCALARS: readonly GraphQLScalarType[] = [
  DateScalar,
  DateTimeScalar,
  MoneyScalar,
  ScoreScalar,
];
