import { Role } from '@mingshi/auth';
import { errorCodes, type GraphQLResponse } from '@mingshi/testing';
import {
  DECIDE,
  READ_ALLOCATION,
  READ_EXPENSE,
  REVERSE,
  SUBMIT,
  THIS_YEAR,
  allocated,
  approved,
  eventTypesOf,
  expenseInput,
  schoolAdminOf,
  submitted,
} from '../harness/finance-fixtures';
import { createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

function refused(r: GraphQLResponse, code: string, field?: string): void {
  expect(errorCodes(r)).toEqual([code]);
  if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
}

const EXPENSES = `query ($filter: ExpenseFilter, $first: Int, $after: String) {
  expenses(filter: $filter, first: $first, after: $after) { nodes { id amount payee status } pageInfo { hasNextPage endCursor } totalCount }
}`;

/** 支出: the host submits, the host school's finance or the office decides, reversals never edit. */
describe('studio expenses', () => {
  let system: TestSystem;
  let studio: Studio;
  let allocationId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
    allocationId = (await allocated(system, studio, '1000.00')).id;
  }, 120_000);
  afterAll(() => system?.stop());

  const submit = (fields: Record<string, unknown>, caller: TokenRequest = studio.hostCaller) =>
    system.gql(caller, SUBMIT, { input: expenseInput(allocationId, '100.00', fields) });
  const totals = async () => {
    const a = (await system.gql(studio.office, READ_ALLOCATION, { id: allocationId })).data?.fundAllocation;
    return { approved: a.approved, pending: a.pending, lectureFees: a.lectureFees };
  };

  it('holds a submitted expense as pending, with an EXPENSE_SUBMITTED event', async () => {
    const e = await submitted(system, studio, allocationId, '120.50', {
      payee: '李教授',
      category: 'EXPERT_LECTURE',
    });
    expect(e).toMatchObject({
      category: 'EXPERT_LECTURE',
      amount: '120.50',
      payee: '李教授',
      status: 'SUBMITTED',
      allocation: { id: allocationId, approved: '0.00', pending: '120.50' },
      workshop: { id: studio.id },
    });
    expect((await eventTypesOf(system, allocationId)).at(-1)).toEqual({
      type: 'EXPENSE_SUBMITTED',
      amount: '12050',
    });
    const rejected = await system.gql(studio.office, DECIDE, {
      input: { expenseId: e.id, decision: 'REJECT' },
    });
    refused(rejected, 'BAD_USER_INPUT', 'input.reason');
    const r = await system.gql(schoolAdminOf(studio), DECIDE, {
      input: { expenseId: e.id, decision: 'REJECT', reason: '票据不全' },
    });
    expect(r.data?.decideExpense).toMatchObject({
      status: 'REJECTED',
      decisionReason: '票据不全',
      allocation: { pending: '0.00' },
    });
    refused(
      await system.gql(studio.office, DECIDE, { input: { expenseId: e.id, decision: 'APPROVE' } }),
      'CONFLICT',
    );
    expect((await eventTypesOf(system, allocationId)).at(-1)?.type).toBe('EXPENSE_REJECTED');
  });

  it('refuses bad input all at once, and categories, dates and amounts the allocation does not allow', async () => {
    const r = await submit({
      amount: '0.00',
      spentOn: '2999-01-01',
      payee: ' ',
      voucherNumber: '',
      description: '',
    });
    expect(r.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual([
      'input.amount',
      'input.spentOn',
      'input.payee',
      'input.voucherNumber',
      'input.description',
    ]);
    refused(await submit({ spentOn: `${THIS_YEAR - 2}-12-31` }), 'BAD_USER_INPUT', 'input.spentOn');
    refused(await submit({ amount: '1000.01' }), 'CONFLICT');
    const narrow = await foundStudio(system, { level: 'CITY' });
    await system.gql(
      narrow.office,
      `mutation { setFundPolicy(input: { allowedCategories: [OUTREACH], lectureFeeCapPercent: 10 }) { configured } }`,
    );
    const scoped = await allocated(system, narrow, '50.00');
    const wrong = await system.gql(narrow.hostCaller, SUBMIT, { input: expenseInput(scoped.id, '1.00') });
    refused(wrong, 'BAD_USER_INPUT', 'input.category');
    expect(await totals()).toEqual({ approved: '0.00', pending: '0.00', lectureFees: '0.00' });
  });

  it('lets only the host submit, and refuses a voucher already live on the allocation', async () => {
    const member = await createTeacher(system, studio.school, '510403');
    // A host of another studio sees none of this one's money.
    refused(
      await submit({}, { role: Role.HOST, region: '510403', teacherId: member.id }),
      'NOT_FOUND',
      'input.allocationId',
    );
    refused(await submit({}, studio.office), 'FORBIDDEN');
    refused(await submit({}, schoolAdminOf(studio)), 'FORBIDDEN');
    refused(
      await submit({ allocationId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      'input.allocationId',
    );
    await submitted(system, studio, allocationId, '10.00', { voucherNumber: 'PZ-dup' });
    refused(await submit({ voucherNumber: 'PZ-dup' }), 'CONFLICT');
    expect((await totals()).pending).toBe('10.00');
  });

  it('approves into the totals, reverses with a reason into a new event, never twice', async () => {
    const e = await submitted(system, studio, allocationId, '300.00', { category: 'LECTURE_FEE' });
    const host = await system.gql(studio.hostCaller, DECIDE, {
      input: { expenseId: e.id, decision: 'APPROVE' },
    });
    refused(host, 'FORBIDDEN');
    const ok = await approved(system, studio, e.id);
    expect(ok).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'county_office-510403',
      allocation: { approved: '300.00', lectureFees: '300.00' },
    });
    refused(
      await system.gql(studio.office, REVERSE, { input: { expenseId: e.id, reason: '' } }),
      'BAD_USER_INPUT',
      'input.reason',
    );
    const reversed = await system.gql(schoolAdminOf(studio), REVERSE, {
      input: { expenseId: e.id, reason: '重复报销' },
    });
    expect(reversed.data?.reverseExpense).toMatchObject({
      status: 'REVERSED',
      reversalReason: '重复报销',
      decidedBy: 'county_office-510403',
      allocation: { approved: '0.00', lectureFees: '0.00' },
    });
    refused(
      await system.gql(studio.office, REVERSE, { input: { expenseId: e.id, reason: '再次' } }),
      'CONFLICT',
    );
    const types = (await eventTypesOf(system, allocationId)).map((x) => x.type);
    expect(types.slice(-2)).toEqual(['EXPENSE_APPROVED', 'EXPENSE_REVERSED']);
    // The voucher of a reversed expense may be used again.
    await submitted(system, studio, allocationId, '1.00', { voucherNumber: e.voucherNumber });
  });

  it('masks payees for analysts and shows no money to a teacher who is not the host', async () => {
    const e = await submitted(system, studio, allocationId, '5.00', { payee: '王五' });
    const analyst = await system.gql({ role: Role.ANALYST, region: '510403' }, READ_EXPENSE, { id: e.id });
    expect(analyst.data?.expense.payee).toBe('***');
    expect(analyst.data?.expense.amount).toBe('5.00');
    const office = await system.gql(studio.office, READ_EXPENSE, { id: e.id });
    expect(office.data?.expense.payee).toBe('王五');
    const teacher: TokenRequest = { role: Role.TEACHER, region: '510403', teacherId: studio.host.id };
    refused(await system.gql(teacher, READ_EXPENSE, { id: e.id }), 'NOT_FOUND');
    refused(await system.gql(teacher, READ_ALLOCATION, { id: allocationId }), 'NOT_FOUND');
    refused(await system.gql(teacher, EXPENSES, {}), 'FORBIDDEN');
    const funding = await system.gql(
      teacher,
      `query ($id: ID!) { workshop(id: $id) { id funding(year: ${THIS_YEAR}) { allocated } fundAllocations { id } } }`,
      { id: studio.id },
    );
    expect(funding.errors).toBeUndefined();
    expect(funding.data?.workshop).toEqual({ id: studio.id, funding: null, fundAllocations: null });
  });

  it('pages expenses newest first', async () => {
    const all: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: GraphQLResponse = await system.gql(studio.hostCaller, EXPENSES, {
        filter: { allocationId },
        first: 2,
        after,
      });
      expect(r.errors).toBeUndefined();
      all.push(...(r.data?.expenses.nodes ?? []).map((n: { id: string }) => n.id));
      if (!r.data?.expenses.pageInfo.hasNextPage) break;
      after = r.data.expenses.pageInfo.endCursor;
    }
    const total = (await system.gql(studio.office, EXPENSES, { filter: { allocationId }, first: 100 })).data
      ?.expenses;
    expect(all).toEqual(total.nodes.map((n: { id: string }) => n.id));
    expect(total.totalCount).toBe(all.length);
    refused(await system.gql(studio.office, EXPENSES, { after: 'bogus' }), 'BAD_USER_INPUT', 'after');
    refused(
      await system.gql(studio.office, EXPENSES, { after: Buffer.from('["x","y"]').toString('base64url') }),
      'BAD_USER_INPUT',
      'after',
    );
    refused(await system.gql(studio.office, EXPENSES, { first: 101 }), 'BAD_USER_INPUT', 'first');
  });

  it('freezes a revoked studio’s allocations and refuses its new expenses and approvals', async () => {
    const s = await foundStudio(system);
    const a = await allocated(system, s, '500.00');
    const waiting = await submitted(system, s, a.id, '50.00');
    const revoke = await system.gql(
      s.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: s.id, to: 'REVOKED', reason: '考核不合格' } },
    );
    expect(revoke.errors).toBeUndefined();
    await system.deliverWorkshopEvents();
    expect((await eventTypesOf(system, a.id)).map((e) => e.type)).toContain('FUNDS_FROZEN');
    const read = (await system.gql(s.office, READ_ALLOCATION, { id: a.id })).data?.fundAllocation;
    expect(read.status).toBe('FROZEN');
    expect(read.frozenReason).toMatch(/撤销/);
    // The revocation ended the host's membership: the former host no longer reads the money at all.
    const again = await system.gql(s.hostCaller, SUBMIT, { input: expenseInput(a.id, '1.00') });
    refused(again, 'NOT_FOUND', 'input.allocationId');
    refused(
      await system.gql(s.office, DECIDE, { input: { expenseId: waiting.id, decision: 'APPROVE' } }),
      'CONFLICT',
    );
    refused(
      await system.gql(
        s.office,
        `mutation ($input: FreezeFundsInput!) { unfreezeFunds(input: $input) { status } }`,
        { input: { allocationId: a.id, reason: '恢复' } },
      ),
      'CONFLICT',
    );
    const after = (await system.gql(s.office, READ_ALLOCATION, { id: a.id })).data?.fundAllocation;
    expect([after.approved, after.pending, after.status]).toEqual(['0.00', '50.00', 'FROZEN']);
  });

  it('refuses approval of a frozen allocation and takes it again once unfrozen', async () => {
    const s = await foundStudio(system);
    const a = await allocated(system, s, '500.00');
    const e = await submitted(system, s, a.id, '50.00');
    await system.gql(
      s.office,
      `mutation ($input: FreezeFundsInput!) { freezeFunds(input: $input) { status } }`,
      { input: { allocationId: a.id, reason: '检查' } },
    );
    refused(
      await system.gql(s.office, DECIDE, { input: { expenseId: e.id, decision: 'APPROVE' } }),
      'CONFLICT',
    );
    refused(await system.gql(s.hostCaller, SUBMIT, { input: expenseInput(a.id, '1.00') }), 'CONFLICT');
    await system.gql(
      s.office,
      `mutation ($input: FreezeFundsInput!) { unfreezeFunds(input: $input) { status } }`,
      { input: { allocationId: a.id, reason: '检查完毕' } },
    );
    expect((await approved(system, s, e.id)).allocation.approved).toBe('50.00');
  });
});
