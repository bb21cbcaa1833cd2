import type { EntityManager } from 'typeorm';
import type { Principal, PrincipalScope, RegionRange } from '@mingshi/auth';
import type { ReportRequest } from './section-job';
import type { SectionService } from './report-kinds';

/**
 * What a section handler works with. The manager is inside one REPEATABLE READ transaction with
 * the requester's scope applied for row-level security, so every statement of the section reads
 * the same snapshot and nothing outside the requester's scope.
 */
export interface SectionContext<Datasets extends object = Record<string, Record<string, unknown>>> {
  manager: EntityManager;
  /** The report this section belongs to: what an audit of the personal data it shows names. */
  reportId: string;
  request: ReportRequest;
  requester: Principal;
  /** The requester's whole scope, as row-level security sees it. */
  scope: PrincipalScope;
  /** The report's region narrowed to the requester's scope: what the section covers. */
  range: RegionRange;
  /** Appends one row of a dataset to the section file (waits while the store catches up). */
  emit<K extends keyof Datasets & string>(dataset: K, row: Datasets[K]): Promise<void>;
  /**
   * Rows of a statement read through a server-side cursor, `batchSize` at a time: for lists
   * that grow with the scope (a province's teachers), so the worker's memory does not.
   */
  stream<Row = Record<string, unknown>>(
    sql: string,
    params: unknown[],
    batchSize?: number,
  ): AsyncIterable<Row>;
  /** Reports how far the section is, 0–100; shown per section on the report job. */
  progress(percent: number): Promise<void>;
  /** Rows of one dataset of a section this one `needs` (REPORT_SECTIONS), streamed from its file. */
  inputRows<Row = Record<string, unknown>>(service: SectionService, dataset: string): AsyncIterable<Row>;
}

/** Computes one service's section of one kind of report. */
export type SectionHandler<Datasets extends object = Record<string, Record<string, unknown>>> = (
  context: SectionContext<Datasets>,
) => Promise<void>;

/**
 * A handler of any service's datasets, as the runtime holds them: each handler is typed by its
 * own datasets, and the runtime only passes them a context.
 */
export type AnySectionHandler = SectionHandler<never>;
