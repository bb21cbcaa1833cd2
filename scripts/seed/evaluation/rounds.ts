import type { RoundKind, WorkshopLevel } from '../../../services/evaluation/src/generated/resolvers-types';
import { cycleEndYear } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { RECTIFICATION_DAYS, annualResultsFinal, annualRoundOver } from '../assessment-calendar';
import { addDays, chinaTime, dayBetween, isoDate } from '../calendar';
import { SEED_USER } from '../context';
import type { AllocationPlan } from '../finance/funds';
import type { TeacherPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import type { StudioRecords } from '../workshop';
import { planAssessment, type AssessmentPlan, type RoundFacts } from './assessments';
import { annualResult, declining, followUpResult, runningOn, termEndResult } from './histories';
import { schemeInForce, type Office, type SchemeVersionPlan } from './schemes';

export interface RoundPlan extends RoundFacts {
  office: Office;
  createdAt: string;
  createdBy: string;
  followUpOf: string | null;
  assessments: AssessmentPlan[];
}

export interface AssessmentInputs {
  schemes: ReadonlyMap<string, readonly SchemeVersionPlan[]>;
  records: ReadonlyMap<string, StudioRecords>;
  /** By studio id, then year. */
  allocations: ReadonlyMap<string, ReadonlyMap<number, AllocationPlan>>;
  asOf: string;
}

const LEVEL_WORDS: Record<WorkshopLevel, string> = { PROVINCE: '省级', CITY: '市级', COUNTY: '县级' };

/** Experts on a round's panel: enough that each studio finds three or five without a conflict. */
const PANEL = 12;

/** Only 高级 and 正高级 teachers sit on panels, where the office has enough of them. */
const SENIOR_RANKS: ReadonlySet<string> = new Set(['SENIOR', 'SENIOR_PROFESSOR']);

/**
 * An office's rounds, as the assessment calendar has them: an annual round (年度考核) for every year
 * whose results were all final by `asOf` and in which any of its studios ran, for the studios
 * running when it opened; at the end of each cycle a term-end round (期满考核) for that cycle's
 * studios; and for each annual round that gave 基本合格 results the follow-up round (整改复评) the
 * service opens for them. Each studio's results are those its status history requires.
 */
export function planRounds(office: Office, inputs: AssessmentInputs): RoundPlan[] {
  const versions = inputs.schemes.get(office.code) ?? [];
  const seniors = office.studios[0]!.jurisdiction.teachers.filter((t) => SENIOR_RANKS.has(t.rank));
  const pool = office.studios[0]!.jurisdiction.teachers;
  const rounds: RoundPlan[] = [];
  const firstYear = Math.min(...office.studios.map((s) => s.lifecycle.cycles[0]!.startYear));
  const lastYear = Number(inputs.asOf.slice(0, 4)) - 1;
  for (let year = firstYear; year <= lastYear && annualRoundOver(year, inputs.asOf); year++) {
    const annual = annualRound(office, year, versions, seniors, pool, inputs);
    if (!annual) continue;
    rounds.push(annual);
    const followUp = followUpRound(annual, inputs);
    if (followUp) rounds.push(followUp);
  }
  const cycleStarts = new Set(office.studios.flatMap((s) => s.lifecycle.cycles.map((c) => c.startYear)));
  for (const startYear of [...cycleStarts].sort()) {
    if (!annualRoundOver(cycleEndYear(startYear), inputs.asOf)) continue;
    const termEnd = termEndRound(office, startYear, versions, seniors, pool, inputs);
    if (termEnd) rounds.push(termEnd);
  }
  return rounds;
}

function annualRound(
  office: Office,
  year: number,
  versions: readonly SchemeVersionPlan[],
  seniors: readonly TeacherPlan[],
  pool: readonly TeacherPlan[],
  inputs: AssessmentInputs,
): RoundPlan | null {
  const key = `round:${office.code}:ANNUAL:${year}`;
  const random = new Random(key);
  const openedOn = dayBetween(random, isoDate(year, 11, 1), isoDate(year, 11, 20));
  const round = newRound(office, key, 'ANNUAL', `${year}年度${LEVEL_WORDS[office.level]}名师工作室考核`, {
    period: { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) },
    openedOn,
    deadline: dayBetween(random, isoDate(year, 12, 15), isoDate(year + 1, 1, 4)),
    versions,
    panel: panelOf(random, seniors, pool),
    pool,
  });
  if (!round) return null;
  const final = annualResultsFinal(year);
  round.assessments = running(office, openedOn, inputs).map((records) =>
    planAssessment(round, records, allocationsOf(records, inputs), {
      required: annualResult(records.studio.lifecycle, year),
      createdOn: openedOn,
      createdAt: round.createdAt,
      finalising: final,
      declining: declining(records.studio.lifecycle, year),
      followUpTitle: followUpTitle(round.title),
      withSelfReport: true,
      asOf: inputs.asOf,
    }),
  );
  return round.assessments.length > 0 ? round : null;
}

/**
 * The cycle's term-end round, opened after that year's annual one, for the studios running in the
 * cycle's last weeks. Its results are final when the history's decision on the next cycle was taken;
 * a studio still waiting for one has its assessment open, the office not having finalised it.
 */
function termEndRound(
  office: Office,
  startYear: number,
  versions: readonly SchemeVersionPlan[],
  seniors: readonly TeacherPlan[],
  pool: readonly TeacherPlan[],
  inputs: AssessmentInputs,
): RoundPlan | null {
  const endYear = cycleEndYear(startYear);
  const key = `round:${office.code}:TERM_END:${startYear}`;
  const random = new Random(key);
  const openedOn = dayBetween(random, isoDate(endYear, 11, 21), isoDate(endYear, 11, 30));
  const title = `${startYear}—${endYear}年${LEVEL_WORDS[office.level]}名师工作室期满考核`;
  const round = newRound(office, key, 'TERM_END', title, {
    period: { from: isoDate(startYear, 1, 1), to: isoDate(endYear, 12, 31) },
    openedOn,
    deadline: dayBetween(random, isoDate(endYear, 12, 20), isoDate(endYear + 1, 1, 4)),
    versions,
    panel: panelOf(random, seniors, pool),
    pool,
  });
  if (!round) return null;
  round.assessments = running(office, openedOn, inputs)
    .filter((records) => records.studio.lifecycle.cycles.some((c) => c.startYear === startYear))
    .map((records) =>
      planAssessment(round, records, allocationsOf(records, inputs), {
        required: termEndResult(records.studio.lifecycle, startYear),
        createdOn: openedOn,
        createdAt: round.createdAt,
        finalising: null,
        declining: false,
        followUpTitle: null,
        withSelfReport: true,
        asOf: inputs.asOf,
      }),
    );
  return round.assessments.length > 0 ? round : null;
}

/**
 * The follow-up round the service opens when the first of an annual round's 基本合格 results
 * becomes final, due when that first studio's rectification is; each such studio is put into it the
 * day its own result became final. It fails a studio the history revoked, and is still open for
 * one still rectifying.
 */
function followUpRound(annual: RoundPlan, inputs: AssessmentInputs): RoundPlan | null {
  const basic = annual.assessments
    .filter((a) => a.result?.grade === 'BASIC')
    .sort((a, b) => a.result!.finalOn.localeCompare(b.result!.finalOn));
  if (basic.length === 0) return null;
  const firstFinal = basic[0]!.result!.finalOn;
  const key = annual.key.replace(':ANNUAL:', ':FOLLOW_UP:');
  const round: RoundPlan = {
    ...annual,
    id: stableUuid(key),
    key,
    kind: 'FOLLOW_UP',
    title: followUpTitle(annual.title),
    deadline: addDays(firstFinal, RECTIFICATION_DAYS),
    panel: panelOf(new Random(key), annual.panel, annual.pool),
    createdAt: chinaTime(firstFinal, '09:05'),
    createdBy: 'system',
    followUpOf: annual.id,
    assessments: [],
  };
  round.assessments = basic.map((a) => {
    const finalOn = a.result!.finalOn;
    return planAssessment(round, a.records, allocationsOf(a.records, inputs), {
      required: followUpResult(a.records.studio.lifecycle),
      createdOn: finalOn,
      createdAt: chinaTime(finalOn, '09:05'),
      finalising: null,
      declining: false,
      followUpTitle: null,
      withSelfReport: false,
      asOf: inputs.asOf,
    });
  });
  return round;
}

/** As the service names a follow-up round: the round's title and 整改复评, within 100 characters. */
function followUpTitle(title: string): string {
  return `${title}（整改复评）`.slice(0, 100);
}

function newRound(
  office: Office,
  key: string,
  kind: RoundKind,
  title: string,
  facts: {
    period: RoundFacts['period'];
    openedOn: string;
    deadline: string;
    versions: readonly SchemeVersionPlan[];
    panel: readonly TeacherPlan[];
    pool: readonly TeacherPlan[];
  },
): RoundPlan | null {
  const scheme = schemeInForce(facts.versions, facts.openedOn);
  if (!scheme) return null;
  return {
    id: stableUuid(key),
    key,
    kind,
    title,
    scheme,
    period: facts.period,
    deadline: facts.deadline,
    panel: facts.panel,
    pool: facts.pool,
    office,
    createdAt: chinaTime(facts.openedOn, '09:00'),
    createdBy: SEED_USER,
    followUpOf: null,
    assessments: [],
  };
}

/** The office's studios running when the round opened, as openAssessmentRound finds them. */
function running(office: Office, openedOn: string, inputs: AssessmentInputs): StudioRecords[] {
  return office.studios
    .filter((studio) => runningOn(studio.lifecycle, openedOn))
    .map((studio) => inputs.records.get(studio.id)!);
}

function panelOf(
  random: Random,
  seniors: readonly TeacherPlan[],
  pool: readonly TeacherPlan[],
): TeacherPlan[] {
  return random.sample(seniors.length >= PANEL ? seniors : pool, PANEL);
}

function allocationsOf(
  records: StudioRecords,
  inputs: AssessmentInputs,
): ReadonlyMap<number, AllocationPlan> {
  return inputs.allocations.get(records.studio.id) ?? new Map();
}
