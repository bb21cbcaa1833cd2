import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_SECRETS, TestSystem } from '../harness/system';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');

describe('npm run token', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(() => system?.stop());

  const token = (...args: string[]) =>
    run(path.join(ROOT, 'node_modules/.bin/tsx'), ['gateway/scripts/token.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, JWT_SECRET: TEST_SECRETS.jwt },
    });

  it('prints a token on its last line that the gateway accepts as that role and region', async () => {
    const { stdout } = await token('--role', 'COUNTY_OFFICE', '--region', '510403');
    const printed = stdout.trim().split('\n').pop()!;
    const r = await system.gql(printed, `{ viewer { roles region { code } } }`);
    expect(r.data?.viewer).toEqual({ roles: ['COUNTY_OFFICE'], region: { code: '510403' } });
  });

  it('refuses a TEACHER token without the teacher it acts as', async () => {
    await expect(token('--role', 'TEACHER', '--region', '510403')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--teacher/),
    });
  });
});
