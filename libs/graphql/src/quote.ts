/**
 * The one way a message repeats what a client sent. Input is untrusted and unbounded: repeated
 * raw, a 100,000-character id makes a 100,000-character error, and control or bidi characters
 * (U+202E …) can make a log line or a front end's message read differently from what was sent.
 * So values are quoted JSON-style, with every control and invisible character escaped as \uXXXX,
 * and cut after `max` characters with the full length said.
 */

/**
 * Code points a reader cannot see or that reorder text: C0 and C1 controls, soft hyphen, Arabic
 * letter mark, Hangul fillers, Mongolian vowel separator, zero-width and bidi marks, line and
 * paragraph separators, word joiners and invisible operators, variation selectors, BOM,
 * interlinear annotations, tag characters — and lone surrogates (halves of a character that is not there).
 */
const HIDDEN: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xd800, 0xdfff],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xe0000, 0xe007f],
];

const SHORT_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '"': '\\"',
  '\\': '\\\\',
};

function escape(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short) return short;
  // Iterating a string by code point leaves only lone surrogates as single UTF-16 units here.
  const code = character.codePointAt(0)!;
  const hidden = HIDDEN.some(([lo, hi]) => code >= lo && code <= hi);
  return hidden ? `\\u${code.toString(16).padStart(4, '0')}` : character;
}

/** How many characters of a value a message repeats. */
const QUOTE_MAX_CHARACTERS = 60;

export function quote(value: unknown, max = QUOTE_MAX_CHARACTERS): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null || value === undefined) return String(value);
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // Counted in code points, as PostgreSQL and the length checks count them, so a cut never
  // splits a surrogate pair.
  const characters = [...text];
  const escaped = characters.slice(0, max).map(escape).join('');
  return characters.length > max ? `"${escaped}"…(${characters.length} characters)` : `"${escaped}"`;
}
