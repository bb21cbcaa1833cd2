import { cpuMilliseconds, cpuPerRequest } from './process-cpu';

describe('CPU per request', () => {
  it("divides each process's CPU time over the run by the requests answered", () => {
    expect(cpuPerRequest({ gateway: 1000, workshop: 500 }, { gateway: 1430, workshop: 2000 }, 100)).toEqual({
      gateway: 4.3,
      workshop: 15,
    });
  });

  it('is 0 for a run without requests rather than a division by zero', () => {
    expect(cpuPerRequest({ gateway: 10 }, { gateway: 20 }, 0)).toEqual({ gateway: 0 });
  });

  it("reads this process's own CPU time from /proc, and skips processes without an id", () => {
    const started = cpuMilliseconds({ self: process.pid, none: undefined });
    const deadline = Date.now() + 60;
    while (Date.now() < deadline) Math.sqrt(Math.random());
    const after = cpuMilliseconds({ self: process.pid });
    expect(Object.keys(started)).toEqual(['self']);
    expect(after.self!).toBeGreaterThanOrEqual(started.self!);
  });
});
