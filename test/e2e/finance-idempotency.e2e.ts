import { errorCodes } from '@mingshi/testing';
import {
  ALLOCATE,
  DECIDE,
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
});
