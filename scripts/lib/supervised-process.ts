import { setTimeout as sleep } from 'node:timers/promises';
import { ManagedProcess, type ExitStatus, type ManagedProcessOptions } from './managed-process';

/** A process that lived less than this before it ended waits CRASH_LOOP_DELAY_MS to start again. */
const SHORT_LIFE_MS = 2_000;
const CRASH_LOOP_DELAY_MS = 1_000;

export interface SupervisedProcessOptions extends ManagedProcessOptions {
  /** Told each time the process ended unasked, before it is started again. */
  onExit?: (status: ExitStatus, description: string) => void;
}

/**
 * A process kept running as a kubelet keeps a container running (`restartPolicy: Always`): when it
 * ends without being stopped — killed, crashed, exited — the same command starts again at once, so
 * recovering from a fault needs nobody's hand. Unlike a kubelet's back-off (10 s, doubling), a
 * process that dies within two seconds of starting waits only one second, enough not to spin.
 */
export class SupervisedProcess {
  private current: ManagedProcess;
  private startedAt = Date.now();
  private stopping = false;
  private restarting: Promise<void> = Promise.resolve();
  /** How many times it has been started again. */
  restarts = 0;

  constructor(private readonly options: SupervisedProcessOptions) {
    this.current = this.spawn();
  }

  get name(): string {
    return this.options.name;
  }

  /** The operating-system id of the process running now. */
  get pid(): number | undefined {
    return this.current.pid;
  }

  /**
   * Signals the process running now (default SIGKILL, its whole group: see ManagedProcess.kill) and
   * resolves once it has ended; the supervisor starts it again by itself.
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.current.kill(signal);
    await this.restarting;
  }

  /** Stops it for good: SIGTERM, SIGKILL after `graceMs`, and no restart. */
  async stop(graceMs?: number): Promise<void> {
    this.stopping = true;
    await this.restarting;
    await this.current.stop(graceMs);
  }

  private spawn(): ManagedProcess {
    const child = new ManagedProcess(this.options);
    this.startedAt = Date.now();
    void child.exited.then((status) => {
      if (this.stopping) return;
      this.options.onExit?.(status, child.describeExit());
      this.restarting = this.restart(Date.now() - this.startedAt);
    });
    return child;
  }

  private async restart(livedMs: number): Promise<void> {
    if (livedMs < SHORT_LIFE_MS) await sleep(CRASH_LOOP_DELAY_MS);
    if (this.stopping) return;
    this.restarts += 1;
    this.current = this.spawn();
  }
}
