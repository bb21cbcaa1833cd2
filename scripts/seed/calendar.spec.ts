import { Random } from './random';
import { dayBetween, lastRecordedDay } from './calendar';

describe('seed calendar', () => {
  it('records up to the data year’s end, or up to today in China if that comes first', () => {
    expect(lastRecordedDay('2026-11-23')).toBe('2025-12-31');
    expect(lastRecordedDay('2025-10-15')).toBe('2025-10-15');
  });

  it('draws days within both bounds, the first when they cross', () => {
    const random = new Random('days');
    const days = new Set(Array.from({ length: 500 }, () => dayBetween(random, '2024-02-27', '2024-03-02')));
    expect([...days].sort()).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(dayBetween(random, '2024-03-02', '2024-02-27')).toBe('2024-03-02');
  });
});
