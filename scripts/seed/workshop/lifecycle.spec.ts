import { deadlineProblem, transitionProblem } from '../../../services/workshop/src/rules/workshop-lifecycle';
import {
  APPEAL_WINDOW_DAYS,
  RECTIFICATION_DAYS,
  annualResultsFinal,
  annualRoundOver,
} from '../assessment-calendar';
import { addDays } from '../calendar';
import { planLifecycle, storyCycles } from './lifecycle';
import { AS_OF } from './test-fixtures';

const plans = (n: number, asOf = AS_OF) =>
  Array.from({ length: n }, (_, i) => planLifecycle(`studio:999999:${i}`, asOf));

describe('studio lifecycles', () => {
  it('start with the founding and move only as the lifecycle allows, day after day', () => {
    for (const plan of plans(500)) {
      expect(plan.history[0]).toMatchObject({
        from: null,
        to: 'PROPOSED',
        reason: '成立',
        on: plan.foundedOn,
      });
      for (const [i, change] of plan.history.entries()) {
        if (i === 0) continue;
        const previous = plan.history[i - 1]!;
        expect(change.from).toBe(previous.to);
        expect(transitionProblem(previous.to, change.to)).toBeNull();
        expect(change.on > previous.on).toBe(true);
      }
      expect(plan.status).toBe(plan.history.at(-1)!.to);
    }
  });

  it('are mostly ACTIVE, some RECTIFYING, a few CONCLUDED or REVOKED', () => {
    const all = plans(4000);
    const share = (status: string) => all.filter((p) => p.status === status).length / all.length;
    expect(share('ACTIVE')).toBeGreaterThan(0.74);
    expect(share('ACTIVE')).toBeLessThan(0.82);
    expect(share('RECTIFYING')).toBeGreaterThan(0.06);
    expect(share('RECTIFYING')).toBeLessThan(0.12);
    expect(share('CONCLUDED')).toBeGreaterThan(0.04);
    expect(share('REVOKED')).toBeGreaterThan(0.03);
    expect(share('CONCLUDED') + share('REVOKED')).toBeLessThan(0.18);
  });

  it('run in the cycle ending this year and the one before, and leave none running in an ended cycle', () => {
    const cycles = storyCycles(AS_OF);
    expect(cycles).toEqual({ previous: 2020, current: 2023 });
    for (const plan of plans(500)) {
      const current = plan.cycles.at(-1)!.startYear;
      expect([cycles.previous, cycles.current]).toContain(plan.cycles[0]!.startYear);
      if (['ACTIVE', 'RECTIFYING'].includes(plan.status)) expect(current).toBe(cycles.current);
      if (plan.status === 'CONCLUDED') expect(current).toBe(cycles.previous);
      expect(plan.cycles.length).toBe(plan.nextCycle ? 2 : 1);
    }
  });

  it('give a rectifying studio a deadline after the day it was told, and no other studio one', () => {
    for (const plan of plans(500)) {
      if (plan.status !== 'RECTIFYING') {
        expect(plan.rectificationDeadline).toBeNull();
        continue;
      }
      const told = plan.history.at(-1)!.on;
      expect(deadlineProblem('RECTIFYING', plan.rectificationDeadline, told)).toBeNull();
    }
  });

  it('keep work within each cycle, before revocation and by the last recorded day, on any day of the year', () => {
    for (const asOf of [AS_OF, '2025-10-15', '2026-01-01']) {
      for (const plan of plans(800, asOf)) {
        for (const cycle of plan.cycles) {
          expect(cycle.activeOn >= `${cycle.startYear}-01-01`).toBe(true);
          expect(cycle.lastWorkDay <= `${cycle.startYear + 2}-12-31`).toBe(true);
          expect(cycle.lastWorkDay <= asOf).toBe(true);
          expect(cycle.activeOn < cycle.lastWorkDay).toBe(true);
          if (plan.revoked) expect(cycle.lastWorkDay < plan.revoked.on).toBe(true);
        }
        expect(plan.history.every((change) => change.on <= asOf)).toBe(true);
      }
    }
  });

  it('end a revoked studio’s places with the note the service writes', () => {
    const revoked = plans(500).filter((p) => p.revoked);
    expect(revoked.length).toBeGreaterThan(0);
    for (const plan of revoked) expect(plan.revoked!.note).toMatch(/^工作室取消资格：/);
  });

  it('tell a studio to rectify the day a year’s annual result became final, and revoke it after a failed follow-up', () => {
    for (const asOf of [AS_OF, '2026-01-10', '2026-03-05']) {
      for (const plan of plans(800, asOf)) {
        const told = plan.history.find((c) => c.to === 'RECTIFYING');
        expect(plan.rectified?.on ?? null).toBe(told?.on ?? null);
        if (!plan.rectified) continue;
        const { year, on, deadline } = plan.rectified;
        const cycle = plan.cycles.at(-1)!;
        // It ran that year, and that year's round was over by the day of the data.
        expect(year >= cycle.startYear && cycle.activeOn < `${year}-11-01`).toBe(true);
        expect(annualRoundOver(year, asOf)).toBe(true);
        expect(on >= annualResultsFinal(year).first && on <= annualResultsFinal(year).last).toBe(true);
        expect(deadline).toBe(addDays(on, RECTIFICATION_DAYS));
        if (plan.status === 'RECTIFYING') {
          expect(plan.rectificationDeadline).toBe(deadline);
          // The latest round over: the one a studio still rectifying was told by.
          expect(annualRoundOver(year + 1, asOf)).toBe(false);
        }
        if (plan.revoked) expect(plan.revoked.on > addDays(deadline, APPEAL_WINDOW_DAYS)).toBe(true);
      }
    }
  });
});
