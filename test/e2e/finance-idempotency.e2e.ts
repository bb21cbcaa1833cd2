import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import {
  ALLOCATE,
  DECIDE,
  DISBURSE,
  FREEZE,
  READ_ALLOCATION,
  SUBMIT,
  THIS_YEAR,
  eventTypesOf,
  expenseInput,
  submitted,
  allocated,
} from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

/** Every mutation of money takes an idempotency key: a retry answers the first result, acting once. */
describe('idempotency keys on money', () => {
  let system: TestSystem;
  let studio: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system);
  }, 60_000);
  afterAll(() => system?.stop());

  it('answers a retried allocation with the first result and refuses the key with another input', async () => {
    const input = {
      workshopId: studio.id,
      year: THIS_YEAR,
      amount: '700.00',
      documentNumber: '文号1',
      idempotencyKey: 'alloc-1',
    };
    const first = await system.gql(studio.office, ALLOCATE, { input });
    const again = await system.gql(studio.office, ALLOCATE, { input });
    expect(again.errors).toBeUndefined();
    expect(again.data?.allocateFunds.id).toBe(first.data?.allocateFunds.id);
    expect(await eventTypesOf(system, first.data?.allocateFunds.id)).toHaveLength(1);
    const other = await system.gql(studio.office, ALLOCATE, { input: { ...input, amount: '700.01' } });
    expect(errorCodes(other)).toEqual(['CONFLICT']);
    expect(other.errors?.[0]?.message).toMatch(/idempotency key/);
  });

  it('acts once for a concurrent pair with one key, and frees a key whose request was refused', async () => {
    const allocation = await allocated(system, studio, '100.00', { year: THIS_YEAR - 1 });
    const input = { ...expenseInput(allocation.id, '10.00'), idempotencyKey: 'expense-pair' };
    const [a, b] = await Promise.all([
      system.gql(studio.hostCaller, SUBMIT, { input }),
      system.gql(studio.hostCaller, SUBMIT, { input }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(a.data?.submitExpense.id).toBe(b.data?.submitExpense.id);
    const read = (await system.gql(studio.office, READ_ALLOCATION, { id: allocation.id })).data
      ?.fundAllocation;
    expect(read.pending).toBe('10.00');
    expect(
      (await eventTypesOf(system, allocation.id)).filter((e) => e.type === 'EXPENSE_SUBMITTED'),
    ).toHaveLength(1);

    // Refused (too much): nothing is kept, not even the key.
    const tooMuch = { ...expenseInput(allocation.id, '100.01'), idempotencyKey: 'expense-retry' };
    expect(errorCodes(await system.gql(studio.hostCaller, SUBMIT, { input: tooMuch }))).toEqual(['CONFLICT']);
    const fixed = await system.gql(studio.hostCaller, SUBMIT, { input: { ...tooMuch, amount: '1.00' } });
    expect(fixed.data?.submitExpense.status).toBe('SUBMITTED');
  });

  it('answers a retried approval with the first result instead of a conflict', async () => {
    const allocation = await allocated(system, studio, '100.00', { year: THIS_YEAR - 2 });
    const e = await submitted(system, studio, allocation.id, '40.00', { spentOn: `${THIS_YEAR - 2}-06-01` });
    const input = { expenseId: e.id, decision: 'APPROVE', idempotencyKey: 'decide-1' };
    const first = await system.gql(studio.office, DECIDE, { input });
    const again = await system.gql(studio.office, DECIDE, { input });
    expect(first.data?.decideExpense.status).toBe('APPROVED');
    expect(again.data?.decideExpense).toEqual(first.data?.decideExpense);
    expect(again.data?.decideExpense.allocation.approved).toBe('40.00');
    expect(
      errorCodes(
        await system.gql(studio.office, DECIDE, { input: { ...input, decision: 'REJECT', reason: '否' } }),
      ),
    ).toEqual(['CONFLICT']);
    const tooLong = await system.gql(studio.office, DECIDE, {
      input: { ...input, idempotencyKey: 'k'.repeat(101) },
    });
    expect(tooLong.errors?.[0]?.extensions?.field).toBe('input.idempotencyKey');
  });

  it('keys every other mutation too: a policy, a payment, a freeze', async () => {
    const policy = `mutation ($input: SetFundPolicyInput!) { setFundPolicy(input: $input) { lectureFeeCapPercent } }`;
    const input = {
      allowedCategories: ['OTHER', 'LECTURE_FEE'],
      lectureFeeCapPercent: 40,
      idempotencyKey: 'policy-1',
    };
    const city = { role: Role.CITY_OFFICE, region: '510400' };
    expect((await system.gql(city, policy, { input })).data?.setFundPolicy.lectureFeeCapPercent).toBe(40);
    expect((await system.gql(city, policy, { input })).data?.setFundPolicy.lectureFeeCapPercent).toBe(40);
    expect(
      errorCodes(await system.gql(city, policy, { input: { ...input, lectureFeeCapPercent: 41 } })),
    ).toEqual(['CONFLICT']);

    const allocation = await allocated(system, studio, '100.00', { year: THIS_YEAR - 3 });
    const pay = {
      allocationId: allocation.id,
      amount: '10.00',
      voucherNumber: 'BF-9',
      paidOn: `${THIS_YEAR}-01-01`,
      idempotencyKey: 'pay-1',
    };
    const paid = await Promise.all([1, 2].map(() => system.gql(studio.office, DISBURSE, { input: pay })));
    expect(paid.map((r) => r.data?.disburseFunds.disbursed)).toEqual(['10.00', '10.00']);
    const freeze = { allocationId: allocation.id, reason: '检查', idempotencyKey: 'freeze-1' };
    const frozen = await Promise.all([1, 2].map(() => system.gql(studio.office, FREEZE, { input: freeze })));
    expect(frozen.map((r) => r.data?.freezeFunds.status)).toEqual(['FROZEN', 'FROZEN']);
    const types = (await eventTypesOf(system, allocation.id)).map((e) => e.type);
    expect(types).toEqual(['ALLOCATED', 'DISBURSED', 'FUNDS_FROZEN']);
  });
});
