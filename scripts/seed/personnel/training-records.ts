import type { TrainingSource } from '../../../services/personnel/src/generated/resolvers-types';
import { DEFAULT_REQUIRED_TRAINING_HOURS } from '../../../services/personnel/src/rules/training';
import { earlier, isoDate } from '../calendar';
import { Random, stableUuid } from '../random';
import type { TeacherPlan } from './teachers';

export interface TrainingRecordPlan {
  id: string;
  teacherId: string;
  year: number;
  hours: number;
  source: TrainingSource;
  description: string;
  /** What the hours were credited for, when a record must be credited once: `certificate:<id>`. */
  sourceRef: string | null;
  recordedBy: string;
  recordedAt: string;
}

interface TrainingKind {
  weight: number;
  descriptions: readonly ((year: number) => string)[];
}

/**
 * Where hours come from. STUDIO_CERTIFICATE is left out: those hours are credited when a studio
 * issues a completion certificate, so they belong with the studio data, certificate and all.
 */
const TRAINING_KINDS: Partial<Record<TrainingSource, TrainingKind>> = {
  ONLINE_COURSE: {
    weight: 5,
    descriptions: [
      (y) => `${y}年国家智慧教育平台寒假教师研修`,
      (y) => `${y}年国家智慧教育平台暑期教师研修`,
      () => '网络研修：义务教育课程标准解读',
      () => '网络研修：信息技术与学科教学融合',
    ],
  },
  EXTERNAL_TRAINING: {
    weight: 2,
    descriptions: [
      (y) => `国培计划（${y}）示范性项目`,
      () => '省级骨干教师培训',
      () => '市级学科教学能力提升培训',
      () => '跟岗研修',
    ],
  },
  SCHOOL_BASED: {
    weight: 4,
    descriptions: [
      () => '校本研修：大单元教学设计',
      () => '校本研修：作业设计与评价',
      () => '校本研修：课堂观察与议课',
    ],
  },
  OTHER: {
    weight: 1,
    descriptions: [() => '学术会议', () => '教学竞赛观摩'],
  },
};

const SOURCE_WEIGHTS = Object.fromEntries(
  Object.entries(TRAINING_KINDS).map(([source, kind]) => [source, kind.weight]),
) as Partial<Record<TrainingSource, number>>;

/**
 * Most teachers complete the yearly requirement (每年不少于72学时); the bureaus list those who fall
 * short by name, as the exception. Of the rest a few record nothing at all.
 */
const MEETING_SHARE = 0.8;
const NOTHING_RECORDED_SHARE = 0.1;

/**
 * Last year's and this year's records of each teacher, two to four a year, summing to a yearly
 * total that meets the requirement for most; this year's total is as far along as the year is, and
 * recorded by today at the latest.
 */
export function planTrainingRecords(teacher: TeacherPlan): TrainingRecordPlan[] {
  const random = new Random(`${teacher.key}:training`);
  const records: TrainingRecordPlan[] = [];
  const { today, year: thisYear } = teacher.calendar;
  for (let year = Math.max(teacher.hireYear, thisYear - 1); year <= thisYear; year++) {
    const total = yearTotal(random, year === thisYear ? yearElapsed(today) : 1);
    splitHours(random, total, random.int(2, 4)).forEach((hours, i) => {
      const source = random.weighted(SOURCE_WEIGHTS);
      records.push({
        id: stableUuid(`${teacher.key}:training:${year}:${i}`),
        teacherId: teacher.id,
        year,
        hours,
        source,
        description: random.pick(TRAINING_KINDS[source]!.descriptions)(year),
        sourceRef: null,
        recordedBy: 'seed',
        recordedAt: `${earlier(isoDate(year, random.int(1, 11), random.int(1, 28)), today)} 10:00:00+08`,
      });
    });
  }
  return records;
}

/** A teacher's hours of one year: `elapsed` is how much of the year has passed (1 for a past year). */
function yearTotal(random: Random, elapsed: number): number {
  if (random.chance(MEETING_SHARE))
    return halfHours(random.stepped(DEFAULT_REQUIRED_TRAINING_HOURS, 120, 0.5) * elapsed);
  if (random.chance(NOTHING_RECORDED_SHARE / (1 - MEETING_SHARE))) return 0;
  return halfHours(random.stepped(8, DEFAULT_REQUIRED_TRAINING_HOURS - 0.5, 0.5) * elapsed);
}

/** `total` hours as up to `count` records of at least half an hour each, summing to it exactly. */
function splitHours(random: Random, total: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => random.int(1, 3));
  const sum = weights.reduce((a, b) => a + b, 0);
  const hours: number[] = [];
  let left = total;
  for (const weight of weights.slice(0, -1)) {
    const share = Math.min(left, Math.max(0.5, halfHours((total * weight) / sum)));
    if (share > 0) hours.push(share);
    left = halfHours(left - share);
  }
  if (left > 0) hours.push(left);
  return hours;
}

function halfHours(hours: number): number {
  return Math.round(hours * 2) / 2;
}

/** The share of `today`'s year that has passed by it. */
function yearElapsed(today: string): number {
  const year = Number(today.slice(0, 4));
  return (
    (Date.parse(`${today}T00:00:00Z`) - Date.UTC(year, 0, 1) + 86_400_000) /
    (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1))
  );
}
