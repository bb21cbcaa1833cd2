import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PARTS_VARIABLE } from '@mingshi/subgraph-server';
import { composeSupergraph } from '../../gateway/src/compose';
import { SUBGRAPHS, subgraphUrlVariable } from '../../gateway/src/subgraphs';
import { ManagedProcess, type OutputSink } from './managed-process';
import { waitUntilReady } from './readiness';

const ROOT = path.join(__dirname, '..', '..');

/** The gateway's own default port (gateway/src/config.ts). */
const GATEWAY_DEFAULT_PORT = 4000;

export interface SystemProcessesOptions {
  /** PostgreSQL as the app role (mingshi_app), which row-level security binds. */
  appDatabaseUrl: string;
  redisUrl: string;
  /**
   * Environment for every process, over this process's own: GATEWAY_IDENTITY_SECRET (all),
   * JWT_SECRET or JWT_JWKS_URL/JWT_PUBLIC_KEY (gateway), NODE_ENV (default development), LOG_LEVEL …
   */
  env?: NodeJS.ProcessEnv;
  /** Environment for one subgraph only, by name, over `env`: a setting no other process should get. */
  subgraphEnv?: Partial<Record<string, NodeJS.ProcessEnv>>;
  /**
   * Ports by process name, `gateway` or a subgraph's name. Missing ones come from GATEWAY_PORT /
   * `<NAME>_PORT` in `env` or this process's environment, else the defaults (gateway 4000, each
   * subgraph its port in gateway/src/subgraphs.ts). Each must be free: the processes are told
   * their port, so 0 ("any free port") cannot be reported back.
   */
  ports?: Partial<Record<string, number>>;
  /** Where the composed supergraph is written for the gateway; default gateway/supergraph.graphql. */
  supergraphPath?: string;
  /** How long each process may take to answer 200 on /readyz (TypeScript compiles at start). */
  readyTimeoutMs?: number;
  /** Where the processes' output goes; default this process's stdout/stderr, prefixed by name. */
  output?: OutputSink;
}

export interface SystemProcesses {
  gatewayUrl: string;
  /** Each subgraph's GraphQL URL, by name, for callers that bypass the gateway (benchmarks). */
  subgraphUrls: Record<string, string>;
  /** Each process's operating-system id, by name (`gateway` or a subgraph's name). */
  pids: Record<string, number | undefined>;
  /** Settles when a process ends without being asked to (it crashed); never because of stop(). */
  exited: Promise<{ name: string; description: string }>;
  /** Stops the gateway, then the subgraphs; resolves when all have ended. */
  stop: () => Promise<void>;
}

/** `<NAME>_PORT`, the companion of gateway/src/subgraphs.ts's `<NAME>_URL`. */
function portVariable(name: string): string {
  return `${name.toUpperCase()}_PORT`;
}

/**
 * Runs the whole system as child processes on this machine, each subgraph in SUBGRAPHS
 * (services/<name>/src/main.ts, every part of it in one process) and then the gateway, over a
 * composed supergraph that points at them. Resolves once every process answers 200 on /readyz;
 * if one does not, stops the others and rejects saying why. Used by `npm start` and `npm run bench`.
 */
export async function startSystemProcesses(options: SystemProcessesOptions): Promise<SystemProcesses> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    NODE_ENV: options.env?.NODE_ENV ?? 'development',
  };
  // Each process runs every part of its service: a MINGSHI_PARTS left in the shell would split them.
  delete env[PARTS_VARIABLE];
  // One machine, one database: a DATABASE_READ_URL left in the shell would send analysts elsewhere.
  delete env.DATABASE_READ_URL;
  const portOf = (name: string, fallback: number) => options.ports?.[name] ?? envPort(env, name) ?? fallback;
  const subgraphs = SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    port: portOf(subgraph.name, subgraph.port),
  }));
  const gatewayPort = portOf('gateway', GATEWAY_DEFAULT_PORT);
  // 127.0.0.1, not localhost: the gateway must not try ::1 first against servers listening on IPv4.
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ name, port }) => [name, `http://127.0.0.1:${port}/graphql`]),
  );
  const subgraphUrlEnv = Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [subgraphUrlVariable(name), url]),
  );
  const supergraphPath = options.supergraphPath ?? path.join(ROOT, 'gateway', 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(subgraphUrlEnv));

  // Started in tiers, subgraphs then the gateway, and stopped in reverse: the gateway drains the
  // requests in flight before the subgraphs they need go away.
  const tiers: ManagedProcess[][] = [];
  let stopping = false;
  const stop = async () => {
    stopping = true;
    for (const tier of [...tiers].reverse()) await Promise.all(tier.map((child) => child.stop()));
  };
  const startTier = async (
    members: { name: string; entry: string; port: number; env: NodeJS.ProcessEnv }[],
  ) => {
    const tier = members.map((member) => ({
      port: member.port,
      child: new ManagedProcess({
        name: member.name,
        // `--import tsx` is what the tsx CLI does, without its extra supervising process.
        command: process.execPath,
        args: ['--import', 'tsx', member.entry],
        cwd: ROOT,
        env: { ...env, ...member.env, PORT: String(member.port) },
        output: options.output,
      }),
    }));
    tiers.push(tier.map(({ child }) => child));
    await Promise.all(
      tier.map(({ port, child }) =>
        waitUntilReady(`http://127.0.0.1:${port}/readyz`, {
          timeoutMs: options.readyTimeoutMs ?? 60_000,
          process: child,
        }),
      ),
    );
  };

  try {
    await startTier(
      subgraphs.map(({ name, port }) => ({
        name,
        entry: `services/${name}/src/main.ts`,
        port,
        // Every subgraph learns where the others answer (<NAME>_URL): some ask others on a caller's behalf.
        env: {
          DATABASE_URL: options.appDatabaseUrl,
          REDIS_URL: options.redisUrl,
          ...subgraphUrlEnv,
          ...options.subgraphEnv?.[name],
        },
      })),
    );
    await startTier([
      {
        name: 'gateway',
        entry: 'gateway/src/main.ts',
        port: gatewayPort,
        env: { SUPERGRAPH_PATH: supergraphPath },
      },
    ]);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    gatewayUrl: `http://localhost:${gatewayPort}/graphql`,
    subgraphUrls,
    pids: Object.fromEntries(tiers.flat().map((child) => [child.name, child.pid])),
    exited: new Promise((resolve) => {
      for (const child of tiers.flat()) {
        void child.exited.then(() => {
          if (!stopping) resolve({ name: child.name, description: child.describeExit() });
        });
      }
    }),
    stop,
  };
}

function envPort(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const variable = portVariable(name);
  const value = env[variable];
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${variable} must be a port number (1-65535), not "${value}"`);
  }
  return port;
}
