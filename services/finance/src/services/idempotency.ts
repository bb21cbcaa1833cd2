import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError, type InputCheck } from '@mingshi/graphql';
import type { FinanceContext } from '../context';

/** Keys are kept twice the promised 24 hours, so a retry at the edge of a day still finds its key. */
export const IDEMPOTENCY_KEY_RETENTION_HOURS = 48;
const MAX_KEY_LENGTH = 100;

/** Reads an input's `idempotencyKey` as part of checking the input (1–100 characters when given). */
export function readIdempotencyKey(check: InputCheck, key: string | null | undefined): string | null {
  return check.optionalText(key, 'idempotencyKey', MAX_KEY_LENGTH);
}

interface IdempotentOperation<T> {
  /** The mutation's name: a key used for one mutation cannot answer another. */
  operation: string;
  key: string | null;
  /** The input as the client sent it; the same key must come with the same input. */
  input: unknown;
  /** Does the work in the mutation's transaction and returns the result with its id. */
  work: (manager: EntityManager) => Promise<{ id: string; result: T }>;
  /** Reads the first result again, by the id `work` returned then. */
  replay: (id: string) => Promise<T>;
}

/**
 * Runs a mutation at most once per caller and key. The key is claimed in the mutation's own
 * transaction before the work: a concurrent request with the same key waits on that row, then
 * finds it and answers the first result; when the work fails, the claim rolls back with it and the
 * key may be used again.
 */
export async function idempotently<T>(ctx: FinanceContext, op: IdempotentOperation<T>): Promise<T> {
  if (!op.key) return ctx.tx.atomically(async (manager) => (await op.work(manager)).result);
  const key = op.key;
  const hash = requestHash(op.operation, op.input);
  const outcome = await ctx.tx.atomically(async (manager) => {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO finance.idempotency_key (user_id, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [ctx.principal.userId, key, op.operation, hash],
    );
    if (claimed.length === 0) {
      const [first] = (await manager.query(
        `SELECT operation, request_hash, result_id FROM finance.idempotency_key WHERE user_id = $1 AND key = $2`,
        [ctx.principal.userId, key],
      )) as { operation: string; request_hash: string; result_id: string | null }[];
      if (!first || first.operation !== op.operation || first.request_hash !== hash || !first.result_id) {
        throw new ConflictError(
          `The idempotency key ${JSON.stringify(key)} was already used with a different request; use a new key for a new request`,
        );
      }
      return { kind: 'replay', id: first.result_id } as const;
    }
    const { id, result } = await op.work(manager);
    await manager.query(`UPDATE finance.idempotency_key SET result_id = $3 WHERE user_id = $1 AND key = $2`, [
      ctx.principal.userId,
      key,
      id,
    ]);
    return { kind: 'done', result } as const;
  });
  return outcome.kind === 'replay' ? op.replay(outcome.id) : outcome.result;
}

/** A stable hash of a request: the operation and its input with keys sorted, the key itself left out. */
export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([name, v]) => name !== 'idempotencyKey' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, v]) => `${JSON.stringify(name)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Forgets keys past their retention; run periodically by every process running finance's graph.
 * One replica purges at a time: two DELETEs of the same rows would wait on each other's row
 * locks (and, scanning in different orders, could deadlock), so a replica that finds the lock
 * taken skips its turn, leaving the rows to the one purging. Answers whether this one purged.
 */
export async function purgeExpiredIdempotencyKeys(manager: Pick<EntityManager, 'query'>): Promise<boolean> {
  const [lock] = (await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS acquired`, [
    'finance.idempotency_key purge',
  ])) as { acquired: boolean }[];
  if (!lock?.acquired) return false;
  await manager.query(
    `DELETE FROM finance.idempotency_key WHERE created_at < now() - make_interval(hours => $1)`,
    [IDEMPOTENCY_KEY_RETENTION_HOURS],
  );
  return true;
}
