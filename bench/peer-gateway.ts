import path from 'node:path';
import { IDENTITY_HEADER } from '@mingshi/auth';
import { ManagedProcess } from '../scripts/lib/managed-process';
import { waitUntilReady } from '../scripts/lib/readiness';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js');

export interface PeerGateway {
  /** Its GraphQL endpoint. */
  url: string;
  /** The operating-system id of its one process (one worker, as ours: `--fork 1`). */
  pid: number | undefined;
  /** Settles when it ends without being asked to. */
  exited: Promise<string>;
  stop: () => Promise<void>;
}

/**
 * Hive Gateway (@graphql-hive/gateway) over the run's supergraph file, so it calls the same
 * subgraph processes as ours, configured by bench/peer/gateway.config.ts. Node runs its CLI
 * directly: the process measured is Hive's, not a wrapper's.
 */
export async function startPeerGateway(options: {
  supergraphPath: string;
  port: number;
  env: NodeJS.ProcessEnv;
}): Promise<PeerGateway> {
  const child = new ManagedProcess({
    name: 'peer',
    command: process.execPath,
    args: [
      CLI,
      'supergraph',
      options.supergraphPath,
      '--config-path',
      path.join(__dirname, 'peer', 'gateway.config.ts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port),
      // Its default, stated: one process, as our gateway is, so the CPU per request compares.
      '--fork',
      '1',
    ],
    cwd: ROOT,
    env: { ...process.env, ...options.env, PEER_IDENTITY_HEADER: IDENTITY_HEADER },
  });
  let stopping = false;
  try {
    await waitUntilReady(`http://127.0.0.1:${options.port}/readiness`, { timeoutMs: 60_000, process: child });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${options.port}/graphql`,
    pid: child.pid,
    exited: child.exited.then(() => (stopping ? new Promise<string>(() => undefined) : child.describeExit())),
    stop: async () => {
      stopping = true;
      await child.stop();
    },
  };
}
