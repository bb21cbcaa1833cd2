import { ErrorCode } from '@mingshi/graphql';
import { BUDGET_HEADER } from '@mingshi/subgraph-server';
import { Deadline, budgetSignal } from './deadline';

describe('request deadline', () => {
  it('gives later subgraph fetches only what is left of the budget', async () => {
    const deadline = new Deadline(1000);
    // Read after the deadline took its own time, so the deadline can only be the earlier.
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Measured, not assumed to be 60 ms: a timer may fire a millisecond early on the wall clock.
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(50);
    expect(deadline.remainingMs()).toBeLessThanOrEqual(1000 - waited);
    expect(deadline.remainingMs()).toBeGreaterThan(0);
  });

  it('names the budget and the TIMEOUT code when it is exceeded', () => {
    const error = new Deadline(250).exceeded();
    expect(error.extensions.code).toBe(ErrorCode.TIMEOUT);
    expect(error.message).toMatch(/250 ms/);
  });

  it('aborts a fetch when the budget its headers carry runs out', async () => {
    const signal = budgetSignal({ [BUDGET_HEADER]: '20' })!;
    expect(signal.aborted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal.aborted).toBe(true);
    expect(budgetSignal({})).toBeUndefined();
  });
});
