import { Client } from 'pg';
import { NATIONWIDE } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import { BulkLoad } from './bulk-load';

/** One service schema's share of the run: its connection, its transaction, its bulk load. */
export interface SchemaSession {
  client: Client;
  bulk: BulkLoad;
  /** Putting back what the loads lifted, once started (see SchemaSessions.release). */
  released?: Promise<void>;
}

/**
 * The seed's sessions, one per service schema (personnel, workshop, finance, evaluation), each
 * its own connection and transaction. The services share no table and no foreign key, and the
 * families never read what another wrote, so the schemas load independently: once a schema's
 * loads are over, PostgreSQL builds its indexes and fills its roll-ups on its own connection
 * while the generator goes on planning and loading the next family on another. On two cores
 * that overlap is a quarter of a province's run.
 *
 * The price is that the run commits four transactions, not one. They commit one after another,
 * only after every schema has loaded and been put back, so a failure anywhere before rolls them
 * all back; only a crash in the moment between two commits leaves some schemas seeded and others
 * not, and running the seed again (which inserts only what is missing) completes them.
 */
export class SchemaSessions {
  private readonly sessions = new Map<string, Promise<SchemaSession>>();

  constructor(private readonly ownerUrl: string) {}

  /** The session of `schema`, opened on first use. */
  of(schema: string): Promise<SchemaSession> {
    let session = this.sessions.get(schema);
    if (!session) {
      session = this.open(schema);
      this.sessions.set(schema, session);
    }
    return session;
  }

  /** The session a schema-qualified table (`workshop.activity`) loads through. */
  forTable(table: string): Promise<SchemaSession> {
    return this.of(table.slice(0, table.indexOf('.')));
  }

  /**
   * Starts putting back the indexes, keys and roll-ups of these schemas' loaded tables, on their
   * own connections, without waiting: for schemas whose loads are over.
   */
  async release(schemas: readonly string[]): Promise<void> {
    for (const schema of schemas) {
      const session = await this.of(schema);
      if (session.released) continue;
      session.released = session.bulk.release();
      // Awaited in finish(); until then a failure must not count as unhandled.
      session.released.catch(() => undefined);
    }
  }

  /** Waits for every schema to be put back (releasing those not started yet), then commits them all. */
  async finish(): Promise<void> {
    const sessions = await Promise.all(this.sessions.values());
    // A load after a schema's release claims a table anew: the second release puts it back.
    await Promise.all(
      sessions.map(async (session) => {
        await session.released;
        await session.bulk.release();
      }),
    );
    for (const session of sessions) await session.client.query('COMMIT');
  }

  /** Rolls back every schema's transaction still open and closes the connections. */
  async close(committed: boolean): Promise<void> {
    const sessions = await Promise.allSettled(this.sessions.values());
    for (const result of sessions) {
      if (result.status !== 'fulfilled') continue;
      if (!committed) await result.value.client.query('ROLLBACK').catch(() => undefined);
      await result.value.client.end();
    }
  }

  private async open(schema: string): Promise<SchemaSession> {
    const client = new Client({ connectionString: this.ownerUrl, application_name: `seed ${schema}` });
    await client.connect();
    await client.query('BEGIN');
    // FORCE ROW LEVEL SECURITY binds the owner too: the seed writes in every region.
    await applyScope(client, NATIONWIDE);
    // Rebuilding a bulk-loaded table's indexes sorts its rows: 64 MB (the default) spills a
    // province's five million participations to disk. The roll-ups' fills group millions of
    // rows and re-added foreign keys join them to their parents: with the default 4 MB, each
    // spills too.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`SET LOCAL work_mem = '256MB'`);
    // Schemas share nothing, so no session should ever wait for another's locks; if a change
    // made one, the run fails saying so instead of waiting for a commit that waits for it.
    await client.query(`SET LOCAL lock_timeout = '60s'`);
    return { client, bulk: new BulkLoad(client) };
  }
}
