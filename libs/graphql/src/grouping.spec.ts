import { MAX_STATS_GROUPS, boundedGroups, readGroupBy } from './grouping';

describe('readGroupBy', () => {
  it('keeps the dimensions in the order asked', () => {
    expect(readGroupBy(['COUNTY', 'LEVEL'])).toEqual(['COUNTY', 'LEVEL']);
  });

  it('reads an absent groupBy as no grouping', () => {
    expect(readGroupBy(undefined)).toEqual([]);
    expect(readGroupBy(null)).toEqual([]);
  });

  it('refuses a dimension named twice, naming the argument', () => {
    expect(() => readGroupBy(['COUNTY', 'LEVEL', 'COUNTY'])).toThrow(
      expect.objectContaining({
        message: 'groupBy names COUNTY more than once',
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({ field: 'groupBy' }),
      }),
    );
  });
});

describe('boundedGroups', () => {
  it('passes up to the maximum', () => {
    const rows = Array.from({ length: MAX_STATS_GROUPS }, (_, i) => i);
    expect(boundedGroups(rows)).toHaveLength(MAX_STATS_GROUPS);
  });

  it('refuses one more than the maximum instead of cutting the answer', () => {
    const rows = Array.from({ length: MAX_STATS_GROUPS + 1 }, (_, i) => i);
    expect(() => boundedGroups(rows)).toThrow(/more than 1000 groups; narrow the filter/);
  });
});
