import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Where a process's output goes, one line at a time. */
export type OutputSink = (name: string, line: string, stream: 'stdout' | 'stderr') => void;

export interface ManagedProcessOptions {
  /** Prefixes its output and names it in errors. */
  name: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  output?: OutputSink;
}

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when it could not be started at all (e.g. the command does not exist). */
  error?: Error;
}

/** Writes `name | line`, names padded so that several processes' lines align. */
const prefixedOutput: OutputSink = (name, line, stream) => {
  (stream === 'stdout' ? process.stdout : process.stderr).write(`${name.padEnd(10)} | ${line}\n`);
};

const RECENT_LINES = 20;
const running = new Set<ChildProcess>();

// The processes are detached (see below), so nothing else stops them if this one dies: its last
// act is to signal them. `exit` listeners may only do synchronous work, which kill() is.
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * A child process the supervisor owns: its output prefixed with its name, its exit observable,
 * and a stop that escalates to SIGKILL when it does not end in time.
 *
 * It runs in its own process group, so a Ctrl-C in the terminal reaches the supervisor alone,
 * which can then stop processes in order (the gateway before the subgraphs it calls).
 */
export class ManagedProcess {
  readonly name: string;
  /** Settles once, when the process has ended for whatever reason. */
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private readonly recent: string[] = [];
  private status: ExitStatus | undefined;

  /** The operating-system process id (the bench samples its memory). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    const output = options.output ?? prefixedOutput;
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(this.child);
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: this.child[stream]!, crlfDelay: Infinity }).on('line', (line) => {
        this.recent.push(line);
        if (this.recent.length > RECENT_LINES) this.recent.shift();
        output(this.name, line, stream);
      });
    }
    this.exited = new Promise((resolve) => {
      const settle = (status: ExitStatus) => {
        running.delete(this.child);
        this.status ??= status;
        resolve(this.status);
      };
      this.child.once('error', (error) => settle({ code: null, signal: null, error }));
      // `close`, not `exit`: it comes after the output pipes are drained, so describeExit has it all.
      this.child.once('close', (code, signal) => settle({ code, signal }));
    });
  }

  get hasExited(): boolean {
    return this.status !== undefined;
  }

  /** How it ended, with its last output, for error messages; "still running" before that. */
  describeExit(): string {
    const status = this.status;
    if (!status) return `${this.name} is still running`;
    if (status.error) return `${this.name} could not start: ${status.error.message}`;
    const how = status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
    const tail = this.recent.length ? `; its last output:\n  ${this.recent.join('\n  ')}` : '';
    return `${this.name} ${how}${tail}`;
  }

  /**
   * Sends `signal` (default SIGKILL, i.e. kill -9) to its whole process group, as a container
   * runtime ends a container: a child it forked (the reports' sandboxed renderer) goes with it.
   * Resolves when it has ended.
   */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus> {
    if (!this.hasExited && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, signal);
      } catch {
        // The group is gone already: it ended on its own in the meantime.
      }
    }
    return this.exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has ended. */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.hasExited) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
