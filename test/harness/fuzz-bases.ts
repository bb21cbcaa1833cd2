import { Role } from '@mingshi/auth';
import { chinaToday } from '@mingshi/graphql';
import type { BaseFor, FieldBase, Operation } from './fuzz-cases';
import { allocated, approved, submitted } from './finance-fixtures';
import { createSchool, createTeacher, nationalId } from './fixtures';
import type { TestSystem, TokenRequest } from './system';
import { EVALUATION_BASES, plantEvaluationTargets, type EvaluationTargets } from './fuzz-evaluation';
import { personnelStatsBases } from './fuzz-personnel-stats';
import { REPORT_BASES, plantReportTargets, type ReportTargets } from './fuzz-reports';
import { moneyStatsBases } from './fuzz-money-stats';
import { workshopStatsBases } from './fuzz-workshop-stats';
import { awardTitle, foundStudio, type Studio } from './workshop-fixtures';
import { planted } from './planting';

/** 西区 of 攀枝花市: every base call is its county office (or its studio's people) acting at home. */
export const FUZZ_COUNTY = '510403';
const OFFICE: TokenRequest = { role: Role.COUNTY_OFFICE, region: FUZZ_COUNTY };

/** What the base calls act on: planted through the graph, all in the county, one of each kind. */
export interface FuzzTargets {
  school: { id: string };
  ruralSchool: { id: string };
  teacher: { id: string };
  /** Holds a host title and hosts nothing: foundWorkshop may appoint them. */
  hostCandidate: { id: string };
  studio: Studio;
  /** A studio of its own for status changes, which would otherwise disturb the others' bases. */
  statusStudio: Studio;
  /** A teacher of the county in no studio: addWorkshopMember may add them. */
  memberCandidate: { id: string };
  memberMembershipId: string;
  /** A teacher acting as themself who has not applied: applyAsTrainee. */
  applicant: TokenRequest;
  pendingApplicationId: string;
  acceptedApplicationId: string;
  withdrawable: { id: string; applicant: TokenRequest };
  trainee: { id: string };
  activityId: string;
  projectId: string;
  agreementId: string;
  funds: FundTargets;
  evaluation: EvaluationTargets;
  reports: ReportTargets;
}

/** The studio's money, one allocation or expense in each state a base call needs. */
export interface FundTargets {
  /** ACTIVE, of FUND_YEAR: adjusted, paid and spent against. */
  allocationId: string;
  /** ACTIVE: freezeFunds. */
  freezableId: string;
  /** FROZEN: unfreezeFunds. */
  frozenId: string;
  submittedExpenseId: string;
  approvedExpenseId: string;
  /** A sequenced event of the county: redeliverFundEvent. */
  eventId: string;
  /** Endpoints of FINANCE: one to rotate, redeliver to and replay, one paused to resume, one to pause. */
  endpointId: string;
  pausedEndpointId: string;
  pausableEndpointId: string;
}

/** The year the planted money is for; allocateFunds funds a year before it, which nothing holds. */
const FUND_YEAR = 2025;
/** A finance system of the county: endpoints are its own, so every call names the same user. */
const FINANCE: TokenRequest = {
  role: Role.FINANCE_SYSTEM,
  region: FUZZ_COUNTY,
  userId: 'fuzz-finance-system',
};

const teacherCaller = (id: string): TokenRequest => ({
  role: Role.TEACHER,
  region: FUZZ_COUNTY,
  teacherId: id,
});

async function apply(system: TestSystem, studio: Studio, teacherId: string): Promise<string> {
  const data = await planted<{ applyAsTrainee: { id: string } }>(
    system,
    teacherCaller(teacherId),
    `mutation ($input: ApplyAsTraineeInput!) { applyAsTrainee(input: $input) { id } }`,
    { input: { workshopId: studio.id, statement: '希望在工作室学习提升' } },
  );
  return data.applyAsTrainee.id;
}

async function respond(system: TestSystem, studio: Studio, applicationId: string): Promise<void> {
  await planted(
    system,
    studio.hostCaller,
    `mutation ($input: RespondToTraineeApplicationInput!) { respondToTraineeApplication(input: $input) { id } }`,
    { input: { applicationId, accept: true, rating: 4 } },
  );
}

/** Plants one set of targets. Each base call consumes at most its own target, so a set serves one check. */
export async function plantFuzzTargets(system: TestSystem): Promise<FuzzTargets> {
  const school = await createSchool(system, FUZZ_COUNTY);
  const ruralSchool = await createSchool(system, FUZZ_COUNTY, { rural: true, weak: true });
  const teacher = await createTeacher(system, school, FUZZ_COUNTY);
  const hostCandidate = await createTeacher(system, school, FUZZ_COUNTY);
  await awardTitle(system, hostCandidate.id, FUZZ_COUNTY, 'SUBJECT_LEADER', 'CITY');
  const studio = await foundStudio(system, { countyCode: FUZZ_COUNTY });
  const statusStudio = await foundStudio(system, { countyCode: FUZZ_COUNTY });
  const [memberCandidate, member, applicant, pending, accepted, withdrawer, trainee] = await Promise.all(
    Array.from({ length: 7 }, () => createTeacher(system, school, FUZZ_COUNTY)),
  );

  const added = await planted<{ addWorkshopMember: { id: string } }>(
    system,
    OFFICE,
    `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`,
    { input: { workshopId: studio.id, teacherId: member!.id } },
  );
  const pendingApplicationId = await apply(system, studio, pending!.id);
  const acceptedApplicationId = await apply(system, studio, accepted!.id);
  await respond(system, studio, acceptedApplicationId);
  const withdrawableId = await apply(system, studio, withdrawer!.id);
  const traineeApplicationId = await apply(system, studio, trainee!.id);
  await respond(system, studio, traineeApplicationId);
  await planted(
    system,
    OFFICE,
    `mutation ($input: DecideTraineeApplicationInput!) { decideTraineeApplication(input: $input) { id } }`,
    { input: { applicationId: traineeApplicationId, confirm: true } },
  );
  const activity = await planted<{ recordActivity: { id: string } }>(
    system,
    OFFICE,
    `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
    { input: activityInput(studio, teacher) },
  );
  const project = await planted<{ createResearchProject: { id: string } }>(
    system,
    OFFICE,
    `mutation ($input: CreateResearchProjectInput!) { createResearchProject(input: $input) { id } }`,
    { input: projectInput(studio) },
  );
  const agreement = await planted<{ createSupportAgreement: { id: string } }>(
    system,
    OFFICE,
    `mutation ($input: CreateSupportAgreementInput!) { createSupportAgreement(input: $input) { id } }`,
    { input: { ...agreementInput(studio, ruralSchool), startsOn: '2024-03-01', endsOn: '2024-12-31' } },
  );

  const funds = await plantFunds(system, studio);
  const evaluation = await plantEvaluationTargets(system, OFFICE, [studio, statusStudio]);
  const reports = await plantReportTargets(system, OFFICE);

  return {
    funds,
    evaluation,
    reports,
    school,
    ruralSchool,
    teacher,
    hostCandidate,
    studio,
    statusStudio,
    memberCandidate: memberCandidate!,
    memberMembershipId: added.addWorkshopMember.id,
    applicant: teacherCaller(applicant!.id),
    pendingApplicationId,
    acceptedApplicationId,
    withdrawable: { id: withdrawableId, applicant: teacherCaller(withdrawer!.id) },
    trainee: trainee!,
    activityId: activity.recordActivity.id,
    projectId: project.createResearchProject.id,
    agreementId: agreement.createSupportAgreement.id,
  };
}

async function plantFunds(system: TestSystem, studio: Studio): Promise<FundTargets> {
  const allocation = await allocated(system, studio, '10000.00', { year: FUND_YEAR });
  const freezable = await allocated(system, studio, '3000.00', { year: FUND_YEAR - 2 });
  const frozen = await allocated(system, studio, '3000.00', { year: FUND_YEAR - 3 });
  await planted(
    system,
    OFFICE,
    `mutation ($input: FreezeFundsInput!) { freezeFunds(input: $input) { id } }`,
    {
      input: { allocationId: frozen.id, reason: '专项审计' },
    },
  );
  const spentOn = `${FUND_YEAR}-03-02`;
  const waiting = await submitted(system, studio, allocation.id, '200.00', { spentOn });
  const decided = await submitted(system, studio, allocation.id, '300.00', { spentOn });
  await approved(system, studio, decided.id);
  const endpoint = async (path: string) =>
    (
      await planted<{ registerWebhookEndpoint: { endpoint: { id: string } } }>(
        system,
        FINANCE,
        `mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { endpoint { id } } }`,
        { input: { url: `http://127.0.0.1:9/${path}` } },
      )
    ).registerWebhookEndpoint.endpoint.id;
  const [endpointId, pausedEndpointId, pausableEndpointId] = [
    await endpoint('ledger'),
    await endpoint('paused'),
    await endpoint('pausable'),
  ];
  await planted(
    system,
    FINANCE,
    `mutation ($input: WebhookEndpointInput!) { pauseWebhookEndpoint(input: $input) { id } }`,
    { input: { endpointId: pausedEndpointId } },
  );
  await system.fundEvents.runOnce();
  const events = await planted<{ fundEvents: { nodes: { id: string }[] } }>(
    system,
    FINANCE,
    `query { fundEvents(first: 1, filter: { regionCode: "${FUZZ_COUNTY}" }) { nodes { id } } }`,
    {},
  );
  return {
    allocationId: allocation.id,
    freezableId: freezable.id,
    frozenId: frozen.id,
    submittedExpenseId: waiting.id,
    approvedExpenseId: decided.id,
    eventId: events.fundEvents.nodes[0]!.id,
    endpointId,
    pausedEndpointId,
    pausableEndpointId,
  };
}

const resource = { title: '课件', url: 'https://example.org/slides.pdf', kind: 'COURSEWARE' };
const ruralPeriod = { place: '某村小学', startDate: '2015-09-01', endDate: '2017-07-01' };

function activityInput(studio: Studio, teacher: { id: string }) {
  return {
    workshopId: studio.id,
    type: 'TEAM_STUDY',
    title: '单元整体教学研讨',
    date: '2024-05-10',
    place: '西区教师发展中心',
    hoursCredited: 2.5,
    participantIds: [teacher.id],
    resources: [resource],
    viewCount: 10,
  };
}

function projectInput(studio: Studio) {
  return {
    workshopId: studio.id,
    title: '大单元教学研究',
    level: 'COUNTY',
    status: 'DECLARED',
    leaderId: studio.host.id,
  };
}

function agreementInput(studio: Studio, school: { id: string }) {
  return {
    workshopId: studio.id,
    schoolId: school.id,
    content: '每学期送教两次',
    startsOn: '2025-03-01',
    endsOn: '2025-12-31',
    visitsPerTerm: 2,
    agreedResults: '青年教师课堂达标',
  };
}

/** A day `days` after today in China: rectification deadlines must lie ahead. */
function daysFromToday(days: number): string {
  return new Date(Date.parse(`${chinaToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

let fresh = 0;

/** A phone number no other base call has used: teachers' phones are their own. */
function freshPhone(): string {
  fresh += 1;
  return `137${String(fresh + (process.pid % 1000) * 10000)
    .padStart(8, '0')
    .slice(-8)}`;
}

type BaseBuilder = (t: FuzzTargets) => FieldBase;

const asOffice = (args: Record<string, unknown>): FieldBase => ({ caller: OFFICE, args });

/**
 * A valid call of every root field that takes arguments, as its natural caller: the county office
 * for what offices do, the studio's host to answer applications, a teacher to apply or withdraw.
 */
const BASES: Record<Operation, Record<string, BaseBuilder>> = {
  query: {
    region: () => asOffice({ code: FUZZ_COUNTY }),
    regions: () => asOffice({ parentCode: '510400' }),
    school: (t) => asOffice({ id: t.school.id }),
    schools: () => asOffice({ filter: { regionCode: FUZZ_COUNTY, nameContains: '学校' }, first: 10 }),
    teacher: (t) => asOffice({ id: t.teacher.id }),
    teachers: () => asOffice({ filter: { regionCode: FUZZ_COUNTY, nameContains: '教师' }, first: 10 }),
    ...personnelStatsBases(OFFICE),
    workshop: (t) => asOffice({ id: t.studio.id }),
    workshops: () => asOffice({ filter: { regionCode: FUZZ_COUNTY, nameContains: '工作室' }, first: 10 }),
    workshopMetrics: () =>
      asOffice({ filter: { regionCode: FUZZ_COUNTY }, period: { from: '2024-01-01', to: '2024-12-31' } }),
    fundAllocation: (t) => asOffice({ id: t.funds.allocationId }),
    fundAllocations: (t) =>
      asOffice({ filter: { regionCode: FUZZ_COUNTY, workshopId: t.studio.id, year: FUND_YEAR }, first: 10 }),
    expense: (t) => asOffice({ id: t.funds.submittedExpenseId }),
    expenses: (t) =>
      asOffice({ filter: { regionCode: FUZZ_COUNTY, allocationId: t.funds.allocationId }, first: 10 }),
    fundPolicy: () => asOffice({ regionCode: FUZZ_COUNTY }),
    fundSummary: () =>
      asOffice({ filter: { regionCode: FUZZ_COUNTY, year: FUND_YEAR, groupBy: ['COUNTY', 'CATEGORY'] } }),
    fundEvents: (t) => ({
      caller: FINANCE,
      args: { after: '0', first: 10, filter: { regionCode: FUZZ_COUNTY, workshopId: t.studio.id } },
    }),
    webhookEndpoint: (t) => ({ caller: FINANCE, args: { id: t.funds.endpointId } }),
    ...moneyStatsBases(OFFICE),
    ...workshopStatsBases(OFFICE),
  },
  mutation: {
    createSchool: () =>
      asOffice({
        input: {
          name: '模糊测试学校',
          regionCode: FUZZ_COUNTY,
          stages: ['PRIMARY'],
          rural: false,
          weak: false,
        },
      }),
    updateSchool: (t) =>
      asOffice({
        id: t.school.id,
        input: { name: '模糊测试学校', stages: ['PRIMARY'], rural: false, weak: false },
      }),
    createTeacher: (t) =>
      asOffice({
        input: {
          name: '模糊测试教师',
          nationalId: nationalId(FUZZ_COUNTY),
          phone: freshPhone(),
          schoolId: t.school.id,
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          rank: 'FIRST_GRADE',
          ruralService: [ruralPeriod],
        },
      }),
    updateTeacher: (t) =>
      asOffice({
        id: t.teacher.id,
        input: { name: '模糊测试教师', phone: freshPhone(), ruralService: [ruralPeriod] },
      }),
    awardTalentTitle: (t) =>
      asOffice({ input: { teacherId: t.teacher.id, kind: 'TEACHING_NOVICE', level: 'COUNTY', year: 2021 } }),
    recordTrainingHours: (t) =>
      asOffice({
        input: {
          teacherId: t.teacher.id,
          year: 2024,
          hours: 12,
          source: 'ONLINE_COURSE',
          description: '国培网络研修',
        },
      }),
    foundWorkshop: (t) =>
      asOffice({
        input: {
          name: '模糊测试名师工作室',
          type: 'TEACHER',
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          hostSchoolId: t.school.id,
          hostTeacherId: t.hostCandidate.id,
          cycleStartYear: 2025,
        },
      }),
    updateWorkshop: (t) =>
      asOffice({
        id: t.studio.id,
        input: {
          name: '模糊测试工作室',
          subject: 'MATHEMATICS',
          stage: 'PRIMARY',
          hostSchoolId: t.studio.school.id,
        },
      }),
    changeWorkshopStatus: (t) =>
      asOffice({
        input: {
          workshopId: t.statusStudio.id,
          to: 'RECTIFYING',
          reason: '年度考核整改',
          rectificationDeadline: daysFromToday(90),
        },
      }),
    addWorkshopMember: (t) =>
      asOffice({ input: { workshopId: t.studio.id, teacherId: t.memberCandidate.id } }),
    endMembership: (t) => asOffice({ input: { membershipId: t.memberMembershipId, reason: '调离本县' } }),
    applyAsTrainee: (t) => ({
      caller: t.applicant,
      args: { input: { workshopId: t.studio.id, statement: '希望跟随主持人学习' } },
    }),
    respondToTraineeApplication: (t) => ({
      caller: t.studio.hostCaller,
      args: {
        input: { applicationId: t.pendingApplicationId, accept: true, rating: 4, comment: '基础扎实' },
      },
    }),
    decideTraineeApplication: (t) =>
      asOffice({ input: { applicationId: t.acceptedApplicationId, confirm: true, comment: '同意' } }),
    withdrawTraineeApplication: (t) => ({
      caller: t.withdrawable.applicant,
      args: { id: t.withdrawable.id },
    }),
    recordActivity: (t) => asOffice({ input: activityInput(t.studio, t.teacher) }),
    updateActivity: (t) =>
      asOffice({
        id: t.activityId,
        input: {
          title: '单元整体教学研讨',
          place: '西区教师发展中心',
          hoursCredited: 3,
          resources: [resource],
        },
      }),
    createResearchProject: (t) => asOffice({ input: projectInput(t.studio) }),
    updateResearchProject: (t) => asOffice({ id: t.projectId, input: { title: '大单元教学研究' } }),
    recordOutcome: (t) =>
      asOffice({
        input: {
          workshopId: t.studio.id,
          kind: 'PAPER',
          title: '大单元教学的实践',
          level: 'COUNTY',
          achievedOn: '2024-04-01',
          authorIds: [t.studio.host.id],
        },
      }),
    createSupportAgreement: (t) => asOffice({ input: agreementInput(t.studio, t.ruralSchool) }),
    updateSupportAgreement: (t) =>
      asOffice({ id: t.agreementId, input: { content: '每学期送教三次', visitsPerTerm: 3 } }),
    issueCertificate: (t) =>
      asOffice({ input: { workshopId: t.studio.id, teacherId: t.trainee.id, hours: 20, year: 2025 } }),
    setFundPolicy: () =>
      asOffice({
        input: { allowedCategories: ['RESEARCH_ACTIVITY', 'LECTURE_FEE'], lectureFeeCapPercent: 40 },
      }),
    allocateFunds: (t) =>
      asOffice({
        input: {
          workshopId: t.studio.id,
          year: FUND_YEAR - 1,
          amount: '10000.00',
          documentNumber: '西教〔2024〕1号',
          idempotencyKey: 'fuzz-allocation',
        },
      }),
    adjustAllocation: (t) =>
      asOffice({ input: { allocationId: t.funds.allocationId, amount: '12000.00', reason: '预算调整' } }),
    disburseFunds: (t) =>
      asOffice({
        input: {
          allocationId: t.funds.allocationId,
          amount: '100.00',
          voucherNumber: 'BF-001',
          paidOn: `${FUND_YEAR}-01-05`,
        },
      }),
    freezeFunds: (t) => asOffice({ input: { allocationId: t.funds.freezableId, reason: '审计检查' } }),
    unfreezeFunds: (t) => asOffice({ input: { allocationId: t.funds.frozenId, reason: '检查完毕' } }),
    submitExpense: (t) => ({
      caller: t.studio.hostCaller,
      args: {
        input: {
          allocationId: t.funds.allocationId,
          category: 'RESEARCH_ACTIVITY',
          amount: '100.00',
          spentOn: `${FUND_YEAR}-01-02`,
          payee: '张老师',
          voucherNumber: 'PZ-001',
          description: '主题教研活动',
        },
      },
    }),
    decideExpense: (t) =>
      asOffice({ input: { expenseId: t.funds.submittedExpenseId, decision: 'REJECT', reason: '票据不全' } }),
    reverseExpense: (t) => asOffice({ input: { expenseId: t.funds.approvedExpenseId, reason: '重复报销' } }),
    registerWebhookEndpoint: () => ({
      caller: FINANCE,
      args: {
        input: {
          url: 'http://127.0.0.1:9/hook',
          eventTypes: ['ALLOCATED', 'EXPENSE_APPROVED'],
          regionCode: FUZZ_COUNTY,
          description: '县财政局账务系统',
        },
      },
    }),
    rotateWebhookSecret: (t) => ({ caller: FINANCE, args: { input: { endpointId: t.funds.endpointId } } }),
    pauseWebhookEndpoint: (t) => ({
      caller: FINANCE,
      args: { input: { endpointId: t.funds.pausableEndpointId } },
    }),
    resumeWebhookEndpoint: (t) => ({
      caller: FINANCE,
      args: { input: { endpointId: t.funds.pausedEndpointId } },
    }),
    redeliverFundEvent: (t) => ({
      caller: FINANCE,
      args: { input: { endpointId: t.funds.endpointId, eventId: t.funds.eventId } },
    }),
    replayFundEvents: (t) => ({
      caller: FINANCE,
      args: { input: { endpointId: t.funds.endpointId, after: '0' } },
    }),
  },
};

/** The base calls over one set of targets. */
export function basesOver(targets: FuzzTargets): BaseFor {
  return (operation, field) =>
    BASES[operation][field]?.(targets) ??
    EVALUATION_BASES[operation][field]?.(targets.evaluation, OFFICE) ??
    REPORT_BASES[operation][field]?.(targets.reports, OFFICE);
}

/** The root fields with arguments the fuzzer has no base call for (it cannot fuzz them). */
export function fieldsWithoutBase(
  fields: { operation: Operation; name: string; takesArgs: boolean }[],
): string[] {
  return fields
    .filter(
      (f) =>
        f.takesArgs &&
        !BASES[f.operation][f.name] &&
        !EVALUATION_BASES[f.operation][f.name] &&
        !REPORT_BASES[f.operation][f.name],
    )
    .map((f) => `${f.operation}.${f.name}`);
}
