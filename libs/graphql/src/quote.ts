/**
 * The one way a message repeats what a client sent. Input is untrusted and unbounded: repeated
 * raw, a 100,000-character id makes a 100,000-character error, and control or bidi characters
 * (U+202E …) can make a log line or a front end's message read differently from what was sent.
 * So values are quoted JSON-style, with every control and invisible character escaped as \uXXXX,
 * and cut after `max` characters with the full length said.
 */

/** Characters a reader cannot see or that reorder text: C0/C1 controls, zero-width, bidi, BOM. */
const HIDDEN =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How many characters of a value a message repeats. */
export const QUOTE_MAX_CHARACTERS = 60;

export function quote(value: unknown, max = QUOTE_MAX_CHARACTERS): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null || value === undefined) return String(value);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // Counted in code points, as PostgreSQL and the length checks count them, so a cut never
  // splits a surrogate pair.
  const characters = [...text];
  const kept = characters.length > max ? characters.slice(0, max).join('') : text;
  const escaped = kept
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(HIDDEN, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return characters.length > max ? `"${escaped}"…(${characters.length} characters)` : `"${escaped}"`;
}
