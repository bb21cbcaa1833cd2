import type { WorkshopLevel } from '../../../services/workshop/src/generated/resolvers-types';
import {
  DEFAULT_HOST_MINIMUM_TITLES,
  meetsMinimum,
  parseMinimumTitle,
  type MinimumTitle,
} from '../../../services/workshop/src/rules/host-eligibility';
import type { TalentTitlePlan, TeacherPlan } from '../personnel';
import { planAwardedTitle } from '../personnel/talent-titles';
import { Random } from '../random';
import type { Jurisdiction } from './jurisdictions';

/** The workshop service's default minimum title per studio level, which the seed data obeys. */
export const HOST_MINIMUMS: Record<WorkshopLevel, MinimumTitle> = {
  COUNTY: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.COUNTY),
  CITY: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.CITY),
  PROVINCE: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.PROVINCE),
};

export interface HostChoice {
  teacher: TeacherPlan;
  /** The title awarded to make them eligible, when no teacher already held one (see HostPicker). */
  awardedTitle: TalentTitlePlan | null;
}

interface Candidate {
  teacher: TeacherPlan;
  /** The year of their earliest title that meets the level's minimum. */
  since: number;
}

/**
 * Appoints studio hosts as founding a studio requires: a teacher of the studio's jurisdiction who
 * holds a talent title meeting the minimum for its level — awarded before the founding year, as
 * titles carry only their year and studios are founded in its first months — and who hosts no
 * other open studio (the seed never closes a host's membership except by revocation, so every host
 * is used once). Where the generated titles are too rare for the studios planned — small demo
 * counties — an experienced teacher is awarded the minimum title under personnel's own title
 * rules (planAwardedTitle), as a bureau would name its first studio hosts.
 */
export class HostPicker {
  private readonly hosting = new Set<string>();
  private readonly candidates = new Map<string, Candidate[]>();

  constructor(private readonly titlesByTeacher: ReadonlyMap<string, readonly TalentTitlePlan[]>) {}

  pick(jurisdiction: Jurisdiction, foundingYear: number): HostChoice {
    const titled = this.candidatesIn(jurisdiction).find(
      (c) => c.since < foundingYear && !this.hosting.has(c.teacher.id),
    );
    const choice = titled
      ? { teacher: titled.teacher, awardedTitle: null }
      : this.award(jurisdiction, foundingYear);
    this.hosting.add(choice.teacher.id);
    return choice;
  }

  /** The jurisdiction's titled teachers in a stable random order, so hosts spread over its schools. */
  private candidatesIn(jurisdiction: Jurisdiction): Candidate[] {
    let list = this.candidates.get(jurisdiction.code);
    if (!list) {
      const minimum = HOST_MINIMUMS[jurisdiction.level];
      list = [];
      for (const teacher of jurisdiction.teachers) {
        const years = (this.titlesByTeacher.get(teacher.id) ?? [])
          .filter((title) => meetsMinimum(title, minimum))
          .map((title) => title.year);
        if (years.length > 0) list.push({ teacher, since: Math.min(...years) });
      }
      list = new Random(`hosts:${jurisdiction.code}`).sample(list, list.length);
      this.candidates.set(jurisdiction.code, list);
    }
    return list;
  }

  private award(jurisdiction: Jurisdiction, foundingYear: number): HostChoice {
    const { kind, level } = HOST_MINIMUMS[jurisdiction.level];
    const random = new Random(`awarded-hosts:${jurisdiction.code}:${this.hosting.size}`);
    // Drawn at random rather than scanned in order, so that the first school's staff are not all hosts.
    for (const teacher of random.sample(jurisdiction.teachers, jurisdiction.teachers.length)) {
      if (this.hosting.has(teacher.id)) continue;
      const title = planAwardedTitle(teacher, kind, level, foundingYear - 1);
      if (title) return { teacher, awardedTitle: title };
    }
    throw new Error(
      `No teacher of ${jurisdiction.code} can be awarded ${kind}@${level} by ${foundingYear} to host a studio`,
    );
  }
}
