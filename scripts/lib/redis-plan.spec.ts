import { planRedis, type RedisFacts } from './redis-plan';

describe('how npm start gets a Redis', () => {
  const freshDebian: RedisFacts = {
    redisUrl: undefined,
    localAnswers: false,
    serverOnPath: false,
    isRoot: true,
    aptGetOnPath: true,
    platform: 'linux',
  };

  it('uses REDIS_URL, then a Redis already answering, then redis-server from the PATH', () => {
    expect(planRedis({ ...freshDebian, redisUrl: 'redis://cache:6379', localAnswers: true })).toEqual({
      kind: 'use-url',
      url: 'redis://cache:6379',
    });
    expect(planRedis({ ...freshDebian, localAnswers: true, serverOnPath: true })).toEqual({
      kind: 'use-local',
    });
    expect(planRedis({ ...freshDebian, serverOnPath: true })).toEqual({ kind: 'spawn' });
  });

  it("installs Debian's redis-server on a fresh Debian machine when run as root", () => {
    expect(planRedis(freshDebian)).toEqual({ kind: 'install' });
  });

  it('names the one command to run when it may not install', () => {
    const plan = (facts: Partial<RedisFacts>) => planRedis({ ...freshDebian, ...facts });
    expect(plan({ isRoot: false })).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('`sudo apt-get install -y redis-server`'),
    });
    expect(plan({ isRoot: false, aptGetOnPath: false, platform: 'darwin' })).toMatchObject({
      kind: 'unavailable',
      message: expect.stringContaining('`brew install redis`'),
    });
    expect(plan({ aptGetOnPath: false })).toMatchObject({
      kind: 'unavailable',
      message: expect.stringMatching(/REDIS_URL/),
    });
  });
});
