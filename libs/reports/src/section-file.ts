import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { ObjectStore } from '@mingshi/storage';

/**
 * A section file is NDJSON: one `{"d": dataset, "r": row}` per line, in the order the section
 * wrote them. Line-delimited so both ends stream it: a section never holds a province's rows in
 * memory, and neither does the assembler reading them.
 */
interface SectionLine {
  d: string;
  r: Record<string, unknown>;
}

/** Writes one section file to the store as rows arrive, counting them and hashing the bytes. */
export class SectionFileWriter {
  private readonly stream = new PassThrough();
  private readonly hash = createHash('sha256');
  private readonly stored: Promise<{ size: number }>;
  private count = 0;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
  ) {
    this.stored = store.put(key, this.stream, 'application/x-ndjson; charset=utf-8');
    // A store that fails early must not leave the writer's caller waiting on backpressure for ever.
    this.stored.catch(() => this.stream.destroy());
  }

  get rows(): number {
    return this.count;
  }

  async write(dataset: string, row: Record<string, unknown>): Promise<void> {
    const line: SectionLine = { d: dataset, r: row };
    const text = `${JSON.stringify(line)}\n`;
    this.hash.update(text);
    this.count += 1;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Ends the file and waits until the store has all of it. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    this.stream.end();
    const { size } = await this.stored;
    return { bytes: size, sha256: this.hash.digest('hex') };
  }

  /** Gives up on the file: whatever reached the store is removed. */
  async abandon(): Promise<void> {
    this.stream.destroy();
    await this.stored.catch(() => undefined);
    await this.store.delete(this.key).catch(() => undefined);
  }
}

/** Every row of a section file, in order, with the dataset it belongs to. */
export async function* readSectionFile(
  store: ObjectStore,
  key: string,
): AsyncIterable<{ dataset: string; row: Record<string, unknown> }> {
  const lines = createInterface({ input: await store.get(key), crlfDelay: Infinity });
  for await (const text of lines) {
    if (text === '') continue;
    const line = JSON.parse(text) as SectionLine;
    yield { dataset: line.d, row: line.r };
  }
}
