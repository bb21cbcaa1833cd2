import type { Readable } from 'node:stream';

/** One stored object as a listing or `stat` describes it. */
export interface StoredObject {
  key: string;
  /** Bytes. */
  size: number;
  lastModified: Date;
}

/**
 * Where report sections and finished reports are kept. Every service that writes a section and
 * the reports service that assembles and serves them share one store, so a key handed over
 * through a BullMQ flow names the same bytes for all of them. Keys are `/`-separated paths of
 * `[A-Za-z0-9._-]` segments; anything else is refused, so a key can never climb out of a
 * directory or name another bucket.
 */
export interface ObjectStore {
  /** Stores `body` under `key`, replacing what was there, and answers its size in bytes. */
  put(key: string, body: Readable | Buffer, contentType: string): Promise<{ size: number }>;
  /** The object's bytes as a stream; throws ObjectNotFoundError when there is none. */
  get(key: string): Promise<Readable>;
  /** What is stored under `key`, or null. */
  stat(key: string): Promise<StoredObject | null>;
  /** Removes the object; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every object whose key starts with `prefix`, in no promised order. */
  list(prefix: string): AsyncIterable<StoredObject>;
}

export class ObjectNotFoundError extends Error {
  readonly code = 'OBJECT_NOT_FOUND';
  constructor(readonly key: string) {
    super(`No stored object ${key}`);
    this.name = 'ObjectNotFoundError';
  }
}
