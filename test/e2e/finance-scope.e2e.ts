import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import {
  ADJUST,
  DECIDE,
  DISBURSE,
  FREEZE,
  READ_ALLOCATION,
  READ_EXPENSE,
  REVERSE,
  SUBMIT,
  THIS_YEAR,
  UNFREEZE,
  allocated,
  approved,
  expenseInput,
  submitted,
} from '../harness/finance-fixtures';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const OTHER_COUNTY = '510502';

/** A county's money is its own: callers of another county are refused everything, and see nothing. */
describe('funds seen from another county', () => {
  let system: TestSystem;
  let studio: Studio;
  let allocationId: string;
  let submittedId: string;
  let approvedId: string;
  const strangers: Record<string, TokenRequest> = {};
  let before: unknown;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
    allocationId = (await allocated(system, studio, '1000.00')).id;
    submittedId = (await submitted(system, studio, allocationId, '10.00')).id;
    approvedId = (await approved(system, studio, (await submitted(system, studio, allocationId, '20.00')).id))
      .id;
    const elsewhere = await foundStudio(system, { countyCode: OTHER_COUNTY });
    const school = await createSchool(system, OTHER_COUNTY);
    strangers.office = { role: Role.COUNTY_OFFICE, region: OTHER_COUNTY };
    strangers.host = elsewhere.hostCaller;
    strangers.schoolAdmin = { role: Role.SCHOOL_ADMIN, region: OTHER_COUNTY, schoolId: school.id };
    strangers.analyst = { role: Role.ANALYST, region: OTHER_COUNTY };
    const teacher = await createTeacher(system, school, OTHER_COUNTY);
    strangers.teacher = { role: Role.TEACHER, region: OTHER_COUNTY, teacherId: teacher.id };
    // The same county, another school: its finance sees only its own school's studios.
    const neighbour = await createSchool(system, '510403');
    strangers.neighbourSchoolAdmin = { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: neighbour.id };
    before = (await system.gql(studio.office, READ_ALLOCATION, { id: allocationId })).data?.fundAllocation;
  }, 120_000);
  afterAll(() => system?.stop());

  const reads = () => [
    { query: READ_ALLOCATION, vars: { id: allocationId } },
    { query: READ_EXPENSE, vars: { id: submittedId } },
    {
      query: `query ($f: FundAllocationFilter) { fundAllocations(filter: $f) { nodes { id } } }`,
      vars: { f: { regionCode: '510403' } },
    },
    {
      query: `query ($f: ExpenseFilter) { expenses(filter: $f) { nodes { id } } }`,
      vars: { f: { regionCode: '510403' } },
    },
    { query: `query { fundPolicy(regionCode: "510403") { lectureFeeCapPercent } }`, vars: {} },
    {
      query: `query ($f: FundSummaryFilter!) { fundSummary(filter: $f) { allocated } }`,
      vars: { f: { year: THIS_YEAR, regionCode: '510403' } },
    },
  ];
  const writes = () => [
    { query: ADJUST, vars: { input: { allocationId, amount: '900.00', reason: '调整' } } },
    {
      query: DISBURSE,
      vars: { input: { allocationId, amount: '1.00', voucherNumber: 'X', paidOn: `${THIS_YEAR}-01-01` } },
    },
    { query: FREEZE, vars: { input: { allocationId, reason: '冻结' } } },
    { query: UNFREEZE, vars: { input: { allocationId, reason: '解冻' } } },
    { query: SUBMIT, vars: { input: expenseInput(allocationId, '1.00') } },
    { query: DECIDE, vars: { input: { expenseId: submittedId, decision: 'APPROVE' } } },
    { query: DECIDE, vars: { input: { expenseId: submittedId, decision: 'REJECT', reason: '否' } } },
    { query: REVERSE, vars: { input: { expenseId: approvedId, reason: '撤回' } } },
  ];

  it.each(['office', 'host', 'schoolAdmin', 'analyst', 'teacher'])(
    'refuses a %s of another county every read and write of the studio’s money',
    async (who) => {
      const caller = strangers[who]!;
      for (const { query, vars } of [...reads(), ...writes()]) {
        const r = await system.gql(caller, query, vars);
        expect([query, errorCodes(r)]).toEqual([query, [expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)]]);
        expect(Object.values(r.data ?? {}).every((v) => v === null)).toBe(true);
      }
      const allocation = `mutation ($input: AllocateFundsInput!) { allocateFunds(input: $input) { id } }`;
      const r = await system.gql(caller, allocation, {
        input: { workshopId: studio.id, year: THIS_YEAR - 1, amount: '1.00', documentNumber: '文号' },
      });
      expect(errorCodes(r)[0]).toMatch(/^(NOT_FOUND|FORBIDDEN)$/);
      // Their own lists hold nothing of this county.
      const own = await system.gql(caller, `query { fundAllocations { nodes { id } } }`);
      expect(own.data?.fundAllocations?.nodes ?? []).toEqual([]);
    },
  );

  it('shows the finance of another school of the county none of the studio’s money', async () => {
    const neighbour = strangers.neighbourSchoolAdmin!;
    for (const { query, vars } of [...reads().slice(0, 2), ...writes()]) {
      const r = await system.gql(neighbour, query, vars);
      expect([query, errorCodes(r)]).toEqual([query, [expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/)]]);
    }
    const [, , allocations, expenses, , summary] = reads();
    expect(
      (await system.gql(neighbour, allocations!.query, allocations!.vars)).data?.fundAllocations.nodes,
    ).toEqual([]);
    expect((await system.gql(neighbour, expenses!.query, expenses!.vars)).data?.expenses.nodes).toEqual([]);
    expect((await system.gql(neighbour, summary!.query, summary!.vars)).data?.fundSummary.allocated).toBe(
      '0.00',
    );
  });

  it('leaves the studio’s money as it was after every refusal', async () => {
    expect(
      (await system.gql(studio.office, READ_ALLOCATION, { id: allocationId })).data?.fundAllocation,
    ).toEqual(before);
    const funding = await system.gql(
      strangers.office!,
      `query ($id: ID!) { workshop(id: $id) { funding(year: ${THIS_YEAR}) { allocated } } }`,
      { id: studio.id },
    );
    expect(funding.data?.workshop?.funding ?? null).toBeNull();
  });
});
