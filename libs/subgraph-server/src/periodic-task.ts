import type { Logger } from '@mingshi/logger';
import type { Runnable } from './service-process';

/**
 * Background work a part runs every `intervalMs` (a sweep, a purge): never two runs at once, as a
 * run that outlasts the interval is not joined by a second, and `stop()` waits for the run in
 * hand, so the pools it uses close after it. A failed run is logged; the next one tries again.
 */
export class PeriodicTask implements Runnable {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    /** Names it in the log: "<name> failed". */
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.run(), this.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    if (this.running) return;
    this.running = this.work()
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ err: (error as Error).message }, `${this.name} failed`),
      )
      .finally(() => {
        this.running = null;
      });
  }
}
