import { chinaToday } from '@mingshi/graphql';
import { Random } from './random';
import { dayBetween, seedCalendar } from './calendar';

describe('seed calendar', () => {
  it('describes the data as of the day it is given, today in China by default', () => {
    expect(seedCalendar('2026-11-23')).toEqual({ today: '2026-11-23', year: 2026 });
    expect(seedCalendar().today).toBe(chinaToday());
  });

  it('draws days within both bounds, the first when they cross', () => {
    const random = new Random('days');
    const days = new Set(Array.from({ length: 500 }, () => dayBetween(random, '2024-02-27', '2024-03-02')));
    expect([...days].sort()).toEqual(['2024-02-27', '2024-02-28', '2024-02-29', '2024-03-01', '2024-03-02']);
    expect(dayBetween(random, '2024-03-02', '2024-02-27')).toBe('2024-03-02');
  });
});
