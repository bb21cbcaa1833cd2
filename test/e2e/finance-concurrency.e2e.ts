import { errorCodes } from '@mingshi/testing';
import { DECIDE, READ_ALLOCATION, allocated, approved, submitted } from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

/** The money rules hold when approvals race: the database's CHECK constraints decide. */
describe('approvals racing on one allocation', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
  }, 60_000);
  afterAll(() => system?.stop());

  const approveAll = (studio: Studio, ids: string[]) =>
    Promise.all(
      ids.map((expenseId) =>
        system.gql(studio.office, DECIDE, { input: { expenseId, decision: 'APPROVE' } }),
      ),
    );
  const read = async (studio: Studio, id: string) =>
    (await system.gql(studio.office, READ_ALLOCATION, { id })).data?.fundAllocation;

  it('passes exactly the approvals that fit when ten that each fit are approved at once', async () => {
    const studio = await foundStudio(system);
    const allocation = await allocated(system, studio, '1000.00');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await submitted(system, studio, allocation.id, '150.00')).id);

    const answers = await approveAll(studio, ids);
    const passed = answers.filter((r) => r.data?.decideExpense?.status === 'APPROVED');
    const conflicts = answers.filter((r) => errorCodes(r).join() === 'CONFLICT');
    expect(passed).toHaveLength(6);
    expect(conflicts).toHaveLength(4);
    for (const r of conflicts) expect(r.errors?.[0]?.message).toMatch(/past the allocation of 1000\.00/);
    const after = await read(studio, allocation.id);
    expect([after.approved, after.pending, after.balance]).toEqual(['900.00', '600.00', '100.00']);
  });

  it('holds lecture fees to the cap at its exact boundary, also when racing', async () => {
    const studio = await foundStudio(system);
    // 50 % of 1000.01 is 500.005: the cap is 500.00, rounded down to the fen.
    const allocation = await allocated(system, studio, '1000.01');
    expect(allocation.lectureFeeCap).toBe('500.00');
    const fee = (amount: string) =>
      submitted(system, studio, allocation.id, amount, { category: 'LECTURE_FEE' });
    const first = await fee('300.00');
    await approved(system, studio, first.id);

    const racing = [await fee('200.00'), await fee('200.00'), await fee('200.00')];
    const answers = await approveAll(
      studio,
      racing.map((e) => e.id),
    );
    expect(answers.filter((r) => r.data?.decideExpense?.status === 'APPROVED')).toHaveLength(1);
    const refusals = answers.filter((r) => errorCodes(r).join() === 'CONFLICT');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]?.errors?.[0]?.message).toMatch(
      /past the cap of 500\.00 \(50% of 1000\.01; 500\.00 already approved\)/,
    );
    expect((await read(studio, allocation.id)).lectureFees).toBe('500.00');

    // At the cap exactly it passed; one fen over fails, and other spending still fits.
    const oneFen = await fee('0.01');
    const over = await system.gql(studio.office, DECIDE, {
      input: { expenseId: oneFen.id, decision: 'APPROVE' },
    });
    expect(errorCodes(over)).toEqual(['CONFLICT']);
    const other = await submitted(system, studio, allocation.id, '0.01');
    expect((await approved(system, studio, other.id)).allocation).toMatchObject({
      approved: '500.01',
      lectureFees: '500.00',
    });
    // The refused expense is still waiting, untouched.
    const after = await read(studio, allocation.id);
    expect(after.pending).toBe('400.01');
  });
});
