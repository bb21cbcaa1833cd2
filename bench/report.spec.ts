import type { LoadResult } from './load';
import { compare } from './report';

const run = (requestsPerSecond: number, p50: number): LoadResult => ({
  requests: requestsPerSecond * 10,
  requestsPerSecond,
  p50,
  p95: p50,
  p99: p50,
  errors: 0,
  timeouts: 0,
  abandoned: 0,
  non2xx: 0,
  graphqlErrors: 0,
  failedAnswers: {},
});

describe('one side against another', () => {
  it('divides throughput and median latency, to two places', () => {
    // Gateway ÷ direct: 2/3 of the throughput kept, the median 1.5 times as long.
    expect(compare(run(100, 30), run(150, 20))).toEqual({ requestsPerSecond: 0.67, p50: 1.5 });
  });

  it('is ours ÷ the peer for the peer comparison: above 1 is ours serving more', () => {
    expect(compare(run(133, 90), run(117, 100))).toEqual({ requestsPerSecond: 1.14, p50: 0.9 });
  });

  it('is 0, not Infinity, against a side that answered nothing', () => {
    expect(compare(run(20, 50), run(0, 0))).toEqual({ requestsPerSecond: 0, p50: 0 });
  });
});
