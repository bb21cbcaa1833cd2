import { inSequence, type LoadResult } from './load';

const result = (requestsPerSecond: number, p50: number, p99: number, errors = 0): LoadResult => ({
  requests: requestsPerSecond * 10,
  requestsPerSecond,
  p50,
  p99,
  errors,
  non2xx: 0,
  graphqlErrors: 0,
});

describe('calls made one after another', () => {
  it('is the call itself when there is one', () => {
    const only = result(100, 10, 20);
    expect(inSequence([only])).toBe(only);
  });

  it('adds the time of each round: throughput combines harmonically, latencies add, failures add', () => {
    // 100 req/s and 400 req/s one after another: 10 ms + 2.5 ms per round, 80 rounds a second.
    expect(inSequence([result(100, 30, 50, 1), result(400, 5, 9, 2)])).toEqual({
      requests: 1000,
      requestsPerSecond: 80,
      p50: 35,
      p99: 59,
      errors: 3,
      non2xx: 0,
      graphqlErrors: 0,
    });
  });
});
