import type { WorkshopStatus } from '../generated/resolvers-types';
import {
  acceptsApplications,
  admitsMembers,
  closingNote,
  cycleEndYear,
  cycleStartYearProblem,
  deadlineProblem,
  effectsOf,
  isFinal,
  nextCycleStart,
  nextStatuses,
  transitionProblem,
} from './workshop-lifecycle';

const ALL: WorkshopStatus[] = [
  'PROPOSED',
  'ACTIVE',
  'RECTIFYING',
  'REVOKED',
  'CONCLUDED',
  'RENEWED',
  'REORGANIZED',
  'DISSOLVED',
];

describe('the studio lifecycle', () => {
  it('allows exactly the moves the notices describe', () => {
    const legal = Object.fromEntries(
      ALL.map((from) => [from, ALL.filter((to) => !transitionProblem(from, to))]),
    );
    expect(legal).toEqual({
      PROPOSED: ['ACTIVE', 'DISSOLVED'],
      ACTIVE: ['RECTIFYING', 'REVOKED', 'CONCLUDED'],
      RECTIFYING: ['ACTIVE', 'REVOKED', 'CONCLUDED'],
      REVOKED: [],
      CONCLUDED: ['RENEWED', 'REORGANIZED', 'DISSOLVED'],
      RENEWED: ['ACTIVE'],
      REORGANIZED: ['ACTIVE'],
      DISSOLVED: [],
    });
    for (const from of ALL) expect(nextStatuses(from)).toEqual(legal[from]);
  });

  it('never allows staying put, and says what is allowed instead', () => {
    for (const status of ALL) expect(transitionProblem(status, status)).not.toBeNull();
    expect(transitionProblem('ACTIVE', 'RENEWED')).toMatch(/RECTIFYING or REVOKED or CONCLUDED/);
    expect(transitionProblem('REVOKED', 'ACTIVE')).toMatch(/final/);
  });

  it('treats revoked and dissolved studios as closed for good', () => {
    expect(ALL.filter(isFinal)).toEqual(['REVOKED', 'DISSOLVED']);
  });

  it('ends every open membership and closes waiting applications on revocation and dissolution', () => {
    for (const to of ['REVOKED', 'DISSOLVED'] as const) {
      expect(effectsOf(to)).toEqual({
        endsMemberships: ['HOST', 'MEMBER', 'TRAINEE'],
        closesLiveApplications: true,
        startsNextCycle: false,
        needsQualifiedHost: false,
      });
    }
  });

  it('keeps the team on renewal and replaces members and trainees on reorganisation, both in a new cycle', () => {
    expect(effectsOf('RENEWED')).toEqual({
      endsMemberships: [],
      closesLiveApplications: false,
      startsNextCycle: true,
      needsQualifiedHost: true,
    });
    expect(effectsOf('REORGANIZED')).toEqual({
      endsMemberships: ['MEMBER', 'TRAINEE'],
      closesLiveApplications: false,
      startsNextCycle: true,
      needsQualifiedHost: true,
    });
    for (const to of ['ACTIVE', 'RECTIFYING', 'CONCLUDED'] as const) {
      expect(effectsOf(to)).toMatchObject({ endsMemberships: [], startsNextCycle: false });
    }
  });

  it('counts cycles in threes', () => {
    expect(nextCycleStart(2024)).toBe(2027);
    expect(cycleEndYear(2024)).toBe(2026);
  });
});

describe('rectification deadlines', () => {
  const today = '2026-11-23';

  it('requires a date after today when moving to RECTIFYING', () => {
    expect(deadlineProblem('RECTIFYING', '2027-03-01', today)).toBeNull();
    expect(deadlineProblem('RECTIFYING', null, today)).toMatch(/required/);
    expect(deadlineProblem('RECTIFYING', undefined, today)).toMatch(/required/);
    expect(deadlineProblem('RECTIFYING', today, today)).toMatch(/after today/);
    expect(deadlineProblem('RECTIFYING', '2026-01-01', today)).toMatch(/after today/);
  });

  it('refuses a deadline on any other move rather than dropping it silently', () => {
    expect(deadlineProblem('ACTIVE', null, today)).toBeNull();
    expect(deadlineProblem('REVOKED', '2027-03-01', today)).toMatch(/only/);
  });
});

describe('who may join', () => {
  it('admits members while the studio is set up, runs, rectifies or starts a new cycle', () => {
    expect(ALL.filter(admitsMembers)).toEqual(['PROPOSED', 'ACTIVE', 'RECTIFYING', 'RENEWED', 'REORGANIZED']);
  });

  it('takes trainee applications once approved, and not when concluded or closed', () => {
    expect(ALL.filter(acceptsApplications)).toEqual(['ACTIVE', 'RECTIFYING', 'RENEWED', 'REORGANIZED']);
  });
});

describe('cycle start years', () => {
  it('accepts running cycles and next year, refuses later years, old years and fractions', () => {
    expect(cycleStartYearProblem(2024, 2026)).toBeNull();
    expect(cycleStartYearProblem(2027, 2026)).toBeNull();
    expect(cycleStartYearProblem(2028, 2026)).toMatch(/2000 and 2027/);
    expect(cycleStartYearProblem(1999, 2026)).not.toBeNull();
    expect(cycleStartYearProblem(2024.5, 2026)).not.toBeNull();
  });
});

describe('closing notes', () => {
  it('says which change ended a membership, within the column length', () => {
    expect(closingNote('REVOKED', '年度考核不合格')).toBe('工作室取消资格：年度考核不合格');
    const long = closingNote('DISSOLVED', '因'.repeat(500));
    expect([...long]).toHaveLength(500);
  });
});
