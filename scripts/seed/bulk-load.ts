import type { ClientBase } from 'pg';

/**
 * Rows that triggers on a table derive from its rows — a roll-up in another table, a search
 * column — declared on the table's load so that a bulk load can fill them in one statement.
 */
export interface DerivedRows {
  /** The triggers (by name) that keep the derived rows as the table's rows are inserted. */
  triggers: readonly string[];
  /** The tables the triggers write, claimed with the table when they are empty too. */
  tables: readonly string[];
  /**
   * One statement that does what the triggers would have done for every row of the table: it
   * runs once the loads are over, the triggers being disabled while the seed fills an empty table.
   */
  fill: string;
}

/** What was lifted from a claimed table, to put back when it is released. */
interface Claim {
  /** Secondary indexes and foreign keys to create, triggers to enable, row security to force. */
  restore: string[];
  /** Derived rows to fill before the table gets its indexes back. */
  fill?: string;
}

/**
 * Bulk loading into tables the run fills from empty. A table that is empty when the run first loads
 * it is claimed: its secondary (non-unique) indexes and foreign keys are dropped, forced row-level
 * security is lifted for the owner, and the triggers of its derived rows are disabled. COPY then
 * goes straight into it with nothing checked or maintained per row but its primary and unique keys,
 * and release() puts everything back at once: indexes built from the loaded rows, foreign keys
 * re-added (PostgreSQL checks each over the whole table in one join), derived rows filled in one
 * statement. Nothing another session could see changes: the seed runs in one transaction, and the
 * ALTER TABLEs hold the tables exclusively until it commits or rolls back.
 *
 * Row-level security is not weakened: the seed acts nationwide, so its policies could only check
 * that a row's parent exists, which the re-added foreign keys check for every row. Tables that
 * already have rows (a re-run, a later day) are never claimed: rows go through a staging table and
 * `INSERT … ON CONFLICT DO NOTHING` with every policy, key and trigger in force.
 */
export class BulkLoad {
  /** Claimed tables, in the order claimed; `null` for tables that had rows or were released. */
  private readonly claims = new Map<string, Claim | null>();

  constructor(private readonly client: ClientBase) {}

  /** Whether the run may copy straight into `table`: claims it if this is its first load and it is empty. */
  async claim(table: string, derived?: DerivedRows): Promise<boolean> {
    if (this.claims.has(table)) return this.claims.get(table) !== null;
    const { rows } = await this.client.query<{ empty: boolean }>(
      `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`,
    );
    if (!rows[0]!.empty) {
      this.claims.set(table, null);
      return false;
    }
    const claim: Claim = { restore: await this.lift(table) };
    this.claims.set(table, claim);
    if (derived) {
      for (const into of derived.tables) await this.claim(into);
      for (const trigger of derived.triggers) {
        await this.client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
        claim.restore.push(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
      }
      claim.fill = derived.fill;
    }
    return true;
  }

  /** Puts back what every table claimed so far lacks, in one query; later loads into them go the checked way. */
  release(): Promise<void> {
    const claimed = [...this.claims].filter((entry): entry is [string, Claim] => entry[1] !== null);
    for (const [table] of claimed) this.claims.set(table, null);
    const statements = [
      ...claimed.flatMap(([, claim]) => (claim.fill ? [claim.fill] : [])),
      ...claimed.flatMap(([, claim]) => claim.restore),
    ];
    if (statements.length === 0) return Promise.resolve();
    return this.client.query(statements.join(';\n')).then(() => undefined);
  }

  /** Drops `table`'s secondary indexes and foreign keys and lifts forced row security; returns the undo. */
  private async lift(table: string): Promise<string[]> {
    const { rows: indexes } = await this.client.query<{ name: string; definition: string }>(
      // Unique indexes stay (primary keys, ON CONFLICT targets, foreign keys' referenced keys), as do
      // indexes a constraint, CLUSTER or replica identity depends on.
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
         FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisclustered
          AND NOT i.indisreplident
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [table],
    );
    const { rows: foreignKeys } = await this.client.query<{ name: string; definition: string }>(
      `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
      [table],
    );
    const { rows: security } = await this.client.query<{ forced: boolean }>(
      `SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    const restore: string[] = [];
    for (const index of indexes) {
      await this.client.query(`DROP INDEX ${index.name}`);
      restore.push(index.definition);
    }
    for (const key of foreignKeys) {
      await this.client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${key.name}`);
      restore.push(`ALTER TABLE ${table} ADD CONSTRAINT ${key.name} ${key.definition}`);
    }
    if (security[0]!.forced) {
      // COPY refuses a table whose policies bind the caller; the owner is bound only while forced.
      await this.client.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      restore.push(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    return restore;
  }
}
