import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { THIS_YEAR } from '../harness/finance-fixtures';
import {
  REPORT_JOB_FIELDS,
  download,
  downloadUrl,
  finished,
  requestReport,
  requested,
  type ReportJobView,
} from '../harness/report-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

/**
 * Report jobs as callers see them: the same request shares one job, a finished one is reused
 * while the data has not changed, jobs can be cancelled, links are signed and expire, downloads
 * are recorded, and no county sees another's reports by any path.
 */
const WEST = '510403';
const EAST = '510402';
const CITY = '510400';
const westOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: WEST, userId: 'west-office' };
const westColleague: TokenRequest = { role: Role.COUNTY_OFFICE, region: WEST, userId: 'west-colleague' };
const eastOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: EAST, userId: 'east-office' };
const cityOffice: TokenRequest = { role: Role.CITY_OFFICE, region: CITY, userId: 'city-office' };
const westAnalyst: TokenRequest = { role: Role.ANALYST, region: WEST, userId: 'west-analyst' };

const summary = (format = 'CSV') => ({ kind: 'TRAINING_HOURS', regionCode: WEST, year: THIS_YEAR, format });

describe('report jobs', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
    const school = await createSchool(system, WEST);
    await createTeacher(system, school, WEST, { name: '王老师' });
    await foundStudio(system, { countyCode: WEST, school });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function job(caller: TokenRequest, id: string) {
    return system.gql<{ reportJob: (ReportJobView & { downloads: { userId: string }[] }) | null }>(
      caller,
      `query ($id: ID!) { reportJob(id: $id) { ${REPORT_JOB_FIELDS} downloads { userId remoteAddress downloadedAt } } }`,
      { id },
    );
  }

  it('answers the same job to the same request while it is in flight, even from another user', async () => {
    await system.sectionWorkers.personnel.stop();
    try {
      const [a, b] = await Promise.all([
        requested(system, westOffice, summary()),
        requested(system, westColleague, summary()),
      ]);
      expect(b.id).toBe(a.id);
      expect(a.requestedBy).toMatch(/^west-/);
      const other = await requested(system, westOffice, summary('PDF'));
      expect(other.id).not.toBe(a.id);
    } finally {
      system.sectionWorkers.personnel.start();
    }
  });

  it('reuses the finished file while the data is unchanged, and renders anew on request or after a change', async () => {
    const first = await finished(
      system,
      westOffice,
      (await requested(system, westOffice, summary('XLSX'))).id,
    );
    expect(first.status).toBe('SUCCEEDED');
    const again = await finished(
      system,
      westOffice,
      (await requested(system, westOffice, summary('XLSX'))).id,
    );
    expect(again).toMatchObject({
      status: 'SUCCEEDED',
      reusedFrom: { id: first.id },
      sizeBytes: first.sizeBytes,
    });
    const fresh = await finished(
      system,
      westOffice,
      (await requested(system, westOffice, { ...summary('XLSX'), regenerate: true })).id,
    );
    expect(fresh).toMatchObject({ status: 'SUCCEEDED', reusedFrom: null });

    const school = await createSchool(system, WEST);
    await createTeacher(system, school, WEST, { name: '新老师' });
    const changed = await finished(
      system,
      westOffice,
      (await requested(system, westOffice, summary('XLSX'))).id,
    );
    expect(changed).toMatchObject({ status: 'SUCCEEDED', reusedFrom: null });
  });

  it('cancels a queued job, and refuses to cancel it twice', async () => {
    await system.sectionWorkers.personnel.stop();
    let id: string;
    try {
      id = (await requested(system, westOffice, summary('PDF'))).id;
      const cancelled = await system.gql<{ cancelReport: ReportJobView }>(
        westOffice,
        `mutation ($id: ID!) { cancelReport(id: $id) { ${REPORT_JOB_FIELDS} } }`,
        { id },
      );
      expect(cancelled.data?.cancelReport.status).toBe('CANCELLED');
    } finally {
      system.sectionWorkers.personnel.start();
    }
    const twice = await system.gql(westOffice, `mutation ($id: ID!) { cancelReport(id: $id) { id } }`, {
      id,
    });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await job(westOffice, id)).data?.reportJob?.status).toBe('CANCELLED');
    // The next request for the same report starts a new job rather than answering the cancelled one.
    const next = await requested(system, westOffice, summary('PDF'));
    expect(next.id).not.toBe(id);
    expect((await finished(system, westOffice, next.id)).status).toBe('SUCCEEDED');
  });

  it('serves a file only through an unexpired, untampered link, and records each download', async () => {
    const done = await finished(system, westOffice, (await requested(system, westOffice, summary())).id);
    const url = await downloadUrl(system, westOffice, done.id);
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('text/csv');
    expect(file.headers.get('content-disposition')).toContain(`${WEST}-${THIS_YEAR}-TRAINING_HOURS.csv`);

    const token = url.slice(url.lastIndexOf('/') + 1);
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    const tampered = await download(url.replace(token, flipped));
    expect(tampered.status).toBe(403);
    expect(JSON.parse(tampered.body.toString()).errors[0].extensions.code).toBe('FORBIDDEN');
    const [header, , signature] = token.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({ rid: done.id, sub: 'someone-else', exp: 9999999999 }),
    ).toString('base64url');
    expect((await download(url.replace(token, `${header}.${otherPayload}.${signature}`))).status).toBe(403);

    const shortLived = await downloadUrl(system, westOffice, done.id, 1);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const expired = await download(shortLived);
    expect(expired.status).toBe(403);
    expect(JSON.parse(expired.body.toString()).errors[0].message).toMatch(/expired/);

    const audited = (await job(westOffice, done.id)).data?.reportJob?.downloads ?? [];
    expect(audited.map((d) => d.userId)).toEqual(['west-office']);
    // The analyst's view of the same region names no users.
    expect(await job(westAnalyst, done.id)).toMatchObject({ data: { reportJob: null } });
  });

  it('refuses another county its reports, and lets the city above read them', async () => {
    const done = await finished(system, westOffice, (await requested(system, westOffice, summary())).id);
    const asked = await requestReport(system, eastOffice, summary());
    expect(asked.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(asked.data?.requestReport).toBeNull();
    const read = await job(eastOffice, done.id);
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = await system.gql<{ reportJobs: { nodes: { id: string }[] } }>(
      eastOffice,
      `{ reportJobs(first: 100) { nodes { id } } }`,
    );
    expect(listed.data?.reportJobs.nodes.map((n) => n.id)).not.toContain(done.id);
    const filtered = await system.gql(
      eastOffice,
      `{ reportJobs(filter: { regionCode: "${WEST}" }) { totalCount } }`,
    );
    expect(filtered.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const entity = await system.gql<{ _entities: unknown[] }>(
      eastOffice,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ReportJob { id } } }`,
      { r: [{ __typename: 'ReportJob', id: done.id }] },
    );
    expect(JSON.stringify(entity.data ?? {})).not.toContain(done.id);

    const city = await job(cityOffice, done.id);
    expect(city.data?.reportJob?.id).toBe(done.id);
  });

  it('gives analysts masked reports only, and no report to roles that have none', async () => {
    const office = await finished(system, westOffice, (await requested(system, westOffice, summary())).id);
    expect(office.masked).toBe(false);
    expect((await job(westAnalyst, office.id)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const analysts = await requested(system, westAnalyst, summary());
    expect(analysts.masked).toBe(true);
    expect(analysts.id).not.toBe(office.id);
    for (const caller of [
      { role: Role.TEACHER, region: WEST, teacherId: '00000000-0000-4000-8000-000000000001' },
      { role: Role.FINANCE_SYSTEM, region: WEST },
      { role: Role.EVALUATOR, region: WEST },
    ]) {
      const refused = await requestReport(system, caller, summary());
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('removes a report’s file after the retention period, and its link with it', async () => {
    const done = await finished(system, westOffice, (await requested(system, westOffice, summary('PDF'))).id);
    const url = await downloadUrl(system, westOffice, done.id);
    const folder = `reports/${done.id}/`;
    const stored = async () => {
      const keys: string[] = [];
      for await (const object of system.reportStore.list(folder)) keys.push(object.key);
      return keys;
    };
    expect(await stored()).toEqual([`${folder}report.pdf`]);
    // Not yet: retention is 30 days in tests as by default.
    await system.reportTracker.applyRetention(new Date(Date.now() + 29 * 24 * 3600_000));
    expect(await stored()).toHaveLength(1);
    await system.reportTracker.applyRetention(new Date(Date.now() + 31 * 24 * 3600_000));
    expect(await stored()).toEqual([]);
    const after = await job(westOffice, done.id);
    expect(after.data?.reportJob).toMatchObject({ status: 'SUCCEEDED' });
    const link = await system.gql(westOffice, `query ($id: ID!) { reportJob(id: $id) { downloadUrl } }`, {
      id: done.id,
    });
    expect(link.data).toEqual({ reportJob: { downloadUrl: null } });
    expect((await download(url)).status).toBe(404);
    // The next request renders anew: there is no file left to reuse.
    const again = await finished(
      system,
      westOffice,
      (await requested(system, westOffice, summary('PDF'))).id,
    );
    expect(again).toMatchObject({ status: 'SUCCEEDED', reusedFrom: null });
  });

  it('refuses bad input with every problem named', async () => {
    const bad = await requestReport(system, westOffice, { ...summary(), regionCode: '51040', year: 1900 });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['input.period.year', 'input.regionCode']);
    const future = await requestReport(system, westOffice, { ...summary(), year: THIS_YEAR + 1 });
    expect(future.errors?.[0]?.extensions?.field).toBe('input.period.year');
    const link = await system.gql(
      westOffice,
      `query ($id: ID!) { reportJob(id: $id) { downloadUrl(expiresInSeconds: 99999) } }`,
      { id: (await requested(system, westOffice, summary())).id },
    );
    expect(link.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
