import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { methodNotAllowed } from './http';

/** A named dependency check for /readyz; it throws when the dependency is unreachable. */
export type ReadinessCheck = () => Promise<unknown>;

/** The check of a service's own database, in every process of it, whatever parts it runs. */
export function postgresCheck(dataSource: DataSource): ReadinessCheck {
  return () => dataSource.query('SELECT 1');
}

/**
 * The checks of the pools a process holds: the primary (`postgres`) always, the read replicas'
 * (`postgres-read`) when it has one, since the requests and sections sent there fail without it.
 */
export function databaseChecks(
  dataSource: DataSource,
  readDataSource?: DataSource,
): Record<string, ReadinessCheck> {
  return {
    postgres: postgresCheck(dataSource),
    ...(readDataSource ? { 'postgres-read': postgresCheck(readDataSource) } : {}),
  };
}

/**
 * `/healthz` says the process is alive; `/readyz` says it can serve, i.e. every dependency
 * answers. Orchestrators route traffic on the second and restart on the first.
 */
export function mountHealth(app: Express, checks: Record<string, ReadinessCheck>): void {
  app
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed('GET'));
  app
    .route('/readyz')
    .get(async (_req, res) => {
      const results = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => {
          try {
            await withTimeout(check(), 2000);
            return [name, 'ok'] as const;
          } catch (error) {
            return [name, `unavailable: ${(error as Error).message}`] as const;
          }
        }),
      );
      const ready = results.every(([, status]) => status === 'ok');
      res
        .status(ready ? 200 : 503)
        .json({ status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
    })
    .all(methodNotAllowed('GET'));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]);
}
