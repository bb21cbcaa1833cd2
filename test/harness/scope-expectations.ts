import { Role } from '@mingshi/auth';
import {
  REGIONS,
  type PlantedEndpoint,
  type PlantedStudio,
  type PlantedTeacher,
  type ScopeWorld,
} from './scope-world';
import type { TokenRequest } from './system';

/**
 * What each caller of the home county may and may not see of the planted world, as docs/roles.md
 * says: the values that must never come back to them, and some that must (so a probe that reads
 * nothing cannot pass).
 */

export interface Marker {
  /** A value planted in the world: an id, a name, a national ID number … */
  value: string;
  /** What kind of value it is, for a report: `东区 (neighbour) teacher's national ID`. */
  what: string;
  /** Whose, e.g. `东探甲`, when that is not part of `what`. */
  of?: string;
}

export interface ProbeRole {
  name: string;
  caller: TokenRequest;
  /** Values that must not appear anywhere in what the role is answered. */
  hidden: Marker[];
  /** Values that must appear somewhere in what the role is answered. */
  expected: Marker[];
  /** Object types of which the role may read no record at all. */
  unreadableTypes: string[];
}

function teacherMarkers(teacher: PlantedTeacher, label: string): Marker[] {
  return [
    { value: teacher.id, what: `${label} teacher's id`, of: teacher.name },
    { value: teacher.name, what: `${label} teacher's name`, of: teacher.name },
    ...personalData(teacher, label),
  ];
}

function personalData(teacher: PlantedTeacher, label: string): Marker[] {
  return [
    { value: teacher.nationalId, what: `${label} teacher's national ID, unmasked`, of: teacher.name },
    { value: teacher.phone, what: `${label} teacher's phone, unmasked`, of: teacher.name },
  ];
}

/** Types only a finance system reads (its own webhook endpoints): every other role is refused them. */
export const FINANCE_SYSTEM_ONLY_TYPES = ['WebhookEndpoint', 'WebhookDelivery', 'WebhookAttempt'];

/** A studio's money: its allocation, expenses, their payees and its fund events. */
function fundMarkers(studio: PlantedStudio, options: { payees?: boolean } = {}): Marker[] {
  const { funds } = studio;
  const of = (what: string) => `${what} of ${studio.name}`;
  return [
    { value: funds.allocationId, what: of('fund allocation id') },
    { value: funds.documentNumber, what: of('fund allocation document number') },
    ...funds.approvedExpenseIds.map((id) => ({ value: id, what: of('expense id') })),
    { value: funds.submittedExpenseId, what: of('expense id') },
    ...funds.eventIds.map((id) => ({ value: id, what: of('fund event id') })),
    ...(options.payees === false ? [] : funds.payees.map((p) => ({ value: p, what: of('expense payee') }))),
  ];
}

/** A studio's assessment: its round's and scheme's ids, the self-report, the host's comment. */
function evaluationMarkers(
  studio: PlantedStudio,
  parts: { scheme?: boolean; assessment?: boolean; comment?: boolean },
): Marker[] {
  const { evaluation } = studio;
  const of = (what: string) => `${what} of ${studio.name}`;
  return [
    ...(parts.scheme
      ? [
          ...evaluation.schemeIds.map((id) => ({ value: id, what: of('assessment scheme id') })),
          { value: evaluation.schemeName, what: of('assessment scheme name') },
          { value: evaluation.roundId, what: of('assessment round id') },
        ]
      : []),
    ...(parts.assessment
      ? [
          { value: evaluation.assessmentId, what: of('assessment id') },
          { value: evaluation.selfReportSummary, what: of('self-report') },
        ]
      : []),
    ...(parts.comment ? [{ value: evaluation.commentBody, what: of("host's comment on the scheme") }] : []),
  ];
}

function endpointMarkers(endpoint: PlantedEndpoint, label: string): Marker[] {
  return [
    { value: endpoint.id, what: `${label} webhook endpoint id` },
    { value: endpoint.url, what: `${label} webhook endpoint URL` },
  ];
}

/** A studio's id, name and every row of it, with the texts planted in them. */
function studioMarkers(studio: PlantedStudio): Marker[] {
  const { rows } = studio;
  const of = (what: string) => `${what} of ${studio.name}`;
  return [
    { value: studio.id, what: of('studio id') },
    { value: studio.name, what: of('studio name') },
    ...rows.memberships.map((m) => ({ value: m.id, what: of(`${m.role} membership id`) })),
    ...rows.activities.nodes.flatMap((a) => [
      { value: a.id, what: of('activity id') },
      { value: a.title, what: of('activity title') },
    ]),
    ...rows.researchProjects.map((p) => ({ value: p.id, what: of('research project id') })),
    ...rows.outcomes.map((o) => ({ value: o.id, what: of('outcome id') })),
    ...rows.supportAgreements.map((a) => ({ value: a.id, what: of('support agreement id') })),
    ...rows.certificates.flatMap((c) => [
      { value: c.id, what: of('certificate id') },
      { value: c.number, what: of('certificate number') },
    ]),
    ...applicationMarkers(studio, () => true),
  ];
}

function applicationMarkers(studio: PlantedStudio, include: (teacherId: string) => boolean): Marker[] {
  return studio.rows.traineeApplications
    .filter((a) => include(a.teacher.id))
    .flatMap((a) => [
      { value: a.id, what: `trainee application id of ${studio.name}` },
      { value: a.statement, what: `trainee application statement of ${studio.name}` },
    ]);
}

/** The callers of the home county the probe plays, with what roles.md lets each see. */
export function homeCountyRoles(world: ScopeWorld): ProbeRole[] {
  const region = REGIONS.home;
  const { teachers, studio: homeStudio } = world.home;
  const homeTeachers = Object.values(teachers);
  const neighbour = [
    ...world.neighbour.teachers.flatMap((t) => teacherMarkers(t, '东区 (neighbour)')),
    ...world.neighbour.schools.flatMap((s) => [
      { value: s.id, what: "东区 (neighbour) school's id", of: s.name },
      { value: s.name, what: "东区 (neighbour) school's name", of: s.name },
    ]),
    ...studioMarkers(world.neighbour.studio),
    ...fundMarkers(world.neighbour.studio),
    ...evaluationMarkers(world.neighbour.studio, { scheme: true, assessment: true, comment: true }),
    ...endpointMarkers(world.webhooks.neighbour, '东区 (neighbour) finance system'),
    // The province studio's money is the province's and its host county's, not the home county's;
    // so is its assessment. Its scheme and round are the province's rules, read by every county.
    ...fundMarkers(world.provinceStudio),
    ...evaluationMarkers(world.provinceStudio, { assessment: true, comment: true }),
    // Reports are the region's: the neighbour's and the province's are not the county's to see.
    { value: world.neighbour.studio.report.jobId, what: '东区 (neighbour) report job id' },
    { value: world.provinceStudio.report.jobId, what: 'province report job id' },
  ];
  const homeSchools = [world.home.school, world.home.weakSchool].map((s) => ({
    value: s.id,
    what: "home school's id",
    of: s.name,
  }));
  const seenByAll = [
    // Visible downwards by design, and its work with it.
    { value: world.provinceStudio.id, what: `studio id of ${world.provinceStudio.name}` },
    {
      value: world.provinceStudio.rows.activities.nodes[0]!.id,
      what: `activity id of ${world.provinceStudio.name}`,
    },
    { value: homeStudio.id, what: `studio id of ${homeStudio.name}` },
  ];
  const nationalIds = (of: PlantedTeacher[]) =>
    of.map((t) => ({ value: t.nationalId, what: "home teacher's national ID, unmasked", of: t.name }));

  /**
   * A role of the home county. `unmaskedFor` are the home teachers whose national ID and phone it
   * sees unmasked; `self` the teacher it acts as; `oversees` whether it sees the home studio's
   * trainee applications (its host and its office do; an applicant sees only their own).
   */
  const homeEndpoint = endpointMarkers(world.webhooks.home, "the home finance system's");
  const homeReport = { value: homeStudio.report.jobId, what: "the home county office's report job id" };
  const role = (
    name: string,
    caller: Omit<TokenRequest, 'region'>,
    options: {
      unmaskedFor?: PlantedTeacher[];
      self?: PlantedTeacher;
      oversees?: boolean;
      /** How much of the home studio's money it reads: all, all but the payees (masked), or none. */
      money?: 'all' | 'masked' | 'none';
      /** Whether it reads the home studio's assessment, and the host's comment on the scheme. */
      assessments?: boolean;
      comments?: boolean;
      /** Whether it reads the home county office's (unmasked) report: offices only. */
      reports?: boolean;
      /** Roles that request and read no reports at all (roles.md): every report job is refused them. */
      noReports?: boolean;
    } = {},
  ): ProbeRole => {
    const unmasked = options.unmaskedFor ?? (options.self ? [options.self] : []);
    const money = options.money ?? 'all';
    const assessments = options.assessments ?? true;
    const comments = options.comments ?? false;
    const notSelf = (teacherId: string) => teacherId !== options.self?.id;
    const ownApplications = (studio: PlantedStudio) =>
      studio.rows.traineeApplications
        .filter((a) => a.teacher.id === options.self?.id)
        .map((a) => ({ value: a.id, what: `own trainee application id of ${studio.name}` }));
    return {
      name,
      caller: { ...caller, region },
      hidden: [
        ...neighbour,
        // Only the province studio's host and the offices over it see its applications.
        ...applicationMarkers(world.provinceStudio, notSelf),
        ...(options.oversees ? [] : applicationMarkers(homeStudio, notSelf)),
        ...homeTeachers.filter((t) => !unmasked.includes(t)).flatMap((t) => personalData(t, 'home')),
        ...homeEndpoint,
        ...(money === 'none' ? fundMarkers(homeStudio) : []),
        ...(money === 'masked'
          ? homeStudio.funds.payees.map((p) => ({ value: p, what: 'payee, unmasked' }))
          : []),
        ...evaluationMarkers(homeStudio, { assessment: !assessments, comment: !comments }),
        ...(options.reports ? [] : [homeReport]),
      ],
      expected: [
        ...seenByAll,
        ...(money === 'none' ? [] : fundMarkers(homeStudio, { payees: money === 'all' })),
        ...homeSchools,
        ...homeTeachers.map((t) => ({ value: t.id, what: "home teacher's id", of: t.name })),
        ...nationalIds(unmasked),
        ...(options.oversees ? applicationMarkers(homeStudio, () => true) : []),
        ...ownApplications(world.provinceStudio),
        ...evaluationMarkers(homeStudio, { scheme: true, assessment: assessments, comment: comments }),
        ...evaluationMarkers(world.provinceStudio, { scheme: true }),
        ...(options.reports ? [homeReport] : []),
      ],
      unreadableTypes: [...(assessments ? [] : ['Assessment']), ...(options.noReports ? ['ReportJob'] : [])],
    };
  };

  const finance: ProbeRole = {
    name: Role.FINANCE_SYSTEM,
    caller: { role: Role.FINANCE_SYSTEM, region },
    // roles.md: regions and schools in scope, and no teacher records at all.
    hidden: [
      ...neighbour,
      ...applicationMarkers(world.provinceStudio, () => true),
      ...applicationMarkers(homeStudio, () => true),
      ...homeTeachers.flatMap((t) => teacherMarkers(t, 'home')),
      ...evaluationMarkers(homeStudio, { assessment: true, comment: true }),
      homeReport,
    ],
    expected: [...seenByAll, ...homeSchools, ...fundMarkers(homeStudio), ...homeEndpoint],
    unreadableTypes: ['Teacher', 'Assessment', 'ReportJob'],
  };

  return [
    role(
      Role.COUNTY_OFFICE,
      { role: Role.COUNTY_OFFICE },
      { unmaskedFor: homeTeachers, oversees: true, comments: true, reports: true },
    ),
    role(
      Role.SCHOOL_ADMIN,
      { role: Role.SCHOOL_ADMIN, schoolId: world.home.school.id },
      {
        unmaskedFor: homeTeachers.filter((t) => t.schoolId === world.home.school.id),
        assessments: false,
        noReports: true,
      },
    ),
    role(
      Role.HOST,
      { role: Role.HOST, teacherId: teachers.host.id },
      { self: teachers.host, oversees: true, comments: true, noReports: true },
    ),
    // A trainee is no host: the studio's money and its assessment are not theirs to read.
    role(
      Role.TEACHER,
      { role: Role.TEACHER, teacherId: teachers.trainee.id },
      { self: teachers.trainee, money: 'none', assessments: false, noReports: true },
    ),
    role(Role.EVALUATOR, { role: Role.EVALUATOR }, { noReports: true }),
    role(Role.ANALYST, { role: Role.ANALYST }, { money: 'masked' }),
    finance,
  ];
}
