import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 almost everywhere). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  ppid: number;
  /** utime + stime in ticks, every thread of the process. */
  ticks: number;
}

/** Fields after the command name, which may itself hold spaces and parentheses. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // proc(5): state is field 3, ppid 4, utime 14, stime 15; `fields` starts at field 3.
  return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Every live process's children, by parent (a sandboxed renderer …). */
function parents(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), Number(entry)]);
  }
  return children;
}

/** The live processes `parent` started. */
export function childrenOf(parent: number): number[] {
  return parents().get(parent) ?? [];
}

/**
 * CPU milliseconds each named process has used so far: utime + stime from /proc/<pid>/stat (all
 * its threads: libuv's pool, the GC's) plus its live descendants'. The processes are node itself
 * (scripts/lib/system-processes.ts starts `node --import tsx`, no wrapper), so no wrapper's
 * near-idle time stands in for the server's.
 */
export function cpuMilliseconds(pids: Record<string, number | undefined>): Record<string, number> {
  const children = parents();
  const ticksOf = (pid: number): number =>
    (readStat(pid)?.ticks ?? 0) + (children.get(pid) ?? []).reduce((sum, child) => sum + ticksOf(child), 0);
  return Object.fromEntries(
    Object.entries(pids).flatMap(([name, pid]) =>
      pid === undefined ? [] : [[name, (ticksOf(pid) * 1000) / TICKS_PER_SECOND]],
    ),
  );
}

/** CPU milliseconds per request of each process between two samples, to 0.01 ms. */
export function cpuPerRequest(
  before: Record<string, number>,
  after: Record<string, number>,
  requests: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([name, ms]) => [
      name,
      requests > 0 ? Math.round(((ms - (before[name] ?? 0)) / requests) * 100) / 100 : 0,
    ]),
  );
}
