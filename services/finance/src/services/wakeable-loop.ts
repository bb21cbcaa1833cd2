import type { Logger } from '@mingshi/logger';

/**
 * Runs a step of background work when woken and on a fallback timer, never twice at once: a wake
 * during a run makes one more run follow it, so nothing that woke it is left unseen. The step
 * answers whether it left work behind (a full batch), in which case it runs again at once.
 */
export class WakeableLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly step: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a run soon; coalesces with one in progress. */
  wake(): void {
    if (!this.stopped) void this.runOnce();
  }

  /** A run that starts after this call, finished (tests and drains wait on it). */
  async runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      // The run in progress may have read before the change that asked for this one.
      while (this.running) await this.running;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        while (await this.step()) this.again = false;
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, `${this.name} failed`);
      }
    } while (this.again && !this.stopped);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.runOnce().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
  }
}
