import { WEBHOOK_RETRY_SCHEDULE_MS, nextRetryDelayMs, parseRetryAfter } from './retry-schedule';

const middle = () => 0.5;

describe('webhook retry schedule', () => {
  it('follows the schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then gives up', () => {
    const delays = WEBHOOK_RETRY_SCHEDULE_MS.map((_, i) => nextRetryDelayMs(i + 1, { random: middle }));
    expect(delays).toEqual([
      5_000,
      300_000,
      1_800_000,
      7_200_000,
      18_000_000,
      36_000_000,
      50_400_000,
      72_000_000,
      86_400_000,
      null,
    ]);
  });

  it('spreads each step by at most 10 %', () => {
    expect(nextRetryDelayMs(1, { random: () => 0 })).toBe(4_500);
    expect(nextRetryDelayMs(1, { random: () => 1 })).toBe(5_500);
  });

  it("waits at least as long as the receiver's Retry-After, up to a day", () => {
    expect(nextRetryDelayMs(1, { random: middle, retryAfterMs: 120_000 })).toBe(120_000);
    expect(nextRetryDelayMs(2, { random: middle, retryAfterMs: 1_000 })).toBe(300_000);
    expect(nextRetryDelayMs(1, { random: middle, retryAfterMs: 7 * 86_400_000 })).toBe(86_400_000);
  });

  it('takes a schedule of its own (tests use short ones)', () => {
    expect(nextRetryDelayMs(1, { schedule: [0, 10], random: middle })).toBe(10);
    expect(nextRetryDelayMs(2, { schedule: [0, 10], random: middle })).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 30 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
