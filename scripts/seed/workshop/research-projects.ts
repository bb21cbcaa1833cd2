import type {
  AchievementLevel,
  ResearchProjectStatus,
  WorkshopLevel,
} from '../../../services/workshop/src/generated/resolvers-types';
import { researchProjectProblem } from '../../../services/workshop/src/rules/research-project-flow';
import { addDays, dayBetween } from '../calendar';
import { Random, stableUuid } from '../random';
import { RESEARCH_TOPICS } from './labels';
import type { StudioPlan } from './studios';
import { presentOn, type MembershipPlan } from './team';

export interface ResearchProjectPlan {
  id: string;
  title: string;
  level: AchievementLevel;
  status: ResearchProjectStatus;
  leaderId: string;
  startedOn: string | null;
  concludedOn: string | null;
  registeredOn: string;
}

/** A studio's 课题 are registered at its own level or above it, rarely higher still. */
export const ACHIEVEMENT_LEVELS: Record<WorkshopLevel, Partial<Record<AchievementLevel, number>>> = {
  COUNTY: { COUNTY: 5, CITY: 4, PROVINCE: 1 },
  CITY: { CITY: 5, PROVINCE: 4, NATIONAL: 0.5 },
  PROVINCE: { PROVINCE: 6, NATIONAL: 2 },
};

const TITLES = [
  (area: string, topic: string) => `${area}${topic}的实践研究`,
  (area: string, topic: string) => `基于${topic}的${area}教学策略研究`,
  (area: string, topic: string) => `核心素养视域下${area}${topic}研究`,
];

/**
 * One to four research projects (课题), each registered in one of the studio's cycles and led by
 * its host or a member of its team then. A project opens (开题) some weeks after registration and
 * runs one to two and a half years: concluded (结题) if that end came by the cycle's last day of
 * work, else terminated (终止) when the studio was revoked, else in progress — or not yet opened,
 * if registered lately. Each passes the service's own consistency check.
 */
export function planResearchProjects(
  studio: StudioPlan,
  team: readonly MembershipPlan[],
  asOf: string,
): ResearchProjectPlan[] {
  const random = new Random(`${studio.key}:research`);
  return Array.from({ length: random.int(1, 4) }, (_, n) => {
    const cycle = random.pick(studio.lifecycle.cycles);
    const registeredOn = dayBetween(random, cycle.activeOn, cycle.lastWorkDay);
    const leaders = presentOn(team, registeredOn).filter((m) => m.role !== 'TRAINEE');
    const opensOn = addDays(registeredOn, random.int(30, 120));
    const endsOn = addDays(opensOn, random.int(365, 900));
    const started = opensOn <= cycle.lastWorkDay;
    const revokedOn = studio.lifecycle.revoked?.on ?? null;
    const status: ResearchProjectStatus =
      started && endsOn <= cycle.lastWorkDay
        ? 'CONCLUDED'
        : revokedOn
          ? 'TERMINATED'
          : started
            ? 'IN_PROGRESS'
            : random.pick(['DECLARED', 'APPROVED'] as const);
    const project = {
      status,
      startedOn: started ? opensOn : null,
      concludedOn: status === 'CONCLUDED' ? endsOn : status === 'TERMINATED' ? revokedOn : null,
    };
    const problem = researchProjectProblem(project, asOf);
    if (problem) throw new Error(`research project ${n} of ${studio.key}: ${problem.message}`);
    return {
      id: stableUuid(`${studio.key}:research:${n}`),
      title: random.pick(TITLES)(studio.area, random.pick(RESEARCH_TOPICS)),
      level: random.weighted(ACHIEVEMENT_LEVELS[studio.level]),
      leaderId: random.pick(leaders).teacher.id,
      registeredOn,
      ...project,
    };
  });
}
