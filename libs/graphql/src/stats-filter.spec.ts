import { InputCheck } from './input-check';
import { readStatsFilter, readYearRange, refuseRegionCodeOnRegion } from './stats-filter';

function problems(read: (check: InputCheck) => void): string[] {
  const check = new InputCheck('filter');
  read(check);
  try {
    check.done();
    return [];
  } catch (error) {
    return ((error as { details: { fields: { message: string }[] } }).details.fields ?? []).map(
      (f) => f.message,
    );
  }
}

describe('readYearRange', () => {
  it('reads one year as a range of one, and open ends as open', () => {
    const check = new InputCheck('filter');
    expect(readYearRange(check, { year: 2025 })).toEqual({ fromYear: 2025, toYear: 2025 });
    expect(readYearRange(check, { fromYear: 2024 })).toEqual({ fromYear: 2024, toYear: null });
    expect(readYearRange(check, { fromYear: 2024, toYear: 2024 })).toEqual({ fromYear: 2024, toYear: 2024 });
    expect(readYearRange(check, null)).toEqual({ fromYear: null, toYear: null });
    expect(() => check.done()).not.toThrow();
  });

  it('refuses a range that ends before it starts, and a year beside a range', () => {
    expect(problems((check) => readYearRange(check, { fromYear: 2025, toYear: 2024 }))).toEqual([
      'filter.toYear must not be before fromYear (2025)',
    ]);
    expect(problems((check) => readYearRange(check, { year: 2025, toYear: 2025 }))).toEqual([
      'filter.year asks for one year: leave out fromYear and toYear, or give a range without it',
    ]);
  });

  it('names an end that is no year once, without also calling the range inverted', () => {
    expect(problems((check) => readYearRange(check, { fromYear: 2024, toYear: 1900 }))).toEqual([
      expect.stringMatching(/^filter.toYear must be a year between 1978 and \d{4}$/),
    ]);
  });
});

describe('refuseRegionCodeOnRegion', () => {
  it('refuses a region code in a region’s own filter', () => {
    expect(problems((check) => refuseRegionCodeOnRegion(check, { regionCode: '510403' }))).toEqual([
      'filter.regionCode must be left out on a region: its figures are the region’s own',
    ]);
    expect(problems((check) => refuseRegionCodeOnRegion(check, { year: 2025 }))).toEqual([]);
  });
});

describe('readStatsFilter', () => {
  it('reads the years, and refuses a region code on a region with the years’ problems at once', () => {
    expect(readStatsFilter({ year: 2025, regionCode: '510403' })).toEqual({ fromYear: 2025, toYear: 2025 });
    expect(() => readStatsFilter({ regionCode: '510403', year: 1900 }, { onRegion: true })).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({
          fields: [
            expect.objectContaining({ field: 'filter.regionCode' }),
            expect.objectContaining({ field: 'filter.year' }),
          ],
        }),
      }),
    );
  });
});
