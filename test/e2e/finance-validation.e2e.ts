import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import {
  ADJUST,
  ALLOCATE,
  DECIDE,
  DISBURSE,
  READ_ALLOCATION,
  READ_EXPENSE,
  SUBMIT,
  THIS_YEAR,
  allocated,
  expenseInput,
} from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const HUGE = '9999999999999.99';

/** Hostile values get a stable code naming the field, never an internal error, and change nothing. */
describe('finance input at its limits', () => {
  let system: TestSystem;
  let studio: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
  }, 60_000);
  afterAll(() => system?.stop());

  it('answers ids that cannot name a row with NOT_FOUND', async () => {
    for (const id of ['nope', '', '00000000-0000-4000-8000-000000000000']) {
      // An empty id is refused as input before any lookup.
      const code = id ? 'NOT_FOUND' : 'BAD_USER_INPUT';
      expect(errorCodes(await system.gql(studio.office, READ_ALLOCATION, { id }))).toEqual([code]);
      expect(errorCodes(await system.gql(studio.office, READ_EXPENSE, { id }))).toEqual([code]);
      const decide = await system.gql(studio.office, DECIDE, {
        input: { expenseId: id, decision: 'APPROVE' },
      });
      expect(errorCodes(decide)).toEqual([code]);
    }
    const funding = await system.gql(
      studio.office,
      `query { workshop(id: "nope") { funding(year: ${THIS_YEAR}) { allocated } } }`,
    );
    expect(errorCodes(funding).every((c) => c !== 'INTERNAL_SERVER_ERROR')).toBe(true);
  });

  it('carries the largest amounts exactly and keeps the rules at their edges', async () => {
    const big = await allocated(system, studio, HUGE);
    expect([big.amount, big.lectureFeeCap, big.balance]).toEqual([HUGE, '4999999999999.99', HUGE]);
    const e = await system.gql(studio.hostCaller, SUBMIT, {
      input: expenseInput(big.id, HUGE, { category: 'LECTURE_FEE' }),
    });
    expect(e.data?.submitExpense.amount).toBe(HUGE);
    const over = await system.gql(studio.office, DECIDE, {
      input: { expenseId: e.data?.submitExpense.id, decision: 'APPROVE' },
    });
    expect(errorCodes(over)).toEqual(['CONFLICT']);
    const pay = await system.gql(studio.office, DISBURSE, {
      input: { allocationId: big.id, amount: HUGE, voucherNumber: 'V', paidOn: `${THIS_YEAR}-01-01` },
    });
    expect(pay.data?.disburseFunds.disbursed).toBe(HUGE);
    const more = await system.gql(studio.office, DISBURSE, {
      input: { allocationId: big.id, amount: '0.01', voucherNumber: 'V2', paidOn: `${THIS_YEAR}-01-01` },
    });
    expect(errorCodes(more)).toEqual(['CONFLICT']);
    for (const amount of ['99999999999999.99', '1.001', '1e5', 1000]) {
      const r = await system.gql(studio.office, ADJUST, {
        input: { allocationId: big.id, amount, reason: '调整' },
      });
      expect(errorCodes(r)[0]).toMatch(/^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/);
    }
  });

  it('refuses years and dates outside what the tables hold', async () => {
    for (const year of [1999, 2101, -1, 2147483647]) {
      const r = await system.gql(studio.office, ALLOCATE, {
        input: { workshopId: studio.id, year, amount: '1.00', documentNumber: '文号' },
      });
      expect([year, errorCodes(r)]).toEqual([year, ['BAD_USER_INPUT']]);
    }
    for (const year of [0, 99999]) {
      const r = await system.gql(
        { role: Role.ANALYST, region: '510403' },
        `query ($id: ID!, $year: Int!) { workshop(id: $id) { funding(year: $year) { allocated } } }`,
        { id: studio.id, year },
      );
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const a = await allocated(system, studio, '10.00', { year: THIS_YEAR - 1 });
    for (const spentOn of ['0001-01-01', '2026-02-30', `${THIS_YEAR + 1}-01-01`]) {
      const r = await system.gql(studio.hostCaller, SUBMIT, {
        input: expenseInput(a.id, '1.00', { spentOn }),
      });
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const read = (await system.gql(studio.office, READ_ALLOCATION, { id: a.id })).data?.fundAllocation;
    expect([read.pending, read.approved]).toEqual(['0.00', '0.00']);
  });
});
