/** Small helpers for reading what clients send; the checks themselves live in input-check.ts. */

/** Escapes LIKE wildcards so a search for "50%" finds the text, not everything. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether a string is a UUID; ids that are not cannot name a row, so no query is sent for them. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
