import type { ResearchProjectStatus } from '../generated/resolvers-types';
import {
  INITIAL_RESEARCH_STATUSES,
  canMoveResearchProject,
  endDateAfterMove,
  researchProjectProblem,
} from './research-project-flow';

const ALL: ResearchProjectStatus[] = ['DECLARED', 'APPROVED', 'IN_PROGRESS', 'CONCLUDED', 'TERMINATED'];
const today = '2025-06-30';

describe('research project flow', () => {
  it('moves 申报 → 立项 → 在研 → 结题, or to 终止 from any open step, and nothing else', () => {
    const legal = ALL.flatMap((from) =>
      ALL.filter((to) => canMoveResearchProject(from, to)).map((to) => `${from}→${to}`),
    );
    expect(legal.sort()).toEqual(
      [
        'DECLARED→APPROVED',
        'DECLARED→TERMINATED',
        'APPROVED→IN_PROGRESS',
        'APPROVED→TERMINATED',
        'IN_PROGRESS→CONCLUDED',
        'IN_PROGRESS→TERMINATED',
      ].sort(),
    );
  });

  it('registers projects as declared, approved or in progress, never as already ended', () => {
    expect(INITIAL_RESEARCH_STATUSES).toEqual(['DECLARED', 'APPROVED', 'IN_PROGRESS']);
  });

  it('needs a start for projects under way and an end, not before the start, for concluded ones', () => {
    const ok = (status: ResearchProjectStatus, startedOn: string | null, concludedOn: string | null = null) =>
      researchProjectProblem({ status, startedOn, concludedOn }, today);
    expect(ok('DECLARED', null)).toBeNull();
    expect(ok('APPROVED', null)).toBeNull();
    expect(ok('APPROVED', '2025-03-01')).toBeNull();
    expect(ok('IN_PROGRESS', '2025-03-01')).toBeNull();
    expect(ok('CONCLUDED', '2024-03-01', '2025-06-30')).toBeNull();
    expect(ok('CONCLUDED', '2024-03-01', '2024-03-01')).toBeNull();
    expect(ok('TERMINATED', null, '2025-01-10')).toBeNull();

    expect(ok('DECLARED', '2025-03-01')).toMatchObject({ field: 'startedOn' });
    expect(ok('IN_PROGRESS', null)).toMatchObject({ field: 'startedOn' });
    expect(ok('CONCLUDED', null, '2025-01-01')).toMatchObject({ field: 'startedOn' });
    expect(ok('CONCLUDED', '2024-03-01', null)).toMatchObject({ field: 'concludedOn', message: /required/ });
    expect(ok('CONCLUDED', '2024-03-01', '2024-02-28')).toMatchObject({
      field: 'concludedOn',
      message: /before/,
    });
    expect(ok('IN_PROGRESS', '2024-03-01', '2024-12-01')).toMatchObject({
      field: 'concludedOn',
      message: /only for/,
    });
    expect(ok('IN_PROGRESS', '2025-07-01')).toMatchObject({ field: 'startedOn', message: /future/ });
    expect(ok('CONCLUDED', '2024-03-01', '2025-07-01')).toMatchObject({
      field: 'concludedOn',
      message: /future/,
    });
  });

  it('ends a terminated project today unless told when, and keeps a given end date', () => {
    const running = { status: 'IN_PROGRESS' as const, startedOn: '2024-03-01', concludedOn: null };
    expect(endDateAfterMove(running, 'TERMINATED', null, today)).toBe(today);
    expect(endDateAfterMove(running, 'TERMINATED', '2025-05-01', today)).toBe('2025-05-01');
    expect(endDateAfterMove(running, 'CONCLUDED', '2025-05-01', today)).toBe('2025-05-01');
    expect(endDateAfterMove(running, 'CONCLUDED', null, today)).toBeNull();
    expect(endDateAfterMove(running, 'IN_PROGRESS', null, today)).toBeNull();
    const ended = { status: 'TERMINATED' as const, startedOn: null, concludedOn: '2024-12-31' };
    expect(endDateAfterMove(ended, 'TERMINATED', null, today)).toBe('2024-12-31');
  });
});
