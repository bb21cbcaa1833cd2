import type { SupportAgreementStatus } from '../generated/resolvers-types';
import {
  agreementPeriodProblem,
  canMoveSupportAgreement,
  periodsOverlap,
  visitsPerTermProblem,
} from './support-agreement';

const ALL: SupportAgreementStatus[] = ['ACTIVE', 'COMPLETED', 'TERMINATED'];

describe('support agreements', () => {
  it('end once, as completed or terminated, from active only', () => {
    const legal = ALL.flatMap((from) =>
      ALL.filter((to) => canMoveSupportAgreement(from, to)).map((to) => `${from}→${to}`),
    );
    expect(legal).toEqual(['ACTIVE→COMPLETED', 'ACTIVE→TERMINATED']);
  });

  it('agree 1 to 20 visits per term', () => {
    expect(visitsPerTermProblem(1)).toBeNull();
    expect(visitsPerTermProblem(20)).toBeNull();
    expect(visitsPerTermProblem(0)).toMatch(/1 to 20/);
    expect(visitsPerTermProblem(21)).toMatch(/1 to 20/);
    expect(visitsPerTermProblem(2.5)).toMatch(/whole number/);
  });

  it('run forwards for at most one three-year cycle', () => {
    expect(agreementPeriodProblem('2024-09-01', '2024-09-01')).toBeNull();
    expect(agreementPeriodProblem('2024-09-01', '2027-08-31')).toBeNull();
    expect(agreementPeriodProblem('2024-09-01', '2027-09-01')).toMatch(/at most 3 years/);
    expect(agreementPeriodProblem('2024-09-01', '2024-08-31')).toMatch(/before startsOn/);
  });

  it('overlap when the periods share a day', () => {
    const autumn = { startsOn: '2024-09-01', endsOn: '2025-01-15' };
    expect(periodsOverlap(autumn, { startsOn: '2025-01-15', endsOn: '2025-06-30' })).toBe(true);
    expect(periodsOverlap(autumn, { startsOn: '2025-01-16', endsOn: '2025-06-30' })).toBe(false);
    expect(periodsOverlap(autumn, { startsOn: '2024-01-01', endsOn: '2026-01-01' })).toBe(true);
  });
});
