import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectNotFoundError, type ObjectStore, type StoredObject } from './object-store';

/** Objects as files under one directory: the default store, for one machine. */
export class LocalDirectoryStore implements ObjectStore {
  constructor(private readonly root: string) {}

  async put(key: string, body: Readable | Buffer): Promise<{ size: number }> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(file));
    return { size: (await stat(file)).size };
  }

  async get(key: string): Promise<Readable> {
    const file = this.file(key);
    if (!(await this.stat(key))) throw new ObjectNotFoundError(key);
    return createReadStream(file);
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.file(key));
      return { key, size: info.size, lastModified: info.mtime };
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const key = path.relative(this.root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!key.startsWith(prefix)) continue;
      const found = await this.stat(key);
      if (found) yield found;
    }
  }

  private file(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}
