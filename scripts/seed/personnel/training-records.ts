import type { TrainingSource } from '../../../services/personnel/src/generated/resolvers-types';
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
  hours: { min: number; max: number; step: number };
  descriptions: readonly ((year: number) => string)[];
}

/**
 * Where hours come from. STUDIO_CERTIFICATE is left out: those hours are credited when a studio
 * issues a completion certificate, so they belong with the studio data, certificate and all.
 */
const TRAINING_KINDS: Partial<Record<TrainingSource, TrainingKind>> = {
  ONLINE_COURSE: {
    weight: 5,
    hours: { min: 10, max: 50, step: 0.5 },
    descriptions: [
      (y) => `${y}年国家智慧教育平台寒假教师研修`,
      (y) => `${y}年国家智慧教育平台暑期教师研修`,
      () => '网络研修：义务教育课程标准解读',
      () => '网络研修：信息技术与学科教学融合',
    ],
  },
  EXTERNAL_TRAINING: {
    weight: 2,
    hours: { min: 16, max: 80, step: 1 },
    descriptions: [
      (y) => `国培计划（${y}）示范性项目`,
      () => '省级骨干教师培训',
      () => '市级学科教学能力提升培训',
      () => '跟岗研修',
    ],
  },
  SCHOOL_BASED: {
    weight: 4,
    hours: { min: 8, max: 36, step: 1 },
    descriptions: [
      () => '校本研修：大单元教学设计',
      () => '校本研修：作业设计与评价',
      () => '校本研修：课堂观察与议课',
    ],
  },
  OTHER: {
    weight: 1,
    hours: { min: 2, max: 12, step: 0.5 },
    descriptions: [() => '学术会议', () => '教学竞赛观摩'],
  },
};

const SOURCE_WEIGHTS = Object.fromEntries(
  Object.entries(TRAINING_KINDS).map(([source, kind]) => [source, kind.weight]),
) as Partial<Record<TrainingSource, number>>;

/**
 * Last year's and this year's records of about one teacher in three, one to three records a year;
 * this year's recorded by today at the latest.
 */
export function planTrainingRecords(teacher: TeacherPlan): TrainingRecordPlan[] {
  const random = new Random(`${teacher.key}:training`);
  const records: TrainingRecordPlan[] = [];
  const { today, year: thisYear } = teacher.calendar;
  for (let year = Math.max(teacher.hireYear, thisYear - 1); year <= thisYear; year++) {
    if (!random.chance(0.35)) continue;
    const count = random.int(1, 3);
    for (let i = 0; i < count; i++) {
      const source = random.weighted(SOURCE_WEIGHTS);
      const kind = TRAINING_KINDS[source]!;
      records.push({
        id: stableUuid(`${teacher.key}:training:${year}:${i}`),
        teacherId: teacher.id,
        year,
        hours: random.stepped(kind.hours.min, kind.hours.max, kind.hours.step),
        source,
        description: random.pick(kind.descriptions)(year),
        sourceRef: null,
        recordedBy: 'seed',
        recordedAt: `${earlier(isoDate(year, random.int(1, 11), random.int(1, 28)), today)} 10:00:00+08`,
      });
    }
  }
  return records;
}
