import type { ObjectStore } from '@mingshi/storage';
import {
  readSectionFile,
  type ReportRequest,
  type SectionOutput,
  type SectionService,
} from '@mingshi/reports';

/** The sections of one report, read from the store by dataset. */
export class SectionData {
  constructor(
    private readonly store: ObjectStore,
    private readonly outputs: readonly SectionOutput[],
  ) {}

  /**
   * The rows of one dataset, streamed from the section file each time they are asked for; for
   * the lists that grow with the region.
   */
  async *rows<T>(service: SectionService, dataset: string): AsyncIterable<T> {
    for await (const line of readSectionFile(this.store, this.output(service).key)) {
      if (line.dataset === dataset) yield line.row as T;
    }
  }

  /** The rows of one dataset in memory: for the small ones (regions, totals, directories). */
  async all<T>(service: SectionService, dataset: string): Promise<T[]> {
    const rows: T[] = [];
    for await (const row of this.rows<T>(service, dataset)) rows.push(row);
    return rows;
  }

  private output(service: SectionService): SectionOutput {
    const found = this.outputs.find((output) => output.service === service);
    if (!found) throw new Error(`The report has no ${service} section`);
    return found;
  }
}

/** Region names by code, from the personnel section's `regions`; an unknown code shows as itself. */
export class RegionNames {
  constructor(private readonly names: ReadonlyMap<string, string>) {}

  name(code: string): string {
    return this.names.get(code) ?? code;
  }
}

/** What a chapter builder is given: the request, every section's rows, and region names. */
export interface ChapterInput {
  request: ReportRequest;
  data: SectionData;
  regions: RegionNames;
}
