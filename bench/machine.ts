import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Machine {
  cpus: number;
  model: string;
  node: string;
  /** CPU in use by anything in the second before the system started. */
  busyPercent: number;
}

/**
 * The machine, and how busy it is before the run: client, servers and PostgreSQL share its cores,
 * so anything else running (a test suite) lowers the numbers and skews the ratios.
 */
export async function describeMachine(): Promise<Machine> {
  const before = cpuTimes();
  await sleep(1000);
  const after = cpuTimes();
  const busyPercent = Math.round((100 * (after.busy - before.busy)) / (after.total - before.total));
  if (busyPercent > 20)
    console.warn(`!!! the machine is ${busyPercent} % busy before the run: numbers will be low`);
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    busyPercent,
  };
}

function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    busy += all - times.idle;
    total += all;
  }
  return { busy, total };
}
