import { Client } from 'pg';
import { NATIONWIDE } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';

export type RowCounts = Map<string, number>;

/**
 * Row counts of every table in the given schemas, read as the owner. Row-level security binds the
 * owner too, so each count runs in a transaction scoped nationwide; the statement counts all
 * tables at once, cheap enough to take around every single mutation.
 */
export class TableCounter {
  private constructor(
    private readonly client: Client,
    private readonly statement: string,
  ) {}

  static async connect(ownerUrl: string, schemas: readonly string[]): Promise<TableCounter> {
    const client = new Client({ connectionString: ownerUrl });
    await client.connect();
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schemas],
    );
    if (tables.rows.length === 0) throw new Error(`no tables in ${schemas.join(', ')}`);
    const statement = tables.rows
      .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows FROM ${name}`)
      .join(' UNION ALL ');
    return new TableCounter(client, statement);
  }

  async counts(): Promise<RowCounts> {
    await this.client.query('BEGIN');
    try {
      await applyScope(this.client, NATIONWIDE);
      const result = await this.client.query<{ name: string; rows: number }>(this.statement);
      return new Map(result.rows.map(({ name, rows }) => [name, rows]));
    } finally {
      await this.client.query('ROLLBACK');
    }
  }

  end(): Promise<void> {
    return this.client.end();
  }
}

/** The tables whose counts differ, e.g. `personnel.teacher 12→13`. */
export function changedTables(before: RowCounts, after: RowCounts): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => before.get(name) !== after.get(name))
    .map((name) => `${name} ${before.get(name) ?? 0}→${after.get(name) ?? 0}`);
}
