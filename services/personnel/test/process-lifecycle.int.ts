import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { Role, signIdentity } from '@mingshi/auth';
import { createTestDatabase, postGraphQL, redisUrl, type TestDatabase } from '@mingshi/testing';
import { TEST_SECRETS } from '../../../test/harness/system';

const ROOT = path.join(__dirname, '..', '..', '..');

function startPersonnel(env: Record<string, string>): ChildProcessWithoutNullStreams {
  // node --import tsx, not the tsx CLI: one process, so SIGTERM reaches the service itself.
  return spawn(process.execPath, ['--import', 'tsx', 'services/personnel/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH!, NODE_ENV: 'production', ...env },
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Real processes: start-up configuration errors and graceful shutdown on SIGTERM. */
describe('the personnel process', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ template: process.env.MINGSHI_TEST_TEMPLATE });
  });
  afterAll(() => database?.drop());

  it('refuses to start with bad configuration, naming each variable', async () => {
    const child = startPersonnel({ DATABASE_URL: 'not a url', GATEWAY_IDENTITY_SECRET: 'short' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await exited(child)).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL/);
    expect(stderr).toMatch(/REDIS_URL/);
    expect(stderr).toMatch(/GATEWAY_IDENTITY_SECRET/);
  });

  it('serves, then drains and exits cleanly on SIGTERM', async () => {
    const child = startPersonnel({
      DATABASE_URL: database.appUrl,
      REDIS_URL: redisUrl(),
      GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
      PORT: '0',
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.includes('"port"')) resolve(JSON.parse(line).port);
        }
      });
      child.once('exit', () => reject(new Error('exited before listening')));
    });
    const identity = await signIdentity(
      { userId: 'ops', roles: [Role.ANALYST], regionCode: '510000' },
      TEST_SECRETS.identity,
    );
    const r = await postGraphQL(
      `http://127.0.0.1:${port}/graphql`,
      `{ region(code: "510403") { name } }`,
      {},
      {
        'x-mingshi-identity': identity,
      },
    );
    expect(r.data).toEqual({ region: { name: '西区' } });

    const exit = exited(child);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
