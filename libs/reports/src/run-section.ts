import type { DataSource } from 'typeorm';
import { intersect, regionRange, scopeOf } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import type { ObjectStore } from '@mingshi/storage';
import { SectionFileWriter, readSectionFile } from './section-file';
import type { SectionService } from './report-kinds';
import type { AnySectionHandler, SectionContext } from './section-context';
import { sectionKey, type SectionJobData, type SectionOutput } from './section-job';

/** A section that cannot be computed however often it is retried (BullMQ: UnrecoverableError). */
export class SectionRefusedError extends Error {
  readonly code = 'SECTION_REFUSED';
  constructor(message: string) {
    super(message);
    this.name = 'SectionRefusedError';
  }
}

export interface RunSectionOptions {
  dataSource: DataSource;
  store: ObjectStore;
  job: SectionJobData;
  handler: AnySectionHandler;
  /** Outputs of the sections this one needs. */
  inputs?: SectionOutput[];
  onProgress?: (percent: number) => Promise<void>;
  /** Bounds each statement; a province section is allowed minutes, not for ever. */
  statementTimeoutMs?: number;
  /** READ ONLY, as on the read replicas' pool (SectionWorker decides). */
  readOnly?: boolean;
}

export const DEFAULT_SECTION_STATEMENT_TIMEOUT_MS = 10 * 60_000;

/**
 * A section is background work: its statements run without parallel workers, on one core, so a
 * province's aggregates never take every core from the graph's own requests (on 2 cores a
 * parallel scan of a million activities would; the bench measures the studios page beside a
 * province report). Applied to the section's transaction only.
 */
export const SECTION_SESSION_SETTINGS = `SELECT set_config('max_parallel_workers_per_gather', '0', true)`;

/**
 * Runs one section: opens its snapshot in the requester's scope, lets the handler stream rows
 * into the section file, and answers where the file is. Nothing is left behind on failure: the
 * transaction rolls back and the partial file is removed.
 */
export async function runSection(options: RunSectionOptions): Promise<SectionOutput> {
  const { job, store, handler, inputs = [] } = options;
  const scope = scopeOf(job.requester);
  const range = intersect(scope, regionRange(job.request.regionCode));
  if (!range) {
    throw new SectionRefusedError(`Region ${job.request.regionCode} is outside the requester's scope`);
  }
  const runner = options.dataSource.createQueryRunner();
  const writer = new SectionFileWriter(store, sectionKey(job.reportId, job.service));
  let cursors = 0;
  try {
    await runner.connect();
    await runner.startTransaction('REPEATABLE READ');
    await applyScope(runner, scope, {
      statementTimeoutMs: options.statementTimeoutMs ?? DEFAULT_SECTION_STATEMENT_TIMEOUT_MS,
      readOnly: options.readOnly,
    });
    await runner.query(SECTION_SESSION_SETTINGS);
    const context: SectionContext = {
      manager: runner.manager,
      reportId: job.reportId,
      request: job.request,
      requester: job.requester,
      scope,
      range,
      emit: (dataset, row) => writer.write(dataset, row),
      async *stream<Row>(sql: string, params: unknown[], batchSize = 2000): AsyncIterable<Row> {
        const cursor = `section_cursor_${++cursors}`;
        await runner.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, params);
        try {
          for (;;) {
            const rows = (await runner.query(`FETCH ${batchSize} FROM ${cursor}`)) as Row[];
            for (const row of rows) yield row;
            if (rows.length < batchSize) break;
          }
        } finally {
          await runner.query(`CLOSE ${cursor}`);
        }
      },
      progress: async (percent) => {
        await options.onProgress?.(Math.max(0, Math.min(100, Math.round(percent))));
      },
      async *inputRows<Row>(service: SectionService, dataset: string): AsyncIterable<Row> {
        const found = inputs.find((output) => output.service === service);
        if (!found) throw new SectionRefusedError(`The ${job.service} section needs the ${service} section`);
        for await (const line of readSectionFile(store, found.key)) {
          if (line.dataset === dataset) yield line.row as Row;
        }
      },
    };
    await handler(context);
    const { bytes, sha256 } = await writer.finish();
    await runner.commitTransaction();
    return { service: job.service, key: writer.key, rows: writer.rows, bytes, sha256 };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await writer.abandon();
    throw error;
  } finally {
    await runner.release();
  }
}
