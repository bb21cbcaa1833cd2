import { addDays } from '../calendar';
import { AS_OF, fixture } from '../workshop/test-fixtures';
import { DEFAULT_LECTURE_FEE_CAP_PERCENT } from '../../../services/finance/src/services/policy.service';
import { planAllocations } from './funds';

describe('seeded funds', () => {
  // Many small studios, so that some were revoked.
  const { studios } = fixture({ teachersPerStudio: 40 });
  const plans = studios.flatMap(({ studio }) => planAllocations(studio, AS_OF));

  it('allocates one amount a year per studio, in whole yuan, paid no later than today', () => {
    expect(plans.length).toBeGreaterThan(studios.length);
    for (const { studio } of studios) {
      const years = plans.filter((p) => p.studio.id === studio.id).map((p) => p.year);
      expect(new Set(years).size).toBe(years.length);
    }
    for (const plan of plans) {
      expect(plan.amountFen % 100n).toBe(0n);
      expect(plan.amountFen).toBeGreaterThan(0n);
      if (plan.disbursement) expect(plan.disbursement.paidOn <= AS_OF).toBe(true);
    }
  });

  it("gives 西区's own studios the 3,000 元 a year its notice names", () => {
    const west = plans.filter((p) => p.studio.jurisdiction.code === '510403');
    expect(west.length).toBeGreaterThan(0);
    for (const plan of west) expect(plan.amountFen).toBe(300_000n);
  });

  it('never approves or holds more than the allocation, nor lecture fees past the cap', () => {
    for (const plan of plans) {
      const sum = (statuses: string[], category?: string) =>
        plan.expenses
          .filter((e) => statuses.includes(e.status) && (!category || e.category === category))
          .reduce((total, e) => total + e.amountFen, 0n);
      expect(sum(['APPROVED', 'SUBMITTED'])).toBeLessThanOrEqual(plan.amountFen);
      expect(sum(['APPROVED'], 'LECTURE_FEE') * 100n).toBeLessThanOrEqual(
        plan.amountFen * BigInt(DEFAULT_LECTURE_FEE_CAP_PERCENT),
      );
      for (const e of plan.expenses) {
        expect(e.amountFen).toBeGreaterThan(0n);
        expect(e.submittedOn <= AS_OF && e.spentOn <= e.submittedOn).toBe(true);
        if (e.decidedOn) expect(e.decidedOn >= e.submittedOn).toBe(true);
        if (e.reversedOn) expect(e.status).toBe('REVERSED');
      }
    }
  });

  it('spends nothing after a revocation and freezes what the revoked studio had', () => {
    const revoked = plans.filter((p) => p.studio.lifecycle.revoked);
    expect(revoked.length).toBeGreaterThan(0);
    for (const plan of revoked) {
      const on = plan.studio.lifecycle.revoked!.on;
      expect(plan.frozen?.on).toBe(on);
      for (const e of plan.expenses) expect(e.submittedOn <= on).toBe(true);
    }
  });

  it('keeps the same expenses on a later day and adds only newer ones', () => {
    const later = addDays(AS_OF, 40);
    const byId = new Map(
      studios.flatMap(({ studio }) => planAllocations(studio, later)).map((p) => [p.id, p] as const),
    );
    for (const plan of plans) {
      const again = byId.get(plan.id)!;
      expect(again.amountFen).toBe(plan.amountFen);
      for (const e of plan.expenses) expect(again.expenses).toContainEqual(e);
    }
  });
});
