import { createHash } from 'node:crypto';
import { PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { REPORT_SECTIONS, flatten, type SectionOutput, type SectionService } from '@mingshi/reports';
import type { ObjectStore } from '@mingshi/storage';
import { REPORT_FILE_TYPES, renderReport } from '../render';
import { reportFileKey, type AssemblyJobData, type AssemblyResult } from './assembly-job';
import { buildReportDocument } from './build-document';
import { SectionData } from './section-data';

/** A report that cannot be assembled however often it is tried (BullMQ's UnrecoverableError by name). */
export class IncompleteReportError extends Error {
  constructor(message: string) {
    super(message);
    // BullMQ recognises unrecoverable errors by this name, also across the sandbox's process boundary.
    this.name = 'UnrecoverableError';
  }
}

/**
 * Renders one report from its sections' files, or copies the earlier file when every section
 * came out byte for byte as before. Refuses to render from fewer sections than the kind has, so
 * a partial report is never written.
 */
export async function assembleReport(
  store: ObjectStore,
  data: AssemblyJobData,
  childOutputs: SectionOutput[],
  now = new Date(),
): Promise<AssemblyResult> {
  const outputs = flatten(childOutputs);
  const expected = REPORT_SECTIONS[data.request.kind].map((spec) => spec.service);
  const missing = expected.filter((service) => !outputs.some((output) => output.service === service));
  if (missing.length > 0) throw new IncompleteReportError(`The ${missing.join(', ')} section is missing`);
  const sectionDigests = Object.fromEntries(outputs.map((o) => [o.service, o.sha256])) as Partial<
    Record<SectionService, string>
  >;
  const type = REPORT_FILE_TYPES[data.format];
  const fileKey = reportFileKey(data.reportId, type.extension);

  if (data.reuse && sameDigests(data.reuse.sectionDigests, sectionDigests, expected)) {
    const earlier = await store.stat(data.reuse.fileKey);
    if (earlier) {
      const copied = await store.put(fileKey, await store.get(data.reuse.fileKey), type.contentType);
      const sha256 = await digestOf(store, fileKey);
      return { fileKey, sizeBytes: copied.size, sha256, sectionDigests, reusedFromId: data.reuse.reportId };
    }
  }

  const document = await buildReportDocument(data.request, new SectionData(store, outputs), now);
  const hash = createHash('sha256');
  const file = new PassThrough();
  const stored = store.put(fileKey, file, type.contentType);
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const rendering = new PassThrough();
  await Promise.all([renderReport(document, data.format, rendering), pipeline(rendering, hashing, file)]);
  const { size } = await stored;
  return { fileKey, sizeBytes: size, sha256: hash.digest('hex'), sectionDigests, reusedFromId: null };
}

function sameDigests(
  a: Partial<Record<SectionService, string>>,
  b: Partial<Record<SectionService, string>>,
  services: SectionService[],
): boolean {
  return services.every((service) => a[service] !== undefined && a[service] === b[service]);
}

async function digestOf(store: ObjectStore, key: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await store.get(key)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
