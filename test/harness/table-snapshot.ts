import { Client } from 'pg';
import { superuserUrlOf } from '@mingshi/testing';

/**
 * Row counts and checksums of every table in some schemas, read as the superuser (row-level security
 * is forced on the owner too, so only the superuser sees every row). Two equal snapshots mean nothing
 * was written in between.
 */
export type TableSnapshot = Map<string, { rows: number; checksum: string }>;

export async function snapshotTables(database: string, schemas: string[]): Promise<TableSnapshot> {
  const client = new Client({ connectionString: superuserUrlOf(database) });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
      [schemas],
    );
    const snapshot: TableSnapshot = new Map();
    for (const { name } of tables.rows) {
      const { rows } = await client.query<{ rows: number; checksum: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS checksum
           FROM ${name} t`,
      );
      snapshot.set(name, rows[0]!);
    }
    return snapshot;
  } finally {
    await client.end();
  }
}

/** The tables whose rows differ between two snapshots, with how. */
export function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => JSON.stringify(before.get(name)) !== JSON.stringify(after.get(name)))
    .map((name) => {
      const was = before.get(name);
      const is = after.get(name);
      return `${name}: ${was?.rows ?? 'absent'} → ${is?.rows ?? 'absent'} rows${was?.rows === is?.rows ? ', contents changed' : ''}`;
    });
}
