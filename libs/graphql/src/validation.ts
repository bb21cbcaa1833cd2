import { BadUserInputError } from './errors';

/**
 * Input checks shared by every service's mutations. Each throws BAD_USER_INPUT naming the field,
 * so a front end can put the message next to the right box.
 */

/** Trimmed, non-empty text of at most `max` characters. */
export function requireText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text === '') throw new BadUserInputError(`${field} must not be empty`, field);
  if ([...text].length > max)
    throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  return text;
}

/** A whole year within a plausible range for records kept by these offices. */
export function requireYear(value: number, field: string, today: Date = new Date()): number {
  const latest = today.getUTCFullYear() + 1;
  if (!Number.isInteger(value) || value < 1978 || value > latest) {
    throw new BadUserInputError(`${field} must be a year between 1978 and ${latest}`, field);
  }
  return value;
}

/** A list with at least one element and no repeats. */
export function requireNonEmptyUnique<T>(values: T[], field: string): T[] {
  if (values.length === 0) throw new BadUserInputError(`${field} must list at least one value`, field);
  if (new Set(values).size !== values.length)
    throw new BadUserInputError(`${field} lists a value twice`, field);
  return values;
}

/** Escapes LIKE wildcards so a search for "50%" finds the text, not everything. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether a string is a UUID; ids that are not cannot name a row, so no query is sent for them. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
