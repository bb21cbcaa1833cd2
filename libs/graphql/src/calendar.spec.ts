import { addDays, addYears, chinaToday } from './calendar';

describe('the bureaus calendar', () => {
  it("is already on China's new day while UTC is still on yesterday", () => {
    expect(chinaToday(new Date('2025-03-09T23:30:00Z'))).toBe('2025-03-10');
    expect(chinaToday(new Date('2025-03-09T15:59:59Z'))).toBe('2025-03-09');
    expect(chinaToday(new Date('2025-03-09T16:00:00Z'))).toBe('2025-03-10');
  });

  it('adds whole years, moving 29 February to 1 March in a common year', () => {
    expect(addYears('2024-06-30', 3)).toBe('2027-06-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('0050-01-01', 5)).toBe('0055-01-01');
  });
});

describe('addDays', () => {
  it('moves across months, years and leap days', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-06-30', 0)).toBe('2026-06-30');
  });
});
