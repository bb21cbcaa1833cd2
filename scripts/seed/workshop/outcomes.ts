import type { AchievementLevel, OutcomeKind } from '../../../services/workshop/src/generated/resolvers-types';
import { dayBetween } from '../calendar';
import { Random, stableUuid } from '../random';
import { LEVEL_WORDS, RESEARCH_TOPICS } from './labels';
import { ACHIEVEMENT_LEVELS } from './research-projects';
import type { StudioPlan } from './studios';
import { presentOn, type MembershipPlan } from './team';

export interface OutcomePlan {
  id: string;
  kind: OutcomeKind;
  title: string;
  level: AchievementLevel;
  achievedOn: string;
  authorIds: string[];
}

interface OutcomeType {
  weight: number;
  /** How many of the team sign it; an honour is the host's. */
  authors: { min: number; max: number };
  title: (area: string, level: string, topic: string) => string;
}

const OUTCOME_TYPES: Record<OutcomeKind, OutcomeType> = {
  PAPER: { weight: 35, authors: { min: 1, max: 3 }, title: (a, _, t) => `${t}在${a}教学中的实践与思考` },
  AWARD: { weight: 25, authors: { min: 1, max: 2 }, title: (a, l, _) => `${l}${a}优质课评比一等奖` },
  RESOURCE: { weight: 22, authors: { min: 1, max: 3 }, title: (a, _, t) => `${a}${t}精品课例资源包` },
  HONOUR: { weight: 12, authors: { min: 1, max: 1 }, title: (_, l) => `${l}优秀名师工作室主持人` },
  BOOK: { weight: 6, authors: { min: 2, max: 3 }, title: (a, _, t) => `${a}${t}研究与实践` },
};

const KIND_WEIGHTS = Object.fromEntries(
  Object.entries(OUTCOME_TYPES).map(([kind, type]) => [kind, type.weight]),
) as Record<OutcomeKind, number>;

/**
 * Three to fifteen outcomes (成果) over the studio's cycles, each on a day of work and signed by
 * one to three of the team then (host, members or trainees); an honour goes to the host alone.
 */
export function planOutcomes(studio: StudioPlan, team: readonly MembershipPlan[]): OutcomePlan[] {
  const random = new Random(`${studio.key}:outcomes`);
  return Array.from({ length: random.int(3, 15) }, (_, n) => {
    const cycle = random.pick(studio.lifecycle.cycles);
    const achievedOn = dayBetween(random, cycle.activeOn, cycle.lastWorkDay);
    const kind = random.weighted(KIND_WEIGHTS);
    const type = OUTCOME_TYPES[kind];
    const level = random.weighted(ACHIEVEMENT_LEVELS[studio.level]);
    const present = presentOn(team, achievedOn);
    const authors =
      kind === 'HONOUR'
        ? present.filter((m) => m.role === 'HOST')
        : random.sample(present, random.int(type.authors.min, type.authors.max));
    return {
      id: stableUuid(`${studio.key}:outcome:${n}`),
      kind,
      title: type.title(studio.area, LEVEL_WORDS[level], random.pick(RESEARCH_TOPICS)),
      level,
      achievedOn,
      authorIds: authors.map((m) => m.teacher.id),
    };
  });
}
