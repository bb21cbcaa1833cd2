import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type Dirent, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertObjectKey, isObjectKey, parseObjectPrefix } from './object-key';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store';

/**
 * Objects as files under one directory: the default store, for one machine (or a shared volume).
 *
 * A put writes a temporary file beside its target and renames it into place, so a reader sees the
 * old object or the whole new one, never part of it, and a body that fails leaves nothing. The
 * temporary name carries a `~`, which no key may contain, so no key names it and listings skip it.
 * A writer killed mid-put (kill -9) leaves its temporary behind; deleting the key removes those of
 * its writers too, so a report's folder empties once its files are deleted.
 * A key cannot be both an object and the folder of others (`a` and `a/b`): a file system cannot
 * hold both, and the project's keys never need to.
 */
/** What a temporary's name adds to its target's: no key contains a `~`. */
const TEMPORARY_MARK = '~';

export class LocalDirectoryStore implements ObjectStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** A file keeps no content type: whoever serves it goes by the key's extension. */
  async put(key: string, body: Readable | Buffer, _contentType: string): Promise<{ size: number }> {
    assertObjectKey(key);
    const file = this.file(key);
    const temporary = `${file}${TEMPORARY_MARK}${randomBytes(8).toString('hex')}.tmp`;
    try {
      const target = await this.createFile(temporary);
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, target);
      await rename(temporary, file);
      return { size: target.bytesWritten };
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    assertObjectKey(key);
    const handle = await open(this.file(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw isMissing(error) ? new ObjectNotFoundError(key) : error;
    });
    // Opening first and reading from the handle means an object deleted after this check is still
    // read whole, and a folder (`a` of `a/b`) is not mistaken for an object.
    try {
      if (!(await handle.stat()).isFile()) throw new ObjectNotFoundError(key);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return handle.createReadStream();
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertObjectKey(key);
    return this.describe(key, this.file(key));
  }

  async delete(key: string): Promise<void> {
    assertObjectKey(key);
    const file = this.file(key);
    await this.removeAbandonedWrites(file);
    try {
      await unlink(file);
    } catch (error) {
      // Nothing there, or only a folder of other keys (`a` of `a/b`): no object to remove.
      if (isMissing(error as NodeJS.ErrnoException) || (error as NodeJS.ErrnoException).code === 'EISDIR')
        return;
      throw error;
    }
    await this.pruneEmptyFolders(path.dirname(file));
  }

  /** The temporaries of `file` that writers killed mid-put left beside it. */
  private async removeAbandonedWrites(file: string): Promise<void> {
    const prefix = `${path.basename(file)}${TEMPORARY_MARK}`;
    const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.startsWith(prefix))
        .map((name) => rm(path.join(path.dirname(file), name), { force: true })),
    );
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const { folder, partial } = parseObjectPrefix(prefix);
    // Only the folder the prefix names is walked, not the whole store.
    yield* this.walk(folder, (name) => name.startsWith(partial));
  }

  private async *walk(folder: string[], admit: (name: string) => boolean): AsyncIterable<StoredObject> {
    const directory = path.join(this.root, ...folder);
    let entries: Dirent[];
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      // A folder that is not there (or was pruned by a delete during the walk) holds nothing.
      if (isMissing(error as NodeJS.ErrnoException)) return;
      throw error;
    }
    for (const entry of entries) {
      if (!admit(entry.name) || !isObjectKey(entry.name)) continue;
      const segments = [...folder, entry.name];
      if (entry.isDirectory()) {
        yield* this.walk(segments, () => true);
      } else if (entry.isFile()) {
        const found = await this.describe(segments.join('/'), path.join(directory, entry.name));
        if (found) yield found;
      }
    }
  }

  private async describe(key: string, file: string): Promise<StoredObject | null> {
    try {
      const info = await stat(file);
      return info.isFile() ? { key, size: info.size, lastModified: info.mtime } : null;
    } catch (error) {
      if (isMissing(error as NodeJS.ErrnoException)) return null;
      throw error;
    }
  }

  /**
   * Opens a new file, creating its folders. Retried because a delete of a folder's last object may
   * prune that folder (or a parent) between the mkdir and the open, or during the mkdir itself.
   */
  private async createFile(file: string, attempts = 5): Promise<WriteStream> {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      // `flush` makes the bytes durable before the rename publishes them.
      const stream = createWriteStream(file, { flags: 'wx', flush: true });
      await once(stream, 'open');
      return stream;
    } catch (error) {
      if (attempts > 1 && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        return this.createFile(file, attempts - 1);
      }
      throw error;
    }
  }

  /** Removes folders left empty up to the root, so deleted reports leave no directories behind. */
  private async pruneEmptyFolders(directory: string): Promise<void> {
    for (
      let current = directory;
      current.startsWith(`${this.root}${path.sep}`);
      current = path.dirname(current)
    ) {
      try {
        await rmdir(current);
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
    }
  }

  private file(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}

/** The errors that mean "nothing stored there": missing, or a file where a folder was expected. */
function isMissing(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ENOENT' || error.code === 'ENOTDIR';
}
