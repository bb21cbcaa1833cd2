import { queueRedisProblems } from './redis-requirements';

/** INFO's text as Redis sends it: sections, CRLF line ends. */
const info = (fields: Record<string, string>) =>
  ['# Memory', ...Object.entries(fields).map(([name, value]) => `${name}:${value}`), ''].join('\r\n');

describe('what a Redis for queues needs', () => {
  it('finds nothing wrong with noeviction and AOF on', () => {
    expect(
      queueRedisProblems(info({ maxmemory: '0', maxmemory_policy: 'noeviction', aof_enabled: '1' })),
    ).toEqual([]);
  });

  it('names an evicting policy and AOF off, each with what it risks', () => {
    expect(queueRedisProblems(info({ maxmemory_policy: 'allkeys-lru', aof_enabled: '0' }))).toEqual([
      'maxmemory-policy is allkeys-lru, not noeviction: a full Redis evicts keys, and an evicted job is lost',
      'AOF is off (appendonly no): a restart loses the jobs queued since the last snapshot',
    ]);
  });

  it('counts a setting INFO does not report as not known to be right', () => {
    expect(queueRedisProblems(info({ used_memory: '1000' }))).toEqual([
      'maxmemory-policy is not reported (INFO memory has no maxmemory_policy)',
      'AOF is not reported (INFO persistence has no aof_enabled)',
    ]);
  });
});
