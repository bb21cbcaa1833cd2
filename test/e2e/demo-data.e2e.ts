import { Client } from 'pg';
import { NATIONWIDE, Role } from '@mingshi/auth';
import { applyScope } from '@mingshi/db';
import { chinaToday } from '@mingshi/graphql';
import { generate } from '../../scripts/seed/generate';
import { checkSeedInvariants } from '../../scripts/seed/invariants';
import { TestSystem } from '../harness/system';

/**
 * The data `npm start` loads (the demo scale of the generator): it must be data the services
 * could have written, load once, and give each sample caller a working front end — studios with
 * their hosts and teams, metrics, certificates credited as training hours, and their assessments.
 */
describe('demo data', () => {
  let system: TestSystem;
  let owner: Client;
  let migratedSchema: string[];
  const lastYear = Number(chinaToday().slice(0, 4)) - 1;
  const period = { from: `${lastYear}-01-01`, to: `${lastYear}-12-31` };

  beforeAll(async () => {
    system = await TestSystem.start();
    owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
    migratedSchema = await schemaOf(owner);
    await generate(system.database.ownerUrl, 'demo');
  }, 180_000);

  afterAll(async () => {
    await owner?.end();
    await system?.stop();
  });

  /** One query as the owner across all regions (row-level security binds the owner too). */
  async function count<T extends Record<string, string>>(sql: string, params: unknown[] = []): Promise<T> {
    await owner.query('BEGIN');
    try {
      await applyScope(owner, NATIONWIDE);
      return (await owner.query<T>(sql, params)).rows[0]!;
    } finally {
      await owner.query('ROLLBACK');
    }
  }

  it('keeps every rule the services enforce', async () => {
    const results = await checkSeedInvariants(owner);
    expect(results.length).toBeGreaterThan(45);
    expect(results.filter((result) => result.violations > 0)).toEqual([]);
  });

  it('leaves every index, key, trigger and policy as the migrations made them', async () => {
    // The seed drops indexes and foreign keys of the tables it fills from empty, and puts them back.
    expect(await schemaOf(owner)).toEqual(migratedSchema);
  });

  it('funds the studios and tells every change to their money in the fund-event log', async () => {
    const funds = await count<{ allocations: string; expenses: string; events: string; frozen: string }>(
      `SELECT (SELECT count(*) FROM finance.fund_allocation) AS allocations,
              (SELECT count(*) FROM finance.expense) AS expenses,
              (SELECT count(*) FROM finance.fund_event) AS events,
              (SELECT count(*) FROM finance.fund_allocation WHERE status = 'FROZEN') AS frozen`,
    );
    expect(Number(funds.allocations)).toBeGreaterThan(20);
    expect(Number(funds.expenses)).toBeGreaterThan(3 * Number(funds.allocations));
    // An allocation, its payment, and each expense's submission and decision.
    expect(Number(funds.events)).toBeGreaterThan(Number(funds.allocations) + 2 * Number(funds.expenses));
    expect(Number(funds.frozen)).toBeGreaterThan(0);
    const working = await count<{ unfunded: string }>(
      `SELECT count(*) AS unfunded FROM workshop.workshop w
       WHERE w.status IN ('ACTIVE', 'RECTIFYING') AND w.created_at < make_date($1, 1, 1)
         AND NOT EXISTS (SELECT 1 FROM finance.fund_allocation a WHERE a.workshop_id = w.id AND a.year = $1)`,
      [lastYear],
    );
    expect(working.unfunded).toBe('0');
  });

  it('inserts nothing when loaded again', async () => {
    const again = await generate(system.database.ownerUrl, 'demo');
    const inserted = Object.entries(again.tables).filter(([, table]) => table.inserted > 0);
    expect(inserted).toEqual([]);
    expect(again.tables['workshop.activity']!.staged).toBeGreaterThan(1000);
  });

  it.each([
    [Role.COUNTY_OFFICE, '510403', ['COUNTY']],
    [Role.CITY_OFFICE, '530800', ['CITY', 'COUNTY']],
    [Role.PROVINCE_OFFICE, '520000', ['PROVINCE', 'CITY', 'COUNTY']],
  ])('shows %s %s its studios with hosts, host schools and teams', async (role, region, levels) => {
    const result = await system.gql(
      { role, region },
      `{ workshops(first: 100) { totalCount nodes {
          name level status region { code } host { name } hostSchool { name } memberCount traineeCount
        } } }`,
    );
    expect(result.errors).toBeUndefined();
    const studios = result.data!.workshops.nodes as any[];
    expect(studios.length).toBeGreaterThan(0);
    expect(new Set(studios.map((s) => s.level))).toEqual(new Set(levels));
    for (const studio of studios) {
      expect(studio.region.code.startsWith(region.replace(/0+$/, ''))).toBe(true);
      // Every studio here was founded in the caller's own jurisdiction, so its people are visible.
      expect(studio.host?.name ?? null).toEqual(
        ['REVOKED', 'DISSOLVED'].includes(studio.status) ? null : expect.any(String),
      );
      expect(studio.hostSchool?.name).toEqual(expect.any(String));
    }
    const working = studios.filter((s) => ['ACTIVE', 'RECTIFYING'].includes(s.status));
    expect(working.length).toBeGreaterThan(0);
    for (const studio of working) expect(studio.memberCount + studio.traineeCount).toBeGreaterThan(0);
  });

  it("gives a province last year's metrics as the tables count them", async () => {
    const result = await system.gql(
      { role: Role.PROVINCE_OFFICE, region: '520000' },
      `query ($period: PeriodInput!) { workshopMetrics(period: $period) {
          workshopCount activityCount outreachCount teachersReached viewCount } }`,
      { period },
    );
    expect(result.errors).toBeUndefined();
    const expected = await count(
      `SELECT count(DISTINCT a.id) AS activities, count(DISTINCT a.id) FILTER (WHERE a.type = 'OUTREACH') AS outreach,
              count(DISTINCT p.teacher_id) AS reached
       FROM workshop.activity a JOIN workshop.workshop w ON w.id = a.workshop_id
       LEFT JOIN workshop.activity_participant p ON p.activity_id = a.id
       WHERE w.region_code LIKE '52%' AND a.date BETWEEN $1 AND $2`,
      [period.from, period.to],
    );
    const views = await count(
      `SELECT coalesce(sum(a.view_count), 0) AS views FROM workshop.activity a
       JOIN workshop.workshop w ON w.id = a.workshop_id WHERE w.region_code LIKE '52%' AND a.date BETWEEN $1 AND $2`,
      [period.from, period.to],
    );
    const metrics = result.data!.workshopMetrics;
    expect(metrics.activityCount).toBeGreaterThan(100);
    expect(metrics).toMatchObject({
      activityCount: Number(expected.activities),
      outreachCount: Number(expected.outreach),
      teachersReached: Number(expected.reached),
      viewCount: Number(views.views),
    });
  });

  it("gives this year's figures, since the data reaches up to today", async () => {
    const today = chinaToday();
    const result = await system.gql(
      { role: Role.PROVINCE_OFFICE, region: '520000' },
      `query ($period: PeriodInput!) { workshopMetrics(period: $period) {
          workshopCount activityCount teachersReached } }`,
      { period: { from: `${today.slice(0, 4)}-01-01`, to: today } },
    );
    expect(result.errors).toBeUndefined();
    const metrics = result.data!.workshopMetrics;
    expect(metrics.workshopCount).toBeGreaterThan(0);
    expect(metrics.activityCount).toBeGreaterThan(0);
    expect(metrics.teachersReached).toBeGreaterThan(0);
    const training = await count<{ records: string }>(
      `SELECT count(*) AS records FROM personnel.training_record WHERE year = $1`,
      [Number(today.slice(0, 4))],
    );
    expect(Number(training.records)).toBeGreaterThan(0);
  });

  it("credits each certificate's hours in its trainee's training record", async () => {
    // 普洱's studios concluded a cycle in the demo data; 西区's are still in their first.
    const city = { role: Role.CITY_OFFICE, region: '530800' };
    const studios = await system.gql(
      city,
      `{ workshops(first: 100) { nodes { certificates { number hours year teacher { id } } } } }`,
    );
    expect(studios.errors).toBeUndefined();
    const certificates = (studios.data!.workshops.nodes as any[]).flatMap((s) => s.certificates);
    expect(certificates.length).toBeGreaterThan(0);
    for (const certificate of certificates.slice(0, 5)) {
      const teacher = await system.gql(
        city,
        `query ($id: ID!, $year: Int!) { teacher(id: $id) { trainingHours(year: $year) {
            records { source hours description } } } }`,
        { id: certificate.teacher.id, year: certificate.year },
      );
      expect(teacher.errors).toBeUndefined();
      const credited = (teacher.data!.teacher.trainingHours.records as any[]).filter(
        (record) => record.source === 'STUDIO_CERTIFICATE' && record.description.includes(certificate.number),
      );
      expect(credited).toEqual([expect.objectContaining({ hours: certificate.hours })]);
    }
  });

  it("shows a county office its studios' assessments and latest grades", async () => {
    const result = await system.gql(
      { role: Role.COUNTY_OFFICE, region: '510403' },
      // A page of 20: each studio's results with their indicator scores cost the most of any query here.
      `{ workshops(first: 20) { nodes { id latestGrade assessments {
          status round { kind periodTo scheme { leafCount } }
          result { grade total indicatorScores { indicatorCode source score } }
        } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const studios = result.data!.workshops.nodes as any[];
    expect(studios.length).toBeGreaterThan(0);
    for (const studio of studios) {
      // Every studio ran in a year whose round is over: it was assessed.
      expect(studio.assessments.length).toBeGreaterThan(0);
      const finalised = studio.assessments.filter((a: any) => a.result);
      expect(studio.latestGrade).toBe(finalised[0].result.grade);
      for (const { round, result: r } of finalised) {
        expect(r.indicatorScores).toHaveLength(round.scheme.leafCount);
        const sum = r.indicatorScores.reduce(
          (total: number, i: any) => total + Math.round(Number(i.score) * 100),
          0,
        );
        expect(sum).toBe(Math.round(Number(r.total) * 100));
      }
    }
  });

  it('gives every studio the results its status history tells of', async () => {
    const offices = [
      { role: Role.COUNTY_OFFICE, region: '510403' },
      { role: Role.CITY_OFFICE, region: '350700' },
      { role: Role.COUNTY_OFFICE, region: '530181' },
      { role: Role.CITY_OFFICE, region: '530800' },
      { role: Role.PROVINCE_OFFICE, region: '520000' },
    ];
    const seen = new Map<string, any>();
    for (const office of offices) {
      const result = await system.gql(
        office,
        `{ workshops(first: 100) { nodes { id status latestGrade statusHistory { to }
            assessments { status round { kind } result { grade } consequences { kind state } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      for (const studio of result.data!.workshops.nodes as any[]) seen.set(studio.id, studio);
    }
    const told = { RECTIFYING: 0, REVOKED: 0, RENEWED: 0, REORGANIZED: 0 };
    let waiting = 0;
    for (const studio of seen.values()) {
      const history = new Set((studio.statusHistory as any[]).map((c) => c.to));
      const results = (kind: string) =>
        (studio.assessments as any[]).filter((a) => a.round.kind === kind && a.result);
      const kinds = (a: any) => Object.fromEntries(a.consequences.map((c: any) => [c.kind, c.state]));
      const grades = (studio.assessments as any[]).flatMap((a) => (a.result ? [a.result.grade] : []));
      for (const status of Object.keys(told) as (keyof typeof told)[])
        if (history.has(status)) told[status] += 1;
      // 基本合格 only where the studio was told to rectify; 不合格 only where it was revoked or reorganised.
      expect(grades.includes('BASIC')).toBe(history.has('RECTIFYING'));
      expect(grades.includes('UNQUALIFIED')).toBe(history.has('REVOKED') || history.has('REORGANIZED'));
      if (history.has('RECTIFYING')) {
        const [basic] = results('ANNUAL').filter((a) => a.result.grade === 'BASIC');
        expect(kinds(basic)).toEqual({ RECTIFY: 'APPLIED', FOLLOW_UP: 'APPLIED' });
        const followUp = (studio.assessments as any[]).find((a) => a.round.kind === 'FOLLOW_UP');
        expect(followUp.status).toBe(studio.status === 'REVOKED' ? 'CONCLUDED' : 'OPEN');
      }
      if (studio.status === 'RECTIFYING') expect(studio.latestGrade).toBe('BASIC');
      if (studio.status === 'REVOKED') {
        expect(studio.latestGrade).toBe('UNQUALIFIED');
        expect(kinds(results('FOLLOW_UP')[0])).toEqual({ REVOKE: 'APPLIED', FREEZE_FUNDS: 'APPLIED' });
      }
      const [termEnd] = results('TERM_END');
      if (history.has('REORGANIZED')) expect(kinds(termEnd)).toEqual({ REORGANISE: 'APPLIED' });
      if (history.has('RENEWED')) expect(kinds(termEnd)).toMatchObject({ RETAIN: 'APPLIED' });
      if (studio.status === 'CONCLUDED') {
        // Waiting for the decision on its next cycle: the office has not finalised its term-end result.
        const open = (studio.assessments as any[]).filter((a) => a.round.kind === 'TERM_END');
        expect(open).toEqual([expect.objectContaining({ status: 'OPEN', result: null, consequences: [] })]);
        waiting += 1;
      }
      for (const a of studio.assessments as any[]) {
        expect(a.status).toBe(a.result ? 'CONCLUDED' : 'OPEN');
        // Carried out at once by evaluation or by the workshop's and finance's consumers.
        for (const c of a.consequences) expect(c.state).toBe('APPLIED');
      }
    }
    expect(Object.values(told).every((n) => n > 0)).toBe(true);
    expect(waiting).toBeGreaterThan(0);
  });

  it("shows 安宁 its scheme's two versions: 27 C-level indicators cut to 19", async () => {
    const anning = { role: Role.COUNTY_OFFICE, region: '530181' };
    const schemes = await system.gql(
      anning,
      `{ assessmentSchemes(filter: { regionCode: "530181" }) { nodes { id version status leafCount comments { body } } } }`,
    );
    expect(schemes.errors).toBeUndefined();
    const versions = (schemes.data!.assessmentSchemes.nodes as any[]).sort((a, b) => a.version - b.version);
    expect(versions.map((v) => [v.version, v.status, v.leafCount])).toEqual([
      [1, 'PUBLISHED', 27],
      [2, 'PUBLISHED', 19],
    ]);
    expect(versions[1].comments.length).toBeGreaterThan(0);
    const compared = await system.gql(
      anning,
      `query ($from: ID!, $to: ID!) { compareSchemeVersions(from: $from, to: $to) {
          fromLeafCount toLeafCount removed { title } added { title } reweighted { title } } }`,
      { from: versions[0].id, to: versions[1].id },
    );
    expect(compared.errors).toBeUndefined();
    const comparison = compared.data!.compareSchemeVersions;
    expect(comparison).toMatchObject({ fromLeafCount: 27, toLeafCount: 19, added: [] });
    expect(comparison.removed).toHaveLength(8);
    expect(comparison.reweighted.length).toBeGreaterThan(0);
  });
});

/** The services' indexes, constraints, triggers and row-level security, one line each, sorted. */
async function schemaOf(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ line: string }>(
    `WITH t AS (SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('personnel', 'workshop', 'finance', 'evaluation', 'reports')
                   AND c.relkind IN ('r', 'p'))
     SELECT pg_get_indexdef(i.indexrelid) AS line FROM pg_index i JOIN t ON t.oid = i.indrelid
     UNION ALL
     SELECT format('%s %s %s validated=%s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid),
                   c.convalidated)
       FROM pg_constraint c JOIN t ON t.oid = c.conrelid
     UNION ALL
     SELECT format('%s trigger %s enabled=%s', g.tgrelid::regclass, g.tgname, g.tgenabled)
       FROM pg_trigger g JOIN t ON t.oid = g.tgrelid WHERE NOT g.tgisinternal
     UNION ALL
     SELECT format('%s row security=%s forced=%s', c.oid::regclass, c.relrowsecurity, c.relforcerowsecurity)
       FROM pg_class c JOIN t ON t.oid = c.oid
     ORDER BY 1`,
  );
  return rows.map((row) => row.line);
}
