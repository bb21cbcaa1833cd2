import type { SupportAgreementStatus } from '../../../services/workshop/src/generated/resolvers-types';
import {
  agreementPeriodProblem,
  visitsPerTermProblem,
} from '../../../services/workshop/src/rules/support-agreement';
import { cycleEndYear } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { addDays, dayBetween, earlier, isoDate } from '../calendar';
import type { SchoolPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import { supportTargets } from './pools';
import type { StudioPlan } from './studios';

export interface SupportAgreementPlan {
  id: string;
  school: SchoolPlan;
  content: string;
  startsOn: string;
  endsOn: string;
  visitsPerTerm: number;
  agreedResults: string;
  status: SupportAgreementStatus;
}

const RESULTS = [
  '帮助受援学校教师提升课堂教学能力，形成常态化校本研修机制',
  '受援学校相关学科教学质量稳步提升，培养校级骨干教师一至二名',
  '建立结对帮扶关系，共建共享优质课例和教学资源',
];

/**
 * One to three support agreements (帮扶协议) with different rural or weak schools of the
 * jurisdiction (supportTargets), each signed early in a cycle and running one or two years, never
 * past the cycle's end. On `asOf` an agreement whose period is over is COMPLETED, one the studio's
 * revocation cut short TERMINATED, and the rest ACTIVE. A jurisdiction without such schools has
 * no agreements.
 */
export function planSupportAgreements(studio: StudioPlan, asOf: string): SupportAgreementPlan[] {
  const random = new Random(`${studio.key}:support`);
  const revokedOn = studio.lifecycle.revoked?.on ?? null;
  return random.sample(supportTargets(studio), random.int(1, 3)).map((school, n) => {
    const cycle = random.pick(studio.lifecycle.cycles);
    // Signed in the first half year of the cycle's work, on a day the studio still worked.
    const startsOn = dayBetween(
      random,
      cycle.activeOn,
      earlier(addDays(cycle.activeOn, 180), cycle.lastWorkDay),
    );
    const endsOn = earlier(
      addDays(startsOn, 365 * random.int(1, 2) - 1),
      isoDate(cycleEndYear(cycle.startYear), 12, 31),
    );
    const visitsPerTerm = random.int(1, 6);
    const problem = agreementPeriodProblem(startsOn, endsOn) ?? visitsPerTermProblem(visitsPerTerm);
    if (problem) throw new Error(`support agreement ${n} of ${studio.key}: ${problem}`);
    const status: SupportAgreementStatus =
      revokedOn && revokedOn <= endsOn ? 'TERMINATED' : endsOn < asOf ? 'COMPLETED' : 'ACTIVE';
    return {
      id: stableUuid(`${studio.key}:support:${school.key}`),
      school,
      content: `${studio.name}与${school.name}结对帮扶：每学期送教送培、听评课指导、专题讲座，共同开展${studio.area}校本研修`,
      startsOn,
      endsOn,
      visitsPerTerm,
      agreedResults: random.pick(RESULTS),
      status,
    };
  });
}
