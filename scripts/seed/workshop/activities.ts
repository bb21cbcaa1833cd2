import type {
  ActivityType,
  ResourceKind,
  WorkshopType,
} from '../../../services/workshop/src/generated/resolvers-types';
import { daysBetween, dayBetween } from '../calendar';
import type { SchoolPlan, TeacherPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import { drawTeachers, supportTargets, teamPools } from './pools';
import type { StudioPlan } from './studios';
import { presentOn, type MembershipPlan } from './team';

export interface ResourcePlan {
  title: string;
  url: string;
  kind: ResourceKind;
}

export interface ActivityPlan {
  id: string;
  workshopId: string;
  type: ActivityType;
  title: string;
  date: string;
  place: string;
  hours: number;
  targetSchoolId: string | null;
  resources: ResourcePlan[];
  viewCount: number;
  participantIds: string[];
}

/** About 330 activities over a full three-year cycle, varying by a quarter either way per studio. */
const ACTIVITIES_PER_YEAR = 110;

/**
 * Teachers recorded per activity, four on average. Real activities gather 5–40, but a province's
 * million activities would then carry some 20 million participant rows; with row-level security
 * and the foreign key checked per row, PostgreSQL inserts them at about 40,000 a second on two
 * cores, so the province seed would take eleven minutes instead of three.
 */
export const PARTICIPANTS = { min: 2, max: 6 };

interface ActivityKind {
  weight: number;
  /** Hours credited to each participant, in halves. */
  hours: { min: number; max: number };
  /** Share of participants from outside the team: the teachers an activity reaches. */
  outsiders: number;
  title: (parts: TitleParts) => string;
}

interface TitleParts {
  area: string;
  topic: string;
  target: SchoolPlan | null;
  venue: string;
}

/**
 * What studios do, in the proportions their yearly reports show: mostly 主题教研 and 团队研修, then
 * 示范课 and 送教下乡. An outreach visit goes to a rural or weak school, whose teachers make up half
 * of those taking part.
 */
const KINDS: Record<ActivityType, ActivityKind> = {
  THEMED_RESEARCH: {
    weight: 28,
    hours: { min: 2, max: 4 },
    outsiders: 0.2,
    title: (p) => `${p.area}“${p.topic}”主题教研活动`,
  },
  TEAM_STUDY: { weight: 24, hours: { min: 2, max: 6 }, outsiders: 0, title: (p) => `${p.topic}专题研修` },
  DEMONSTRATION_LESSON: {
    weight: 12,
    hours: { min: 1, max: 3 },
    outsiders: 0.3,
    title: (p) => `${p.area}示范课：${p.topic}`,
  },
  OUTREACH: {
    weight: 10,
    hours: { min: 3, max: 8 },
    outsiders: 0.5,
    title: (p) => `送教下乡：走进${p.target!.name}`,
  },
  EXPERT_LECTURE: {
    weight: 8,
    hours: { min: 2, max: 4 },
    outsiders: 0.3,
    title: (p) => `专家讲座：${p.topic}`,
  },
  LIVE_STREAM: {
    weight: 7,
    hours: { min: 1, max: 2 },
    outsiders: 0.4,
    title: (p) => `线上直播：${p.area}${p.topic}`,
  },
  SHADOWING: { weight: 5, hours: { min: 6, max: 8 }, outsiders: 0, title: (p) => `跟岗研修：${p.topic}` },
  EXTERNAL_TRAINING: {
    weight: 4,
    hours: { min: 6, max: 8 },
    outsiders: 0,
    title: (p) => `赴${p.venue}参加${p.topic}研修`,
  },
  OTHER: { weight: 2, hours: { min: 1, max: 3 }, outsiders: 0, title: () => '工作室学期工作计划研讨会' },
};

const KIND_WEIGHTS = Object.fromEntries(
  Object.entries(KINDS).map(([type, kind]) => [type, kind.weight]),
) as Record<ActivityType, number>;

const TOPICS: Record<WorkshopType, readonly string[]> = {
  TEACHER: [
    '大单元教学设计',
    '新课标解读',
    '作业设计与评价',
    '情境教学',
    '跨学科主题学习',
    '课堂观察与议课',
    '核心素养导向的课堂教学',
    '项目式学习',
    '信息技术与学科教学融合',
    '教学评一致性',
    '命题研究',
  ],
  HEAD_TEACHER: [
    '班级文化建设',
    '家校共育',
    '主题班会设计',
    '学生心理健康教育',
    '班级自主管理',
    '劳动教育实践',
  ],
  PRINCIPAL: ['学校发展规划', '课程领导力', '教师专业发展', '校园安全管理', '“双减”政策落实', '学校文化建设'],
};

const VENUES = [
  '省教育科学研究院',
  '市教师发展中心',
  '北京师范大学',
  '华东师范大学',
  '西南大学',
  '东北师范大学',
];

const RESOURCE_KINDS: readonly { kind: ResourceKind; word: string; extension: string }[] = [
  { kind: 'COURSEWARE', word: '课件', extension: 'pptx' },
  { kind: 'VIDEO', word: '视频', extension: 'mp4' },
  { kind: 'LESSON_PLAN', word: '教案', extension: 'docx' },
  { kind: 'ARTICLE', word: '简报', extension: 'html' },
];

/**
 * A studio's activities, one cycle after another, each on a day between the cycle's start of work
 * and its last day of work (never after the last recorded day), each drawn from its own key.
 */
export function planActivities(
  studio: StudioPlan,
  team: readonly MembershipPlan[],
  teachersBySchool: ReadonlyMap<string, readonly TeacherPlan[]>,
): ActivityPlan[] {
  const random = new Random(`${studio.key}:activities`);
  const targets = supportTargets(studio);
  const weights = targets.length > 0 ? KIND_WEIGHTS : { ...KIND_WEIGHTS, OUTREACH: 0 };
  const pools = teamPools(studio);
  const activities: ActivityPlan[] = [];
  for (const cycle of studio.lifecycle.cycles) {
    const years = (daysBetween(cycle.activeOn, cycle.lastWorkDay) + 1) / 365;
    const count = Math.round(years * ACTIVITIES_PER_YEAR * (0.75 + 0.5 * random.next()));
    for (let i = 0; i < count; i++) {
      const key = `${studio.key}:activity:${activities.length}`;
      const draws = new Random(key);
      const type = draws.weighted(weights);
      const kind = KINDS[type];
      const target = type === 'OUTREACH' ? draws.pick(targets) : null;
      const venue = draws.pick(VENUES);
      const title = kind.title({ area: studio.area, topic: draws.pick(TOPICS[studio.type]), target, venue });
      const date = dayBetween(draws, cycle.activeOn, cycle.lastWorkDay);
      const id = stableUuid(key);
      const resources = planResources(draws, id, title, type);
      activities.push({
        id,
        workshopId: studio.id,
        type,
        title,
        date,
        place: placeOf(type, venue, target ?? studio.host.school),
        hours: draws.stepped(kind.hours.min, kind.hours.max, 0.5),
        targetSchoolId: target?.id ?? null,
        resources,
        viewCount:
          type === 'LIVE_STREAM' ? draws.int(200, 5000) : resources.length > 0 ? draws.int(20, 1500) : 0,
        participantIds: participants(
          draws,
          team,
          date,
          kind,
          target ? [teachersBySchool.get(target.id) ?? [], ...pools] : pools,
        ),
      });
    }
  }
  return activities;
}

/** Online for a stream, the venue for training elsewhere, else the school visited or the host's. */
function placeOf(type: ActivityType, venue: string, school: SchoolPlan): string {
  if (type === 'LIVE_STREAM') return '线上';
  return type === 'EXTERNAL_TRAINING' ? venue : school.name;
}

/** How many materials an activity publishes: none 35 %, one 35 %, two 20 %, three 10 %. */
const RESOURCE_COUNTS = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3];

/** Materials published with the activity, each at an http(s) URL; a stream's first is its video. */
function planResources(
  random: Random,
  activityId: string,
  title: string,
  type: ActivityType,
): ResourcePlan[] {
  return Array.from({ length: random.pick(RESOURCE_COUNTS) }, (_, n) => {
    const resource = type === 'LIVE_STREAM' && n === 0 ? RESOURCE_KINDS[1]! : random.pick(RESOURCE_KINDS);
    return {
      title: `${title}${resource.word}`,
      url: `https://res.mingshi.example/activities/${activityId}/${n + 1}.${resource.extension}`,
      kind: resource.kind,
    };
  });
}

/**
 * Who took part: the host mostly, members and trainees whose place was open that day, and the
 * kind's share of outsiders from the jurisdiction (for outreach, first the visited school's staff),
 * each already teaching in the activity's year.
 */
function participants(
  random: Random,
  team: readonly MembershipPlan[],
  date: string,
  kind: ActivityKind,
  outsiderPools: readonly (readonly TeacherPlan[])[],
): string[] {
  const count = random.int(PARTICIPANTS.min, PARTICIPANTS.max);
  const present = presentOn(team, date);
  const host = present.find((m) => m.role === 'HOST');
  const chosen = host && random.chance(0.9) ? [host.teacher] : [];
  const outsiders = Math.round(count * kind.outsiders * (0.5 + random.next()));
  const others = present.filter((m) => m.role !== 'HOST').map((m) => m.teacher);
  chosen.push(...random.sample(others, Math.max(0, count - outsiders - chosen.length)));
  const inTeam = new Set(present.map((m) => m.teacher.id));
  const year = Number(date.slice(0, 4));
  chosen.push(
    ...drawTeachers(
      random,
      outsiderPools,
      count - chosen.length,
      (t) => inTeam.has(t.id) || t.hireYear > year,
    ),
  );
  return chosen.map((teacher) => teacher.id);
}
