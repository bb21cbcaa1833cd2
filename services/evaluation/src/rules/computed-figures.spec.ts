import { figureFor, type StudioFigures } from './computed-figures';
import type { ComputedRuleSpec } from './scheme-tree';

/** The rule of a metric; how it is scored does not change the figure. */
function ruleFor(metric: ComputedRuleSpec['metric'], spec: Partial<ComputedRuleSpec> = {}): ComputedRuleSpec {
  return {
    metric,
    activityType: null,
    minimumLevel: null,
    projectStatuses: null,
    method: 'LINEAR',
    target: 1,
    steps: null,
    ...spec,
  };
}

/** A studio's period as the workshop and finance subgraphs report it; money in fen. */
const figures: StudioFigures = {
  activityCount: 12,
  activitiesByType: [
    { type: 'THEMED_RESEARCH', count: 7 },
    { type: 'OUTREACH', count: 3 },
    { type: 'EXPERT_LECTURE', count: 2 },
  ],
  outreachCount: 3,
  teachersReached: 40,
  certificateCount: 9,
  researchProjectsByLevelAndStatus: [
    { level: 'NATIONAL', status: 'TERMINATED', count: 1 },
    { level: 'PROVINCE', status: 'CONCLUDED', count: 1 },
    { level: 'CITY', status: 'IN_PROGRESS', count: 2 },
    { level: 'COUNTY', status: 'APPROVED', count: 4 },
  ],
  outcomesByLevel: [
    { level: 'NATIONAL', count: 1 },
    { level: 'CITY', count: 3 },
    { level: 'COUNTY', count: 0 },
    { level: 'SCHOOL', count: 5 },
  ],
  viewCount: 1234,
  funding: [
    { year: 2023, allocatedFen: 1_000_000n, approvedFen: 600_000n, lectureFeeFen: 250_000n },
    { year: 2024, allocatedFen: 2_000_000n, approvedFen: 1_700_000n, lectureFeeFen: 500_000n },
  ],
};

const noMoney = (funding: StudioFigures['funding']): StudioFigures => ({ ...figures, funding });

describe('figures of computed indicators', () => {
  it('counts activities, of one type when the rule names it', () => {
    expect(figureFor(ruleFor('ACTIVITIES'), figures)).toEqual({
      value: 12,
      inputs: [{ name: 'activities', value: '12' }],
    });
    expect(figureFor(ruleFor('ACTIVITIES', { activityType: 'OUTREACH' }), figures)).toEqual({
      value: 3,
      inputs: [{ name: 'activities of type OUTREACH', value: '3' }],
    });
    expect(figureFor(ruleFor('ACTIVITIES', { activityType: 'LIVE_STREAM' }), figures).value).toBe(0);
  });

  it('takes the plain counts as reported', () => {
    expect(figureFor(ruleFor('OUTREACH_VISITS'), figures).value).toBe(3);
    expect(figureFor(ruleFor('TEACHERS_REACHED'), figures)).toEqual({
      value: 40,
      inputs: [{ name: 'distinct teachers reached', value: '40' }],
    });
    expect(figureFor(ruleFor('TRAINEES_CERTIFIED'), figures).value).toBe(9);
    expect(figureFor(ruleFor('RESOURCE_VIEWS'), figures).value).toBe(1234);
  });

  it('counts outcomes at or above the minimum level, naming each level that counted', () => {
    expect(figureFor(ruleFor('OUTCOMES'), figures).value).toBe(9);
    expect(figureFor(ruleFor('OUTCOMES', { minimumLevel: 'CITY' }), figures)).toEqual({
      value: 4,
      inputs: [
        { name: 'outcomes at NATIONAL level', value: '1' },
        { name: 'outcomes at CITY level', value: '3' },
      ],
    });
    expect(figureFor(ruleFor('OUTCOMES', { minimumLevel: 'COUNTY' }), figures).value).toBe(4);
    expect(figureFor(ruleFor('OUTCOMES', { minimumLevel: 'NATIONAL' }), figures).value).toBe(1);
  });

  it('counts research projects by minimum level and by status', () => {
    expect(figureFor(ruleFor('RESEARCH_PROJECTS'), figures).value).toBe(8);
    expect(figureFor(ruleFor('RESEARCH_PROJECTS', { minimumLevel: 'CITY' }), figures).value).toBe(4);
    expect(figureFor(ruleFor('RESEARCH_PROJECTS', { projectStatuses: ['APPROVED'] }), figures).value).toBe(4);
    expect(
      figureFor(
        ruleFor('RESEARCH_PROJECTS', { minimumLevel: 'CITY', projectStatuses: ['IN_PROGRESS', 'CONCLUDED'] }),
        figures,
      ),
    ).toEqual({
      value: 3,
      inputs: [
        { name: 'PROVINCE projects CONCLUDED', value: '1' },
        { name: 'CITY projects IN_PROGRESS', value: '2' },
      ],
    });
  });

  it('takes the budget execution rate over every year of the period, to four decimals', () => {
    // (6000 + 17000) ÷ (10000 + 20000) yuan = 0.76666…
    expect(figureFor(ruleFor('BUDGET_EXECUTION_RATE'), figures)).toEqual({
      value: 0.7667,
      inputs: [
        { name: 'approved (fen)', value: '2300000' },
        { name: 'allocated (fen)', value: '3000000' },
        { name: 'years', value: '2023,2024' },
      ],
    });
  });

  it('takes the lecture-fee ratio the same way', () => {
    expect(figureFor(ruleFor('LECTURE_FEE_RATIO'), figures)).toEqual({
      value: 0.25,
      inputs: [
        { name: 'lecture fees approved (fen)', value: '750000' },
        { name: 'allocated (fen)', value: '3000000' },
        { name: 'years', value: '2023,2024' },
      ],
    });
  });

  it('rounds a ratio half up at the fourth decimal', () => {
    const rate = (approvedFen: bigint, allocatedFen: bigint) =>
      figureFor(
        ruleFor('BUDGET_EXECUTION_RATE'),
        noMoney([{ year: 2024, allocatedFen, approvedFen, lectureFeeFen: 0n }]),
      ).value;
    expect(rate(1n, 20_000n)).toBe(0.0001);
    expect(rate(1n, 20_001n)).toBe(0);
    expect(rate(2n, 3n)).toBe(0.6667);
    expect(rate(5_000n, 10_000n)).toBe(0.5);
    expect(rate(7_999n, 10_000n)).toBe(0.7999);
  });

  it('stays exact for sums of fen beyond what a float holds', () => {
    const huge = 2n ** 60n;
    const rate = figureFor(
      ruleFor('BUDGET_EXECUTION_RATE'),
      noMoney([
        { year: 2022, allocatedFen: huge, approvedFen: huge / 2n + 1n, lectureFeeFen: 0n },
        { year: 2023, allocatedFen: huge, approvedFen: huge / 2n, lectureFeeFen: 0n },
      ]),
    );
    expect(rate.value).toBe(0.5);
    // 2⁶⁰ + 1 has no float of its own: the inputs show the fen as they are.
    expect(rate.inputs.slice(0, 2)).toEqual([
      { name: 'approved (fen)', value: '1152921504606846977' },
      { name: 'allocated (fen)', value: '2305843009213693952' },
    ]);
  });

  it('rates a studio allocated nothing at 0, for both ratios', () => {
    expect(figureFor(ruleFor('BUDGET_EXECUTION_RATE'), noMoney([]))).toEqual({
      value: 0,
      inputs: [
        { name: 'approved (fen)', value: '0' },
        { name: 'allocated (fen)', value: '0' },
        { name: 'years', value: '' },
      ],
    });
    expect(figureFor(ruleFor('LECTURE_FEE_RATIO'), noMoney([])).value).toBe(0);
  });
});
