import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Principal } from '@mingshi/auth';
import {
  runSection,
  type ReportRequest,
  type AnySectionHandler,
  type SectionOutput,
  type SectionService,
} from '@mingshi/reports';
import { LocalDirectoryStore, type ObjectStore } from '@mingshi/storage';
import { SectionData } from '../../services/reports/src/assembly/section-data';

/**
 * Computes report sections as the section workers do (runSection, the real database and a real
 * store in a temporary directory), without the queues: for tests of what a section contains.
 */
export class SectionBench {
  private constructor(
    readonly store: ObjectStore,
    private readonly dir: string,
  ) {}

  static async create(): Promise<SectionBench> {
    const dir = await mkdtemp(path.join(tmpdir(), 'mingshi-sections-'));
    return new SectionBench(new LocalDirectoryStore(dir), dir);
  }

  async compute(options: {
    service: SectionService;
    dataSource: DataSource;
    handler: AnySectionHandler;
    request: ReportRequest;
    requester: Principal;
    reportId?: string;
    inputs?: SectionOutput[];
  }): Promise<SectionOutput> {
    return runSection({
      dataSource: options.dataSource,
      store: this.store,
      handler: options.handler,
      inputs: options.inputs,
      job: {
        reportId: options.reportId ?? randomUUID(),
        service: options.service,
        request: options.request,
        requester: options.requester,
      },
    });
  }

  /** The sections' rows, as the assembler reads them. */
  data(outputs: SectionOutput[]): SectionData {
    return new SectionData(this.store, outputs);
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
