import { regionLevel } from '@mingshi/auth';
import { SUBJECT_WORDS, wordFor, type StudioEntry, type StudioStatus } from '@mingshi/reports';
import type { ChapterInput, RegionNames } from './section-data';

/** The words bureaus use for a studio's attributes, in report tables. */
export const STUDIO_LEVEL_WORDS: Record<StudioEntry['level'], string> = {
  PROVINCE: '省级',
  CITY: '市级',
  COUNTY: '县级',
};

export const STUDIO_TYPE_WORDS: Record<StudioEntry['type'], string> = {
  TEACHER: '名师工作室',
  PRINCIPAL: '名校长工作室',
  HEAD_TEACHER: '名班主任工作室',
};

export const STUDIO_STATUS_WORDS: Record<StudioStatus, string> = {
  PROPOSED: '筹建',
  ACTIVE: '运行中',
  RECTIFYING: '整改',
  REVOKED: '取消资格',
  CONCLUDED: '周期结束',
  RENEWED: '续建',
  REORGANIZED: '重组',
  DISSOLVED: '撤销',
};

/** A studio's subject in a bureau's words; — for a studio of no one subject. */
export function subjectWord(subject: string | null): string {
  return subject === null ? '—' : wordFor(SUBJECT_WORDS, subject);
}

/**
 * Where a studio belongs as a report table says it: its county's name, or 某市本级 / 某省本级 for a
 * studio a city or province founded — the bureaus' word for a jurisdiction's own, as opposed to
 * its counties'.
 */
export function foundingRegionName(regions: RegionNames, code: string): string {
  const name = regions.name(code);
  return regionLevel(code) === 'COUNTY' ? name : `${name}本级`;
}

/** A studio of the workshop section's directory, with the name of the region that founded it. */
export interface DirectoryStudio extends StudioEntry {
  regionName: string;
}

/**
 * The workshop section's `studios` by id, for chapters that know studios only by id (finance's
 * FUND_USAGE, evaluation's ASSESSMENT_RESULTS, the roster). A few thousand rows for a province,
 * read once per report.
 */
export class StudioDirectory {
  private constructor(private readonly studios: ReadonlyMap<string, DirectoryStudio>) {}

  static async load(input: ChapterInput): Promise<StudioDirectory> {
    const rows = await input.data.all<StudioEntry>('workshop', 'studios');
    return new StudioDirectory(
      new Map(
        rows.map((studio) => [
          studio.id,
          { ...studio, regionName: foundingRegionName(input.regions, studio.regionCode) },
        ]),
      ),
    );
  }

  get size(): number {
    return this.studios.size;
  }

  /** Undefined for a studio the workshop section did not list: outside the report's region. */
  get(id: string): DirectoryStudio | undefined {
    return this.studios.get(id);
  }

  /** The studio's name, or — for one the report does not cover. */
  name(id: string): string {
    return this.studios.get(id)?.name ?? '—';
  }

  /** Every studio, in the section's order (by founding region, then name). */
  list(): IterableIterator<DirectoryStudio> {
    return this.studios.values();
  }
}
