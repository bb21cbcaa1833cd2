import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSchool, createTeacher } from '../harness/fixtures';
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

  it('explains every option and prints a query that finds the teacher ids HOST and TEACHER tokens need', async () => {
    const { stdout } = await token('--help');
    for (const option of ['--role', '--region', '--teacher', '--school', '--user', '--expires']) {
      expect(stdout).toContain(option);
    }
    for (const role of ['PROVINCE_OFFICE', 'COUNTY_OFFICE', 'HOST', 'TEACHER', 'SCHOOL_ADMIN', 'ANALYST']) {
      expect(stdout).toContain(role);
    }
    // The help's own curl body, run as the office it names, finds a teacher to mint a TEACHER token for.
    const teacher = await createTeacher(system, await createSchool(system, '510403'), '510403');
    const body = JSON.parse(/-d '(\{.*\})'/.exec(stdout)![1]!) as { query: string };
    const lastLine = (printed: string) => printed.trim().split('\n').pop()!;
    const office = lastLine((await token('--role', 'COUNTY_OFFICE', '--region', '510403')).stdout);
    const answer = await system.gql(office, body.query);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.teachers.nodes).toEqual([
      expect.objectContaining({ id: teacher.id, name: teacher.name }),
    ]);
    const asTeacher = await token('--role', 'TEACHER', '--region', '510403', '--teacher', teacher.id);
    const viewer = await system.gql(lastLine(asTeacher.stdout), `{ viewer { roles } }`);
    expect(viewer.data?.viewer).toEqual({ roles: ['TEACHER'] });
  });
});
