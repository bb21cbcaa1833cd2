import pino from 'pino';
import { PeriodicTask } from './periodic-task';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `condition`, however slowly the timers of a busy machine fire. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await pause(5);
  expect(condition()).toBe(true);
}

describe('PeriodicTask', () => {
  it('never runs twice at once, however long a run outlasts the interval', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const task = new PeriodicTask(
      'slow work',
      5,
      async () => {
        runs++;
        most = Math.max(most, ++running);
        await pause(40);
        running--;
      },
      pino({ level: 'silent' }),
    );
    task.start();
    await until(() => runs >= 3);
    await task.stop();
    expect(most).toBe(1);
  });

  it('waits on stop for the run in hand, then runs no more', async () => {
    const finished: number[] = [];
    let runs = 0;
    const task = new PeriodicTask(
      'work',
      5,
      async () => {
        const run = ++runs;
        await pause(30);
        finished.push(run);
      },
      pino({ level: 'silent' }),
    );
    task.start();
    await until(() => runs === 1);
    await task.stop();
    expect(finished).toEqual([1]);
    await pause(30);
    expect(runs).toBe(1);
  });

  it('logs a failed run and tries again at the next', async () => {
    const lines: { msg: string; err: string }[] = [];
    let runs = 0;
    const task = new PeriodicTask(
      'report sweep',
      5,
      async () => {
        if (++runs === 1) throw new Error('redis went away');
      },
      pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line)) }),
    );
    task.start();
    await until(() => runs > 1);
    await task.stop();
    expect(lines).toEqual([expect.objectContaining({ msg: 'report sweep failed', err: 'redis went away' })]);
  });
});
