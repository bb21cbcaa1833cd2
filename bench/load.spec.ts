import { inSequence, percentile, voidRun, whatItSaid, type LoadResult } from './load';

const result = (
  requestsPerSecond: number,
  p50: number,
  p95: number,
  p99: number,
  errors = 0,
  failedAnswers: Record<string, number> = {},
): LoadResult => ({
  requests: requestsPerSecond * 10,
  requestsPerSecond,
  p50,
  p95,
  p99,
  errors,
  timeouts: 0,
  abandoned: 1,
  non2xx: 0,
  graphqlErrors: 0,
  failedAnswers,
});

describe('calls made one after another', () => {
  it('is the call itself when there is one', () => {
    const only = result(100, 10, 15, 20);
    expect(inSequence([only])).toBe(only);
  });

  it('adds the time of each round: throughput combines harmonically, latencies add, failures add', () => {
    // 100 req/s and 400 req/s one after another: 10 ms + 2.5 ms per round, 80 rounds a second.
    const timedOut = { 'TIMEOUT: The request ran out of time': 1 };
    expect(inSequence([result(100, 30, 40, 50, 1, timedOut), result(400, 5, 7, 9, 2, timedOut)])).toEqual({
      requests: 1000,
      requestsPerSecond: 80,
      p50: 35,
      p95: 47,
      p99: 59,
      errors: 3,
      timeouts: 0,
      abandoned: 2,
      non2xx: 0,
      graphqlErrors: 0,
      failedAnswers: { 'TIMEOUT: The request ran out of time': 2 },
    });
  });
});

describe('what a failed answer said', () => {
  it("is its first error's code and message", () => {
    const body = JSON.stringify({
      errors: [
        { message: 'Too busy', extensions: { code: 'SERVICE_UNAVAILABLE' } },
        { message: 'second', extensions: { code: 'TIMEOUT' } },
      ],
    });
    expect(whatItSaid(body)).toBe('SERVICE_UNAVAILABLE: Too busy');
  });

  it('says so when the error has no code, the answer no data, or the body is no JSON', () => {
    expect(whatItSaid(JSON.stringify({ errors: [{ message: 'odd' }] }))).toBe('NO CODE: odd');
    expect(whatItSaid(JSON.stringify({ data: null }))).toBe('no data');
    expect(whatItSaid('<html>502 Bad Gateway</html>')).toBe('not JSON: <html>502 Bad Gateway</html>');
  });
});

describe('latency percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the nearest rank: the value that many in a hundred requests stayed within', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
  });

  it('is the slowest request when there are fewer requests than the percentile resolves', () => {
    expect(percentile([3, 7, 12], 95)).toBe(12);
    expect(percentile([3, 7, 12], 50)).toBe(7);
  });

  it('rounds to a tenth of a millisecond, and is 0 without any answer', () => {
    expect(percentile([1.2345], 50)).toBe(1.2);
    expect(percentile([], 99)).toBe(0);
  });
});

describe('a run that measures nothing', () => {
  it('is one with failed requests', () => {
    expect(voidRun(result(10, 5, 6, 7, 2))).toBe('2 failed requests');
  });

  it('names what the failed answers said', () => {
    const failed = {
      ...result(10, 5, 6, 7, 0, { 'TIMEOUT: out of time': 3, 'FORBIDDEN: no': 1 }),
      graphqlErrors: 4,
    };
    expect(voidRun(failed)).toBe('4 failed requests (3 × TIMEOUT: out of time; 1 × FORBIDDEN: no)');
  });

  it('is one that answered no request in its time, though none failed', () => {
    expect(voidRun({ ...result(0, 0, 0, 0), requests: 0, abandoned: 100 })).toBe(
      'no request answered (100 abandoned when the time was up)',
    );
  });

  it('is not one that answered cleanly', () => {
    expect(voidRun(result(10, 5, 6, 7))).toBeNull();
  });
});
