import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Waits while the output is full. The XLSX and PDF writers push their bytes without asking
 * whether the reader keeps up, so a slow output (an upload) would otherwise fill memory with a
 * large table; the renderers call this between rows so that they only produce what is taken.
 */
export async function outputDrained(output: NodeJS.WritableStream | Writable): Promise<void> {
  const writable = output as Partial<Writable>;
  if (writable.writableNeedDrain && !writable.destroyed) await once(output, 'drain');
}
