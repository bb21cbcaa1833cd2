import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from './fixtures';
import type { TestSystem, TokenRequest } from './system';
import { plantEvaluation, type PlantedEvaluation } from './planted-evaluation';
import { plantReport, type PlantedReport } from './planted-report';
import { foundStudio, officeOf, type Studio } from './workshop-fixtures';
import { planted } from './planting';

/**
 * The data a scope probe looks through: a home county with its own studio, the neighbouring county of
 * the same city with a fully worked studio of its own, and a province studio — visible down to the
 * home county by design — whose whole team, schools and applicants are the neighbour's. Everything
 * is planted through the gateway, as the offices would, with names that are easy to spot in a response.
 */

export const REGIONS = {
  /** 西区, the county whose callers the probe plays. */
  home: '510403',
  /** 东区, a sibling county in the same city. */
  neighbour: '510402',
  /** 攀枝花市 */
  city: '510400',
  /** 四川省 */
  province: '510000',
};

export interface PlantedTeacher {
  id: string;
  name: string;
  nationalId: string;
  phone: string;
  schoolId: string;
}

export interface PlantedSchool {
  id: string;
  name: string;
}

/** A studio's own rows, as its office reads them after planting. */
export interface StudioRows {
  memberships: { id: string; role: string; teacher: { id: string } }[];
  traineeApplications: { id: string; statement: string; teacher: { id: string } }[];
  activities: { nodes: { id: string; title: string }[] };
  researchProjects: { id: string; title: string }[];
  outcomes: { id: string; title: string }[];
  supportAgreements: { id: string; content: string }[];
  certificates: { id: string; number: string; teacher: { id: string } }[];
}

/** A studio's money: an allocation with a payment, an approved and a waiting expense. */
export interface PlantedFunds {
  allocationId: string;
  documentNumber: string;
  /** Both approved; the second is reversed once the webhook endpoints listen. */
  approvedExpenseIds: [string, string];
  submittedExpenseId: string;
  /** Payees of the expenses: a person's name, which analysts see masked. */
  payees: string[];
  /** The fund events of the studio, in the log's order. */
  eventIds: string[];
}

export interface PlantedStudio extends Studio {
  name: string;
  rows: StudioRows;
  funds: PlantedFunds;
  /** Its assessment under its office's scheme, finalised. */
  evaluation: PlantedEvaluation;
  /** A finished report of the studio's jurisdiction, requested by its office. */
  report: PlantedReport;
  /** A trainee without a certificate: the natural subject of a certificate or membership change. */
  openTrainee: PlantedTeacher;
  /** A member's (not the host's) membership. */
  memberMembershipId: string;
  /** A waiting application. */
  pendingApplicationId: string;
}

export interface ScopeWorld {
  home: {
    /** The school whose administrator the probe plays; the studio host and a member teach there. */
    school: PlantedSchool;
    /** A weak, rural school: the other teachers, and the home studio's outreach target. */
    weakSchool: PlantedSchool;
    teachers: {
      host: PlantedTeacher;
      member: PlantedTeacher;
      /** The TEACHER the probe plays: a certified trainee of the home studio. */
      trainee: PlantedTeacher;
      openTrainee: PlantedTeacher;
      applicant: PlantedTeacher;
      /** A home teacher whom the city put into the neighbour's studio. */
      inNeighbourStudio: PlantedTeacher;
    };
    studio: PlantedStudio;
  };
  neighbour: {
    schools: PlantedSchool[];
    /** The weak, rural school both the neighbour's and the province's studio support. */
    weakSchool: PlantedSchool;
    teachers: PlantedTeacher[];
    studio: PlantedStudio;
  };
  /** Founded by the province, based in the neighbour county, run by the neighbour's teachers. */
  provinceStudio: PlantedStudio;
  /** Webhook endpoints of the home and the neighbour's finance systems, each with deliveries. */
  webhooks: { home: PlantedEndpoint; neighbour: PlantedEndpoint };
  /** The year the planted work and certificates count in. */
  year: number;
}

export interface PlantedEndpoint {
  id: string;
  url: string;
  /** The finance system that registered it: only it may see or change the endpoint. */
  owner: TokenRequest;
}

const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';

async function school(
  system: TestSystem,
  county: string,
  name: string,
  flags: { rural?: boolean; weak?: boolean } = {},
): Promise<PlantedSchool> {
  return createSchool(system, county, { name, ...flags });
}

async function teacher(
  system: TestSystem,
  at: PlantedSchool,
  county: string,
  name: string,
): Promise<PlantedTeacher> {
  return { ...(await createTeacher(system, at, county, { name })), schoolId: at.id };
}

function teacherCaller(teacher: PlantedTeacher, county: string, role = Role.TEACHER): TokenRequest {
  return { role, region: county, teacherId: teacher.id };
}

async function apply(system: TestSystem, caller: TokenRequest, workshopId: string, statement: string) {
  const data = await planted<{ applyAsTrainee: { id: string } }>(
    system,
    caller,
    `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
    { input: { workshopId, statement } },
  );
  return data.applyAsTrainee.id;
}

interface StudioPlan {
  county: string;
  level: 'COUNTY' | 'PROVINCE';
  name: string;
  school: PlantedSchool;
  host: PlantedTeacher;
  members: PlantedTeacher[];
  /** Taken through 双向选择 to confirmed trainees; the first is certified. */
  trainees: [PlantedTeacher, PlantedTeacher];
  /** Left waiting for the host. */
  applicant: PlantedTeacher;
  /** A rural or weak school for outreach and a support agreement. */
  supported: PlantedSchool;
  year: number;
}

/** A studio with a full team and one of each kind of work, planted by its office and host. */
async function plantStudio(system: TestSystem, plan: StudioPlan): Promise<PlantedStudio> {
  const studio = await foundStudio(system, {
    countyCode: plan.county,
    level: plan.level,
    name: plan.name,
    school: plan.school,
    host: plan.host,
  });
  const office = studio.office;
  const mutate = <T>(caller: TokenRequest, query: string, input: Record<string, unknown>) =>
    planted<T>(system, caller, query, { input });

  for (const member of plan.members) {
    await mutate(
      office,
      `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
      {
        workshopId: studio.id,
        teacherId: member.id,
      },
    );
  }
  for (const [i, trainee] of plan.trainees.entries()) {
    const applicationId = await apply(
      system,
      teacherCaller(trainee, plan.county),
      studio.id,
      `${plan.name}·学员申请${HEAVENLY_STEMS[i]}`,
    );
    await mutate(
      studio.hostCaller,
      `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { id } }`,
      { applicationId, accept: true, rating: 4 },
    );
    await mutate(
      office,
      `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { id } }`,
      { applicationId, confirm: true },
    );
  }
  await apply(system, teacherCaller(plan.applicant, plan.county), studio.id, `${plan.name}·待定申请`);

  const team = [plan.host, ...plan.members, ...plan.trainees];
  await mutate(office, `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`, {
    workshopId: studio.id,
    type: 'OUTREACH',
    title: `${plan.name}·送教下乡`,
    date: `${plan.year}-05-20`,
    place: `${plan.name}·活动地点`,
    hoursCredited: 3,
    targetSchoolId: plan.supported.id,
    participantIds: team.map((t) => t.id),
    resources: [{ title: `${plan.name}·课件`, url: 'https://example.org/courseware', kind: 'COURSEWARE' }],
    viewCount: 5,
  });
  await mutate(
    office,
    `mutation ($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`,
    {
      workshopId: studio.id,
      title: `${plan.name}·课题`,
      level: 'COUNTY',
      status: 'IN_PROGRESS',
      leaderId: plan.members[0]!.id,
      startedOn: `${plan.year}-03-01`,
    },
  );
  await mutate(office, `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`, {
    workshopId: studio.id,
    kind: 'PAPER',
    title: `${plan.name}·论文`,
    level: 'CITY',
    achievedOn: `${plan.year}-06-01`,
    authorIds: [plan.host.id, plan.members[0]!.id],
  });
  await mutate(
    office,
    `mutation ($input: CreateSupportAgreementInput!) { createSupportAgreement(input: $input) { id } }`,
    {
      workshopId: studio.id,
      schoolId: plan.supported.id,
      content: `${plan.name}·帮扶内容`,
      startsOn: `${plan.year}-09-01`,
      endsOn: `${plan.year + 1}-07-15`,
      visitsPerTerm: 2,
      agreedResults: `${plan.name}·帮扶目标`,
    },
  );
  await mutate(
    office,
    `mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { id } }`,
    {
      workshopId: studio.id,
      teacherId: plan.trainees[0].id,
      hours: 24,
      year: plan.year,
    },
  );

  const funds = await plantFunds(system, studio, plan);
  const rows = await studioRows(system, office, studio.id);
  const memberId = plan.members[0]!.id;
  return {
    ...studio,
    name: plan.name,
    rows,
    funds,
    openTrainee: plan.trainees[1],
    memberMembershipId: rows.memberships.find((m) => m.teacher.id === memberId)!.id,
    pendingApplicationId: rows.traineeApplications.find((a) => a.teacher.id === plan.applicant.id)!.id,
    // Planted once every studio exists (evaluators come from the other studios' people).
    evaluation: undefined!,
    // Planted last, so the reports cover everything above.
    report: undefined!,
  };
}

/** The studio's year of money, allocated and approved by its office, spent by its host. */
async function plantFunds(
  system: TestSystem,
  studio: Studio,
  plan: StudioPlan,
): Promise<Omit<PlantedFunds, 'eventIds'> & { eventIds: string[] }> {
  const documentNumber = `${plan.name}·经费文号`;
  const allocation = await planted<{ allocateFunds: { id: string } }>(
    system,
    studio.office,
    `mutation ($input: AllocateFundsInput!) { allocateFunds(input: $input) { id } }`,
    { input: { workshopId: studio.id, year: plan.year, amount: '20000.00', documentNumber } },
  );
  const allocationId = allocation.allocateFunds.id;
  await planted(
    system,
    studio.office,
    `mutation ($input: DisburseFundsInput!) { disburseFunds(input: $input) { id } }`,
    {
      input: {
        allocationId,
        amount: '5000.00',
        voucherNumber: `${plan.name}·拨付凭证`,
        paidOn: `${plan.year}-03-01`,
      },
    },
  );
  await planted(
    system,
    studio.office,
    `mutation ($input: AdjustAllocationInput!) { adjustAllocation(input: $input) { id } }`,
    { input: { allocationId, amount: '22000.00', reason: `${plan.name}·追加原因` } },
  );
  // Approved and kept; approved and then reversed (below, once the endpoints listen); waiting.
  const payees = [`${plan.name}·收款人甲`, `${plan.name}·收款人乙`, `${plan.name}·收款人丙`];
  const expenseIds: string[] = [];
  for (const [i, payee] of payees.entries()) {
    const expense = await planted<{ submitExpense: { id: string } }>(
      system,
      studio.hostCaller,
      `mutation ($input: SubmitExpenseInput!) { submitExpense(input: $input) { id } }`,
      {
        input: {
          allocationId,
          category: 'RESEARCH_ACTIVITY',
          amount: '800.00',
          spentOn: `${plan.year}-04-0${i + 1}`,
          payee,
          voucherNumber: `${plan.name}·凭证${HEAVENLY_STEMS[i]}`,
          description: `${plan.name}·支出说明`,
        },
      },
    );
    expenseIds.push(expense.submitExpense.id);
  }
  for (const expenseId of expenseIds.slice(0, 2)) {
    await planted(
      system,
      studio.office,
      `mutation ($input: DecideExpenseInput!) { decideExpense(input: $input) { id } }`,
      { input: { expenseId, decision: 'APPROVE' } },
    );
  }
  return {
    allocationId,
    documentNumber,
    approvedExpenseIds: [expenseIds[0]!, expenseIds[1]!],
    submittedExpenseId: expenseIds[2]!,
    payees,
    eventIds: [],
  };
}

/** The studio's fund events as its office reads the log, once the sequencer has numbered them. */
async function studioEventIds(system: TestSystem, studio: Studio): Promise<string[]> {
  const data = await planted<{ fundEvents: { nodes: { id: string }[] } }>(
    system,
    studio.office,
    `query ($id: ID!) { fundEvents(first: 100, filter: { workshopId: $id }) { nodes { id } } }`,
    { id: studio.id },
  );
  return data.fundEvents.nodes.map((e) => e.id);
}

/**
 * A finance system's endpoint on a port where nothing listens, so its deliveries fail and their
 * attempts are on record.
 */
async function plantEndpoint(
  system: TestSystem,
  owner: TokenRequest,
  path: string,
): Promise<PlantedEndpoint> {
  const url = `http://127.0.0.1:9/${path}`;
  const data = await planted<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(
    system,
    owner,
    `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
    { input: { url, description: `${path}·账务系统` } },
  );
  return { id: data.registerWebhookEndpoint.endpoint.id, url, owner };
}

async function studioRows(system: TestSystem, office: TokenRequest, id: string): Promise<StudioRows> {
  const data = await planted<{ workshop: StudioRows }>(
    system,
    office,
    `query ($id: ID!) {
      workshop(id: $id) {
        memberships(activeOnly: false) { id role teacher { id } }
        traineeApplications { id statement teacher { id } }
        activities(first: 100) { nodes { id title } }
        researchProjects { id title }
        outcomes { id title }
        supportAgreements { id content }
        certificates { id number teacher { id } }
      }
    }`,
    { id },
  );
  return data.workshop;
}

/** Plants the probe's world; takes a few seconds. */
export async function plantScopeWorld(system: TestSystem): Promise<ScopeWorld> {
  const year = 2025;
  const { home, neighbour } = REGIONS;

  const homeSchool = await school(system, home, '西探学校甲');
  const homeWeak = await school(system, home, '西探学校乙', { rural: true, weak: true });
  const homeTeachers = {
    host: await teacher(system, homeSchool, home, '西探甲'),
    member: await teacher(system, homeSchool, home, '西探乙'),
    trainee: await teacher(system, homeWeak, home, '西探丙'),
    openTrainee: await teacher(system, homeWeak, home, '西探丁'),
    applicant: await teacher(system, homeWeak, home, '西探戊'),
    inNeighbourStudio: await teacher(system, homeWeak, home, '西探己'),
  };
  await planted(
    system,
    { role: Role.PROVINCE_OFFICE, region: REGIONS.province },
    `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { id } }`,
    {
      id: homeTeachers.member.id,
      input: { ruralService: [{ place: '西探·支教地点', startDate: '2019-09-01', endDate: '2021-07-01' }] },
    },
  );

  const neighbourSchools = [
    await school(system, neighbour, '东探学校甲'),
    await school(system, neighbour, '东探学校乙', { rural: true, weak: true }),
    await school(system, neighbour, '东探学校丙'),
  ];
  const [countySchool, weakSchool, provinceSchool] = neighbourSchools as [
    PlantedSchool,
    PlantedSchool,
    PlantedSchool,
  ];
  const neighbourTeachers: PlantedTeacher[] = [];
  for (const [i, stem] of [...HEAVENLY_STEMS].entries()) {
    const at = i < 5 ? countySchool : provinceSchool;
    neighbourTeachers.push(await teacher(system, at, neighbour, `东探${stem}`));
  }
  const nt = (i: number) => neighbourTeachers[i]!;

  const homeStudio = await plantStudio(system, {
    county: home,
    level: 'COUNTY',
    name: '西区探针工作室',
    school: homeSchool,
    host: homeTeachers.host,
    members: [homeTeachers.member],
    trainees: [homeTeachers.trainee, homeTeachers.openTrainee],
    applicant: homeTeachers.applicant,
    supported: homeWeak,
    year,
  });
  const neighbourStudio = await plantStudio(system, {
    county: neighbour,
    level: 'COUNTY',
    name: '东区探针工作室',
    school: countySchool,
    host: nt(0),
    members: [nt(1)],
    trainees: [nt(2), nt(3)],
    applicant: nt(4),
    supported: weakSchool,
    year,
  });
  const provinceStudio = await plantStudio(system, {
    county: neighbour,
    level: 'PROVINCE',
    name: '四川省探针工作室',
    school: provinceSchool,
    host: nt(5),
    members: [nt(6)],
    trainees: [nt(7), nt(8)],
    applicant: nt(9),
    supported: weakSchool,
    year,
  });

  // The city oversees both counties, so it can put a home teacher into the neighbour's studio.
  await planted(
    system,
    officeOf('CITY', neighbour),
    `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
    { input: { workshopId: neighbourStudio.id, teacherId: homeTeachers.inNeighbourStudio.id } },
  );
  neighbourStudio.rows = await studioRows(system, officeOf('CITY', neighbour), neighbourStudio.id);
  // The home studio's host and the probe's TEACHER wait on the province studio, so applying again is
  // a CONFLICT rather than a legitimate change when the mutation probe tries it.
  for (const applicant of [homeTeachers.host, homeTeachers.trainee]) {
    await apply(system, teacherCaller(applicant, home), provinceStudio.id, `${applicant.name}·省级申请`);
  }
  provinceStudio.rows = await studioRows(system, provinceStudio.office, provinceStudio.id);
  // Each studio assessed by a teacher of another school who is in none of its teams.
  for (const [studio, expert] of [
    [homeStudio, homeTeachers.applicant],
    [neighbourStudio, nt(9)],
    [provinceStudio, nt(4)],
  ] as const) {
    studio.evaluation = await plantEvaluation(
      system,
      studio,
      studio.rows.activities.nodes[0]!.id,
      expert.id,
      year,
    );
  }
  // Certificates credit training hours through the outbox: deliver them, so the hours are there too.
  await system.deliverWorkshopEvents();
  // A report of each studio's jurisdiction by its office; the home county's downloaded once.
  homeStudio.report = await plantReport(system, officeOf('COUNTY', home), home, year, { downloaded: true });
  neighbourStudio.report = await plantReport(system, officeOf('COUNTY', neighbour), neighbour, year);
  provinceStudio.report = await plantReport(system, provinceStudio.office, REGIONS.province, year);

  // Endpoints first, so the money below is delivered to them; then one more change, so there is.
  const webhooks = {
    home: await plantEndpoint(system, { role: Role.FINANCE_SYSTEM, region: home }, 'west-probe-ledger'),
    neighbour: await plantEndpoint(
      system,
      { role: Role.FINANCE_SYSTEM, region: neighbour },
      'east-probe-ledger',
    ),
  };
  for (const studio of [homeStudio, neighbourStudio, provinceStudio]) {
    await planted(
      system,
      studio.office,
      `mutation ($input: ReverseExpenseInput!) { reverseExpense(input: $input) { id } }`,
      { input: { expenseId: studio.funds.approvedExpenseIds[1], reason: `${studio.name}·冲销原因` } },
    );
  }
  await system.fundEvents.drain();
  for (const studio of [homeStudio, neighbourStudio, provinceStudio]) {
    studio.funds.eventIds = await studioEventIds(system, studio);
  }
  // Delivery keeps writing attempts in the background; the probe checks that refused mutations
  // write nothing, so the pipeline stops once every endpoint has attempts on record.
  await system.fundEvents.stop();

  return {
    home: { school: homeSchool, weakSchool: homeWeak, teachers: homeTeachers, studio: homeStudio },
    neighbour: {
      schools: neighbourSchools,
      weakSchool,
      teachers: neighbourTeachers,
      studio: neighbourStudio,
    },
    provinceStudio,
    webhooks,
    year,
  };
}

/** Every planted id: the neighbour's, the province studio's and the home county's own. */
export function plantedIds(world: ScopeWorld): string[] {
  const studios = [world.home.studio, world.neighbour.studio, world.provinceStudio];
  return [
    ...Object.values(world.home.teachers).map((t) => t.id),
    world.home.school.id,
    world.home.weakSchool.id,
    ...world.neighbour.teachers.map((t) => t.id),
    ...world.neighbour.schools.map((s) => s.id),
    ...studios.flatMap((studio) => [
      studio.id,
      ...studio.rows.memberships.map((m) => m.id),
      ...studio.rows.traineeApplications.map((a) => a.id),
      ...studio.rows.activities.nodes.map((a) => a.id),
      ...studio.rows.researchProjects.map((p) => p.id),
      ...studio.rows.outcomes.map((o) => o.id),
      ...studio.rows.supportAgreements.map((a) => a.id),
      ...studio.rows.certificates.map((c) => c.id),
      studio.funds.allocationId,
      ...studio.funds.approvedExpenseIds,
      studio.funds.submittedExpenseId,
      ...studio.funds.eventIds,
      ...studio.evaluation.schemeIds,
      studio.evaluation.roundId,
      studio.evaluation.assessmentId,
      studio.report.jobId,
    ]),
    world.webhooks.home.id,
    world.webhooks.neighbour.id,
  ];
}
