import path from 'node:path';
import { fieldEnumValues } from '@mingshi/testing';
import { FUND_STATS_DIMENSIONS, readFundQuestion } from './fund-stats.service';

const SCHEMA = path.join(__dirname, '../../schema.graphql');

describe('fund statistics dimensions', () => {
  it.each(Object.entries(FUND_STATS_DIMENSIONS).filter(([, d]) => d.order !== 'value'))(
    'sorts %s in the declaration order of its enum',
    (_name, dimension) => {
      expect(dimension.order).toEqual(fieldEnumValues(SCHEMA, 'FundStatsGroup', dimension.column));
    },
  );
});

describe('reading a fund statistic', () => {
  it('reads a year as a range of one and keeps the dimensions in the order asked', () => {
    expect(readFundQuestion({ year: 2025, sourceLevel: 'CITY' }, ['CATEGORY', 'COUNTY'])).toEqual({
      fromYear: 2025,
      toYear: 2025,
      level: null,
      type: null,
      sourceLevel: 'CITY',
      groupBy: ['CATEGORY', 'COUNTY'],
    });
    expect(readFundQuestion(undefined, undefined)).toMatchObject({
      fromYear: null,
      toYear: null,
      groupBy: [],
    });
    expect(readFundQuestion({ toYear: 2024 }, [])).toMatchObject({ fromYear: null, toYear: 2024 });
  });

  it('refuses every problem of the years at once, and no inverted range of ends that are no years', () => {
    expect(() => readFundQuestion({ year: 2025, fromYear: 1900, toYear: 1899 }, [])).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({
          fields: [
            expect.objectContaining({ field: 'filter.fromYear' }),
            expect.objectContaining({ field: 'filter.toYear' }),
            expect.objectContaining({ field: 'filter.year' }),
          ],
        }),
      }),
    );
  });

  it('refuses a region code on a region, and a dimension named twice', () => {
    expect(() => readFundQuestion({ regionCode: '510403' }, [], { onRegion: true })).toThrow(
      /filter.regionCode must be left out on a region/,
    );
    expect(() => readFundQuestion({ regionCode: '510403' }, ['YEAR', 'YEAR'])).toThrow(
      'groupBy names YEAR more than once',
    );
  });
});
