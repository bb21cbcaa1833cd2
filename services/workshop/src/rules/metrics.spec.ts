import { activitiesByType, outcomesByLevel, periodProblem } from './metrics';

describe('metrics', () => {
  it('covers a period of at most five years, from before to', () => {
    expect(periodProblem('2024-01-01', '2024-12-31')).toBeNull();
    expect(periodProblem('2024-01-01', '2024-01-01')).toBeNull();
    expect(periodProblem('2020-01-01', '2024-12-31')).toBeNull();
    expect(periodProblem('2020-01-01', '2025-01-01')).toMatch(/at most 5 years/);
    expect(periodProblem('2024-12-31', '2024-01-01')).toMatch(/not be after/);
  });

  it('lists every activity type and outcome level in schema order, with zeros', () => {
    expect(activitiesByType({ OUTREACH: 2, OTHER: 1 })).toEqual([
      { type: 'THEMED_RESEARCH', count: 0 },
      { type: 'TEAM_STUDY', count: 0 },
      { type: 'OUTREACH', count: 2 },
      { type: 'EXPERT_LECTURE', count: 0 },
      { type: 'SHADOWING', count: 0 },
      { type: 'EXTERNAL_TRAINING', count: 0 },
      { type: 'LIVE_STREAM', count: 0 },
      { type: 'DEMONSTRATION_LESSON', count: 0 },
      { type: 'OTHER', count: 1 },
    ]);
    expect(outcomesByLevel({ CITY: 3 })).toEqual([
      { level: 'NATIONAL', count: 0 },
      { level: 'PROVINCE', count: 0 },
      { level: 'CITY', count: 3 },
      { level: 'COUNTY', count: 0 },
      { level: 'SCHOOL', count: 0 },
    ]);
  });
});
