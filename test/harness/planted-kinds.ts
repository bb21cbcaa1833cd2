import { REGIONS, type PlantedStudio, type ScopeWorld } from './scope-world';

/**
 * Which planted object an ID argument names, told from its name alone — `workshopId`, `hostSchoolId`,
 * `participantIds`, `regionCode`, or a bare `id` (then the type the field returns or belongs to) — so
 * that generated calls aim at the right kind of object without a list of fields to keep up to date.
 */

/** Argument names that name a teacher by the part they play. */
const TEACHER_PARTS = ['participant', 'author', 'leader', 'applicant', 'trainee', 'member', 'host', 'holder'];

/** Argument names that say which kind they name only in their field's description. */
const NAMED_BY_DESCRIPTION: Record<string, string> = {
  // compareSchemeVersions(from, to) and a draft's basedOnId: versions of an assessment scheme.
  from: 'AssessmentScheme',
  to: 'AssessmentScheme',
  basedOnId: 'AssessmentScheme',
  // A self-report's evidence: a record of the studio, an activity unless its kind says otherwise.
  recordId: 'Activity',
};

/** One planted object of each kind a call may name: the kind is a schema type name, plus `Region`. */
export type ObjectsByKind = Record<string, string>;

/** The kind an ID argument or input field `name` names; `fallback` is the type a bare `id` is of. */
export function kindOf(name: string, fallback: string, kinds: readonly string[]): string {
  if (/code$/i.test(name)) return 'Region';
  if (name === 'id') return fallback;
  if (name in NAMED_BY_DESCRIPTION) return NAMED_BY_DESCRIPTION[name]!;
  const stem = name.replace(/Ids?$/, '').toLowerCase();
  const matching = kinds
    .filter((kind) => kind.toLowerCase().endsWith(stem) || stem.endsWith(kind.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  if (matching.length) return matching[0]!;
  if (TEACHER_PARTS.some((part) => stem.endsWith(part))) return 'Teacher';
  throw new Error(
    `cannot tell which kind of object the argument "${name}" names: plant one and teach planted-kinds.ts its name`,
  );
}

/** Objects to aim generated mutations at, and which of them are not the caller's to touch. */
export interface TargetSet {
  label: string;
  objects: ObjectsByKind;
  /** The ids in `objects` that belong to someone else; a call naming none of them is not a probe. */
  foreign: ReadonlySet<string>;
}

/** The id of the object of the right kind for argument `name`; `fallback` as for kindOf. */
export function targetId(target: TargetSet, name: string, fallback: string): string {
  const kind = kindOf(name, fallback, Object.keys(target.objects));
  const id = target.objects[kind];
  if (!id) throw new Error(`${target.label} has no ${kind} for the argument "${name}"`);
  return id;
}

/** A studio's own rows, one of each kind: a member's membership, a waiting application … */
function studioObjects(studio: PlantedStudio): ObjectsByKind {
  return {
    Workshop: studio.id,
    Membership: studio.memberMembershipId,
    TraineeApplication: studio.pendingApplicationId,
    Activity: studio.rows.activities.nodes[0]!.id,
    ResearchProject: studio.rows.researchProjects[0]!.id,
    Outcome: studio.rows.outcomes[0]!.id,
    SupportAgreement: studio.rows.supportAgreements[0]!.id,
    Certificate: studio.rows.certificates[0]!.id,
    FundAllocation: studio.funds.allocationId,
    // The waiting one: an expense a decision could still change.
    Expense: studio.funds.submittedExpenseId,
    FundEvent: studio.funds.eventIds[0]!,
    // The version out for comment: one a change could still reach.
    AssessmentScheme: studio.evaluation.schemeIds[1],
    AssessmentRound: studio.evaluation.roundId,
    Assessment: studio.evaluation.assessmentId,
    ReportJob: studio.report.jobId,
  };
}

/**
 * The three sets a home-county caller is probed with: the neighbour county's studio with its people;
 * the province studio (visible, not the county's to change) with the neighbour's people in it; and the
 * home county's own studio with the neighbour's people, as if adding them to one's own work.
 */
export function targetSets(world: ScopeWorld): TargetSet[] {
  const people = (teacher: { id: string }) => ({
    Teacher: teacher.id,
    School: world.neighbour.weakSchool.id,
    Region: REGIONS.neighbour,
    // Endpoints belong to their finance system alone: the neighbour's is everyone else's to leave be.
    WebhookEndpoint: world.webhooks.neighbour.id,
  });
  const foreignIds = (objects: ObjectsByKind, own: ObjectsByKind = {}) =>
    new Set(Object.values(objects).filter((id) => !Object.values(own).includes(id)));
  const neighbour = {
    ...studioObjects(world.neighbour.studio),
    ...people(world.neighbour.studio.openTrainee),
  };
  const province = { ...studioObjects(world.provinceStudio), ...people(world.provinceStudio.openTrainee) };
  const homeObjects = studioObjects(world.home.studio);
  const home = { ...homeObjects, ...people(world.neighbour.studio.openTrainee) };
  return [
    { label: "the neighbour county's studio", objects: neighbour, foreign: foreignIds(neighbour) },
    { label: 'the province studio', objects: province, foreign: foreignIds(province) },
    {
      label: "the home studio with the neighbour's people",
      objects: home,
      foreign: foreignIds(home, homeObjects),
    },
  ];
}
