import type { ClientBase } from 'pg';

/**
 * Rows that triggers on a table derive from its rows — a roll-up in another table, a search
 * column — declared on the table's load so that a bulk load can fill them in one statement.
 */
export interface DerivedRows {
  /** The triggers (by name) that keep the derived rows as the table's rows are inserted. */
  triggers: readonly string[];
  /**
   * The tables the triggers write, claimed with the table: rows derived from an empty table's
   * rows cannot exist, so they are empty too, or the claim fails.
   */
  tables: readonly string[];
  /**
   * One statement that does what the triggers would have done for every row of the table: it
   * runs once the loads are over, the triggers being disabled while the seed fills an empty table,
   * and before any key is back, so a plain INSERT into the derived tables.
   */
  fill: string;
}

/**
 * What was lifted from a claimed table, to put back when it is released. Kinds are put back in
 * this order, each kind for every table: a foreign key needs the key it references, and the
 * checks of the finish (forced row security) come last.
 */
interface Claim {
  /** Primary and unique keys. */
  keys: string[];
  /** Secondary indexes. */
  indexes: string[];
  /** Foreign keys: the table's own, and others' referencing its keys. */
  foreignKeys: string[];
  /** Triggers to enable, row security to force. */
  finish: string[];
  /** Derived rows to fill before the table gets its indexes back. */
  fill?: string;
}

/**
 * Bulk loading into tables the run fills from empty. A table that is empty when the run first loads
 * it is claimed: its indexes — keys too — and foreign keys are dropped (with the foreign keys of
 * other tables referencing its keys), forced row-level security is lifted for the owner, and the
 * triggers of its derived rows are disabled. COPY then goes straight into it with nothing checked
 * or maintained per row, and release() puts everything back at once: keys and indexes built from
 * the loaded rows (a sort, instead of a random insertion per row into a key larger than the
 * buffer cache), foreign keys re-added (PostgreSQL checks each over the whole table in one join),
 * derived rows filled in one statement. A key broken by the loaded rows fails the release, and the
 * run with it. Nothing another session could see changes: the seed runs in a transaction per schema, and
 * the ALTER TABLEs hold the tables exclusively until it commits or rolls back.
 *
 * Row-level security is not weakened: the seed acts nationwide, so its policies could only check
 * that a row's parent exists, which the re-added foreign keys check for every row. Tables that
 * already have rows (a re-run, a later day) are never claimed: rows go through a staging table and
 * `INSERT … ON CONFLICT DO NOTHING` with every policy, key and trigger in force.
 */
export class BulkLoad {
  /** Claimed tables, in the order claimed; `null` for tables that had rows or were released. */
  private readonly claims = new Map<string, Claim | null>();
  /** Every table claimed by this run: empty when the run began. */
  private readonly empty = new Set<string>();

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
    const claim = await this.lift(table);
    this.claims.set(table, claim);
    this.empty.add(table);
    if (derived) {
      for (const into of derived.tables) {
        if (!(await this.claim(into)))
          throw new Error(`${into} has rows while ${table}, which they derive from, has none`);
      }
      for (const trigger of derived.triggers) {
        await this.client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
        claim.finish.push(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
      }
      claim.fill = derived.fill;
    }
    return true;
  }

  /** Whether `table` was empty when this run began: true once the run has claimed it. */
  wasEmpty(table: string): boolean {
    return this.empty.has(table);
  }

  /** Puts back what every table claimed so far lacks, in one query; later loads into them go the checked way. */
  release(): Promise<void> {
    const claimed = [...this.claims].filter((entry): entry is [string, Claim] => entry[1] !== null);
    for (const [table] of claimed) this.claims.set(table, null);
    const claims = claimed.map(([, claim]) => claim);
    const statements = [
      ...claims.flatMap((claim) => (claim.fill ? [claim.fill] : [])),
      ...claims.flatMap((claim) => claim.keys),
      ...claims.flatMap((claim) => claim.indexes),
      ...claims.flatMap((claim) => claim.foreignKeys),
      ...claims.flatMap((claim) => claim.finish),
    ];
    if (statements.length === 0) return Promise.resolve();
    return this.client.query(statements.join(';\n')).then(() => undefined);
  }

  /** Drops `table`'s indexes, keys and foreign keys and lifts forced row security. */
  private async lift(table: string): Promise<Claim> {
    const claim: Claim = { keys: [], indexes: [], foreignKeys: [], finish: [] };
    const dropForeignKeys = async (where: string) => {
      const { rows } = await this.client.query<{ owner: string; name: string; definition: string }>(
        `SELECT conrelid::regclass::text AS owner, quote_ident(conname) AS name,
                pg_get_constraintdef(oid) AS definition
           FROM pg_constraint WHERE contype = 'f' AND ${where} ORDER BY conrelid, conname`,
        [table],
      );
      for (const key of rows) {
        await this.client.query(`ALTER TABLE ${key.owner} DROP CONSTRAINT ${key.name}`);
        claim.foreignKeys.push(`ALTER TABLE ${key.owner} ADD CONSTRAINT ${key.name} ${key.definition}`);
      }
    };
    await dropForeignKeys('conrelid = $1::regclass');
    // Others' foreign keys depend on the keys they reference: they go first and come back last.
    await dropForeignKeys('confrelid = $1::regclass');
    const { rows: constraints } = await this.client.query<{ name: string; definition: string }>(
      `SELECT quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_index i ON i.indexrelid = c.conindid
        WHERE c.conrelid = $1::regclass AND c.contype IN ('p', 'u')
          AND NOT i.indisclustered AND NOT i.indisreplident`,
      [table],
    );
    for (const key of constraints) {
      await this.client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${key.name}`);
      claim.keys.push(`ALTER TABLE ${table} ADD CONSTRAINT ${key.name} ${key.definition}`);
    }
    const { rows: indexes } = await this.client.query<{ name: string; definition: string; unique: boolean }>(
      // Indexes that back a constraint (a key kept, an exclusion), CLUSTER or the replica identity
      // stay, and so do partial unique ones: they hold the few rows a rule is about, and their
      // predicates would not read back as the migrations wrote them.
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition,
              i.indisunique AS unique
         FROM pg_index i
        WHERE i.indrelid = $1::regclass AND (NOT i.indisunique OR i.indpred IS NULL)
          AND NOT i.indisclustered AND NOT i.indisreplident
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                           WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype <> 'f')`,
      [table],
    );
    for (const index of indexes) {
      await this.client.query(`DROP INDEX ${index.name}`);
      (index.unique ? claim.keys : claim.indexes).push(index.definition);
    }
    const { rows: security } = await this.client.query<{ forced: boolean }>(
      `SELECT relforcerowsecurity AS forced FROM pg_class WHERE oid = $1::regclass`,
      [table],
    );
    if (security[0]!.forced) {
      // COPY refuses a table whose policies bind the caller; the owner is bound only while forced.
      await this.client.query(`ALTER TABLE ${table} NO FORCE ROW LEVEL SECURITY`);
      claim.finish.push(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
    }
    return claim;
  }
}
