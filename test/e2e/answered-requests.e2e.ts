import { Client } from 'pg';
import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { createSchool } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';

/**
 * graphql-js answers as soon as a non-null field is refused, while its sibling fields may still be
 * loading. Those siblings must not open a transaction of their own after the request's has ended:
 * nobody would end it, and a few dozen such requests would hold every pooled connection.
 */
const FINANCE: TokenRequest = { role: Role.FINANCE_SYSTEM, region: '510403' };

describe('a request answered while some of its fields were still loading', () => {
  let system: TestSystem;
  let admin: Client;

  beforeAll(async () => {
    system = await TestSystem.start();
    for (let i = 0; i < 3; i += 1) await createSchool(system, '510403');
    admin = new Client({ connectionString: system.database.superuserUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await system?.stop();
  });

  it('leaves no transaction open, so the pool never starves', async () => {
    // Schools (with their regions) load while the teachers beside them are refused to the finance
    // system; the refusal of a non-null root field ends the answer at once.
    const query = `{
      region(code: "510403") {
        schools(first: 5) { nodes { id region { parent { children { parent { parent { code } } } } } } }
      }
      teachers(first: 1) { nodes { id } }
    }`;
    for (let round = 0; round < 4; round += 1) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => system.gql(FINANCE, query)));
      for (const answer of answers) expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
    }
    // Siblings still loading when the answer went end their transaction when they finish, which on
    // a busy machine can take more than a moment. A leaked one is never ended (bar the request
    // budget's timer, 10 s), so it is still open after the 3 s allowed here.
    const openTransactions = async () =>
      (
        await admin.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
          [system.database.name],
        )
      ).rows[0].n as number;
    const deadline = Date.now() + 3_000;
    let open = await openTransactions();
    while (open > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      open = await openTransactions();
    }
    expect(open).toBe(0);

    const after = await system.gql(FINANCE, `{ schools(first: 5) { totalCount } }`);
    expect(after.errors).toBeUndefined();
    expect(after.data?.schools.totalCount).toBe(3);
  });
});
