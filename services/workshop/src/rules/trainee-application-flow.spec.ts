import type { TraineeApplicationStatus } from '../generated/resolvers-types';
import { applyStep, isLive, ratingProblem, stepRule, type ApplicationStep } from './trainee-application-flow';

const STATUSES: TraineeApplicationStatus[] = [
  'PENDING',
  'ACCEPTED',
  'DECLINED',
  'CONFIRMED',
  'REJECTED',
  'WITHDRAWN',
];
const STEPS: ApplicationStep[] = ['ACCEPT', 'DECLINE', 'CONFIRM', 'REJECT', 'WITHDRAW', 'CLOSE'];

describe('the two-way selection of trainees', () => {
  it('takes each step only from the status it follows', () => {
    const table = Object.fromEntries(
      STEPS.map((step) => [
        step,
        Object.fromEntries(
          STATUSES.flatMap((from) => {
            const result = applyStep(from, step);
            return result.ok ? [[from, result.to]] : [];
          }),
        ),
      ]),
    );
    expect(table).toEqual({
      ACCEPT: { PENDING: 'ACCEPTED' },
      DECLINE: { PENDING: 'DECLINED' },
      CONFIRM: { ACCEPTED: 'CONFIRMED' },
      REJECT: { ACCEPTED: 'REJECTED' },
      WITHDRAW: { PENDING: 'WITHDRAWN', ACCEPTED: 'WITHDRAWN' },
      CLOSE: { PENDING: 'REJECTED', ACCEPTED: 'REJECTED' },
    });
  });

  it('refuses to confirm what the host declined, saying why', () => {
    const result = applyStep('DECLINED', 'CONFIRM');
    expect(result).toEqual({
      ok: false,
      reason: expect.stringMatching(/declined by the host.*only an application that is ACCEPTED/),
    });
  });

  it('refuses the office a decision before the host has answered', () => {
    expect(applyStep('PENDING', 'CONFIRM').ok).toBe(false);
    expect(applyStep('PENDING', 'REJECT').ok).toBe(false);
  });

  it('refuses a withdrawal once the office has decided', () => {
    expect(applyStep('CONFIRMED', 'WITHDRAW')).toEqual({
      ok: false,
      reason: expect.stringMatching(/already confirmed/),
    });
    expect(applyStep('REJECTED', 'WITHDRAW').ok).toBe(false);
    expect(applyStep('WITHDRAWN', 'WITHDRAW').ok).toBe(false);
  });

  it('counts only applications still waiting for someone as live', () => {
    expect(STATUSES.filter(isLive)).toEqual(['PENDING', 'ACCEPTED']);
    expect(stepRule('CLOSE').from).toEqual(['PENDING', 'ACCEPTED']);
  });
});

describe("the host's rating", () => {
  it('is required, whole and 1–5 when accepting', () => {
    expect(ratingProblem(true, 4)).toBeNull();
    expect(ratingProblem(true, 1)).toBeNull();
    expect(ratingProblem(true, 5)).toBeNull();
    expect(ratingProblem(true, null)).toMatch(/required/);
    expect(ratingProblem(true, undefined)).toMatch(/required/);
    expect(ratingProblem(true, 0)).toMatch(/1 to 5/);
    expect(ratingProblem(true, 6)).toMatch(/1 to 5/);
    expect(ratingProblem(true, 3.5)).toMatch(/whole/);
  });

  it('is not given when declining', () => {
    expect(ratingProblem(false, null)).toBeNull();
    expect(ratingProblem(false, 2)).toMatch(/only when accepting/);
  });
});
