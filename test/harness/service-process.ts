import path from 'node:path';
import { ManagedProcess } from '../../scripts/lib/managed-process';
import { waitFor } from '../../scripts/lib/readiness';

const ROOT = path.join(__dirname, '..', '..');

/** A service's main.ts as a process of its own, as a container runs it. */
export interface ServiceProcess {
  /** `http://127.0.0.1:<its port><pathname>`. */
  url: (pathname: string) => string;
  /** SIGTERM (SIGKILL after 10 s); answers the exit code. */
  stop: () => Promise<number | null>;
}

/** A process's output, one line each. */
export type OutputLines = string[];

/**
 * Starts services/<service>/src/main.ts with `env` (over PATH only: nothing of this process leaks
 * in) on a free port, and resolves once it says it is listening. A process that ends first
 * rejects, with its last output (ManagedProcess keeps it).
 */
export async function startServiceProcess(service: string, env: NodeJS.ProcessEnv): Promise<ServiceProcess> {
  let port: number | undefined;
  const child = spawnService(service, { PORT: '0', ...env }, (line) => {
    port ??= listeningPort(line);
  });
  await waitFor(
    `${service} (${env.MINGSHI_PARTS ?? 'all parts'})`,
    async () => port !== undefined || 'not listening yet',
    { timeoutMs: 30_000, process: child },
  );
  return {
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    stop: async () => {
      await child.stop();
      return (await child.exited).code;
    },
  };
}

/** Runs a service's process that is expected to end by itself; answers its exit code. */
export async function runServiceToExit(
  service: string,
  env: NodeJS.ProcessEnv,
  output: OutputLines = [],
): Promise<number | null> {
  const child = spawnService(service, env, (line) => output.push(line));
  const timer = setTimeout(() => void child.stop(), 30_000);
  const { code } = await child.exited;
  clearTimeout(timer);
  return code;
}

function spawnService(
  service: string,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): ManagedProcess {
  return new ManagedProcess({
    name: service,
    // node with tsx's hooks, not the tsx CLI: the signals reach the service, not a wrapper.
    command: process.execPath,
    args: ['--import', 'tsx', `services/${service}/src/main.ts`],
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', ...env },
    output: (_name, line) => onLine(line),
  });
}

/** The port of a "listening" log line (runServiceProcess logs it), if `line` is one. */
function listeningPort(line: string): number | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { port?: unknown; msg?: string };
    return typeof entry.port === 'number' && entry.msg?.includes('listening') ? entry.port : undefined;
  } catch {
    return undefined;
  }
}
