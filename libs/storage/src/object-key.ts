/** The longest key accepted: S3's limit (1024 bytes; keys are ASCII, so characters are bytes). */
export const MAX_OBJECT_KEY_LENGTH = 1024;

/**
 * The longest segment accepted. Below a file name's 255 bytes, so the local store's temporary
 * file (the segment plus a random suffix) still fits in the directory beside it.
 */
export const MAX_KEY_SEGMENT_LENGTH = 200;

const SEGMENT = /^[A-Za-z0-9._-]+$/;
const PARTIAL_SEGMENT = /^[A-Za-z0-9._-]*$/;

/** Thrown before any I/O when a key or prefix is not one the stores accept. */
export class InvalidObjectKeyError extends Error {
  readonly code = 'INVALID_OBJECT_KEY';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`Invalid object key ${JSON.stringify(String(key).slice(0, 80))}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}

/** Why `segment` cannot be one step of a key, or null when it can. */
function segmentProblem(segment: string): string | null {
  if (segment === '') return 'has an empty segment (leading, trailing or doubled "/")';
  if (segment === '.' || segment === '..') return `has a "${segment}" segment`;
  if (segment.length > MAX_KEY_SEGMENT_LENGTH)
    return `has a segment longer than ${MAX_KEY_SEGMENT_LENGTH} characters`;
  if (!SEGMENT.test(segment)) return 'has a character outside A-Z a-z 0-9 . _ -';
  return null;
}

/** Why `key` is refused, or null when the stores accept it. */
function keyProblem(key: string): string | null {
  if (typeof key !== 'string' || key === '') return 'is empty';
  if (key.length > MAX_OBJECT_KEY_LENGTH) return `is longer than ${MAX_OBJECT_KEY_LENGTH} characters`;
  for (const segment of key.split('/')) {
    const problem = segmentProblem(segment);
    if (problem) return problem;
  }
  return null;
}

/**
 * Refuses a key that is not `/`-separated segments of `[A-Za-z0-9._-]`, none empty, `.` or `..`:
 * such a key could climb out of the local store's directory or mean different things to the
 * file system and to S3.
 */
export function assertObjectKey(key: string): void {
  const problem = keyProblem(key);
  if (problem) throw new InvalidObjectKeyError(key, problem);
}

/** Whether `key` is one the stores accept; listings show only such keys. */
export function isObjectKey(key: string): boolean {
  return keyProblem(key) === null;
}

/**
 * Splits a listing prefix into its whole segments (a folder) and the start of a last segment.
 * `reports/12/` is the folder `reports/12`; `reports/12` also matches `reports/123/…`. The empty
 * prefix lists everything. The folder's segments follow the key rules; the partial last segment
 * may be anything a segment can start with.
 */
export function parseObjectPrefix(prefix: string): { folder: string[]; partial: string } {
  if (typeof prefix !== 'string') throw new InvalidObjectKeyError(prefix, 'is not a string');
  if (prefix.length > MAX_OBJECT_KEY_LENGTH) {
    throw new InvalidObjectKeyError(prefix, `is longer than ${MAX_OBJECT_KEY_LENGTH} characters`);
  }
  const segments = prefix.split('/');
  const partial = segments.pop() ?? '';
  for (const segment of segments) {
    const problem = segmentProblem(segment);
    if (problem) throw new InvalidObjectKeyError(prefix, problem);
  }
  if (!PARTIAL_SEGMENT.test(partial)) {
    throw new InvalidObjectKeyError(prefix, 'has a character outside A-Z a-z 0-9 . _ -');
  }
  return { folder: segments, partial };
}
