/**
 * The one normalisation of text input for the whole graph, applied to every String and ID argument
 * and input field before any resolver sees it (libs/subgraph-server's normalizeArguments):
 * Unicode NFC, so 'é' typed two ways is one name; trimmed of white space and of invisible
 * characters (zero-width spaces, direction marks, byte-order marks) at either end; refused when
 * it holds control characters, direction overrides or broken UTF-16 (which PostgreSQL cannot
 * store, and which make one name look like another); capped in length. An id may not be empty. Services cap their own
 * fields tighter (a name at 50 …); the cap here bounds what any field can be sent.
 */

/** The longest text any argument may carry; a description is far shorter. */
export const MAX_TEXT_LENGTH = 10_000;
/** Ids are UUIDs and region codes; anything much longer is not one. */
export const MAX_ID_LENGTH = 100;

/** White space and invisible characters that may pad a value but are not part of it. */
const EDGE = /^[\s\u200B-\u200F\u2060\uFEFF\u061C\u180E]+|[\s\u200B-\u200F\u2060\uFEFF\u061C\u180E]+$/g;
/** C0 controls but tab and line breaks, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates: they reorder how text is shown (e.g. a file name's extension). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextCheck = { ok: true; value: string } | { ok: false; problem: string };

/** Normalises one text value, or says what is wrong with it (without repeating it). */
export function normalizeText(value: string, kind: 'text' | 'id' = 'text'): TextCheck {
  if (LONE_SURROGATE.test(value))
    return { ok: false, problem: 'is not valid Unicode text (a broken surrogate pair)' };
  if (CONTROL.test(value)) return { ok: false, problem: 'must not contain control characters' };
  if (BIDI_CONTROL.test(value))
    return { ok: false, problem: 'must not contain text-direction override characters' };
  const max = kind === 'id' ? MAX_ID_LENGTH : MAX_TEXT_LENGTH;
  // Checked before NFC as well, so a huge value costs no normalisation work.
  if (value.length > max * 4) return { ok: false, problem: `must be at most ${max} characters` };
  const normalized = value.normalize('NFC').replace(EDGE, '');
  if ([...normalized].length > max) return { ok: false, problem: `must be at most ${max} characters` };
  // No row has an empty key: an empty id is a client's mistake, not "none" (leave the field out).
  if (kind === 'id' && normalized === '')
    return { ok: false, problem: 'must not be empty (leave it out instead)' };
  return { ok: true, value: normalized };
}

/**
 * Text cut to at most `max` characters, counted as PostgreSQL counts them (code points, so a
 * character outside the BMP is never split): for notes that wrap a reason already at its column's
 * length, such as 工作室取消资格：<reason>.
 */
export function clipText(text: string, max: number): string {
  return [...text].slice(0, max).join('');
}
