import { planAllocations, type AllocationPlan } from '../finance/funds';
import { cycleYears, type StudioRecords } from '../workshop';
import { planActivities } from '../workshop/activities';
import { tallyActivities } from '../workshop/activity-tallies';
import { planCertificates } from '../workshop/certificates';
import { groupBy } from '../workshop/collections';
import { planOutcomes } from '../workshop/outcomes';
import { planResearchProjects } from '../workshop/research-projects';
import { storyCycles } from '../workshop/lifecycle';
import { AS_OF, fixture } from '../workshop/test-fixtures';
import { planRounds, type RoundPlan } from './rounds';
import { planSchemes, type Office, type SchemeVersionPlan } from './schemes';

export interface EvaluationFixture {
  records: Map<string, StudioRecords>;
  /** By studio id, then year. */
  allocations: Map<string, Map<number, AllocationPlan>>;
  schemes: SchemeVersionPlan[];
  rounds: RoundPlan[];
}

const built = new Map<string, EvaluationFixture>();

/**
 * The workshop fixture's studios (many small ones, so that every story happens) with their records
 * and money as the workshop and finance families plan them, and the evaluation family's plans.
 */
export function evaluationFixture(asOf = AS_OF): EvaluationFixture {
  let known = built.get(asOf);
  if (!known) {
    known = planEvaluation(asOf);
    built.set(asOf, known);
  }
  return known;
}

/** As evaluationFixture, planned afresh. */
export function planEvaluation(asOf: string): EvaluationFixture {
  const { studios, teachers } = fixture({ teachersPerStudio: 40, asOf });
  const teachersBySchool = groupBy(teachers, (t) => t.school.id);
  const records = new Map<string, StudioRecords>();
  for (const { studio, team } of studios) {
    const activities = tallyActivities(
      planActivities(studio, team.memberships, teachersBySchool),
      cycleYears(studio),
    );
    records.set(studio.id, {
      studio,
      memberships: team.memberships,
      activities,
      researchProjects: planResearchProjects(studio, team.memberships, asOf),
      outcomes: planOutcomes(studio, team.memberships),
      certificates: [],
    });
  }
  for (const certificate of planCertificates(studios).certificates) {
    records.get(certificate.workshopId)!.certificates.push(certificate);
  }
  const allocations = new Map<string, Map<number, AllocationPlan>>();
  for (const { studio } of studios) {
    allocations.set(studio.id, new Map(planAllocations(studio, asOf).map((plan) => [plan.year, plan])));
  }
  const offices: Office[] = [...groupBy(studios, ({ studio }) => studio.jurisdiction.code).values()].map(
    (group) => ({
      level: group[0]!.studio.level,
      code: group[0]!.studio.jurisdiction.code,
      studios: group.map(({ studio }) => studio),
    }),
  );
  const cycles = storyCycles(asOf);
  const schemes = planSchemes(offices, cycles.previous, cycles.current + 1);
  const inputs = { schemes: groupBy(schemes, (s) => s.regionCode), records, allocations, asOf };
  return { records, allocations, schemes, rounds: offices.flatMap((office) => planRounds(office, inputs)) };
}
