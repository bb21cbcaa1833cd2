import { NATIONWIDE, regionRange } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { createSchool, createTeacher } from '../../../test/harness/fixtures';
import { recordActivity } from '../../../test/harness/stats-fixtures';
import { TestSystem, type TokenRequest } from '../../../test/harness/system';
import { foundStudio, officeOf, type Studio } from '../../../test/harness/workshop-fixtures';

/**
 * teachersReached is counted from a per-year roll-up of the participations kept by triggers
 * (migration 1733040000000) for a period's whole months, and from the participations for the
 * rest. Whatever happens to the participations, the figure must stay what counting them directly
 * gives: after participants are added, removed or replaced, and after an activity moves across a
 * month, a year or to another county's studio — for whole years, whole months and any days.
 *
 * 西区 (510403) has studios A and B; 东区 (510402) has C. Each check asks both counties'
 * offices and compares with distinct teachers counted straight from the participation rows.
 */
const PERIODS = [
  { from: '2024-01-01', to: '2024-12-31' },
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2024-03-01', to: '2024-04-30' },
  { from: '2024-03-12', to: '2024-12-31' },
  { from: '2024-03-16', to: '2024-03-25' },
  { from: '2024-12-15', to: '2025-01-20' },
  { from: '2023-06-01', to: '2025-06-30' },
];
const COUNTIES = ['510403', '510402'];

const METRICS = `query ($period: PeriodInput!) { workshopMetrics(period: $period) { teachersReached } }`;
const BY_MONTH = `query ($period: PeriodInput!) {
  activityStats(period: $period, groupBy: [MONTH]) { month teachersReached } }`;
const BY_STUDIO_AND_YEAR = `query ($period: PeriodInput!) {
  activityStats(period: $period, groupBy: [WORKSHOP, YEAR]) { workshop { id } year teachersReached } }`;

describe('teachers reached, counted from the roll-up', () => {
  let system: TestSystem;
  let a: Studio;
  let b: Studio;
  let c: Studio;
  let t: string[];
  let east: string[];
  const activities: Record<string, string> = {};

  async function ok<T>(caller: TokenRequest, query: string, variables: Record<string, unknown>): Promise<T> {
    const r = await system.gql<T>(caller, query, variables);
    expect(r.errors).toBeUndefined();
    return r.data!;
  }

  /** Distinct teachers per group, counted straight from the participation rows (nationwide). */
  async function counted(
    county: string,
    period: { from: string; to: string },
    group: string,
  ): Promise<Record<string, number>> {
    const { lo, hi } = regionRange(county);
    const rows = (await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
      manager.query(
        `SELECT ${group} AS g, count(DISTINCT p.teacher_id)::int AS n
           FROM workshop.activity_participant p JOIN workshop.workshop w ON w.id = p.workshop_id
          WHERE w.region_code BETWEEN $1 AND $2 AND p.activity_date BETWEEN $3 AND $4
          GROUP BY 1`,
        [lo, hi, period.from, period.to],
      ),
    )) as { g: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.g, row.n]));
  }

  /** Every county's figures for every period, through the graph, against the direct count. */
  async function expectExactFigures(): Promise<void> {
    for (const county of COUNTIES) {
      const office = officeOf('COUNTY', county);
      for (const period of PERIODS) {
        const total = await counted(county, period, `'all'`);
        const metrics = await ok<{ workshopMetrics: { teachersReached: number } }>(office, METRICS, {
          period,
        });
        expect({ county, period, teachersReached: metrics.workshopMetrics.teachersReached }).toEqual({
          county,
          period,
          teachersReached: total.all ?? 0,
        });

        const months = await ok<{ activityStats: { month: string; teachersReached: number }[] }>(
          office,
          BY_MONTH,
          { period },
        );
        const monthly = await counted(county, period, `to_char(p.activity_date, 'YYYY-MM')`);
        expect({ county, period, months: reached(months.activityStats, (g) => g.month) }).toEqual({
          county,
          period,
          months: monthly,
        });

        const studios = await ok<{
          activityStats: { workshop: { id: string }; year: number; teachersReached: number }[];
        }>(office, BY_STUDIO_AND_YEAR, { period });
        const yearly = await counted(county, period, `w.id || ' ' || date_part('year', p.activity_date)`);
        expect({
          county,
          period,
          studios: reached(studios.activityStats, (g) => `${g.workshop.id} ${g.year}`),
        }).toEqual({
          county,
          period,
          studios: yearly,
        });
      }
    }
  }

  /** The groups that reached anyone, by name (a month's activities may have had no participant). */
  function reached<G extends { teachersReached: number }>(groups: G[], name: (g: G) => string) {
    return Object.fromEntries(
      groups.filter((g) => g.teachersReached > 0).map((g) => [name(g), g.teachersReached]),
    );
  }

  async function setParticipants(activity: string, studio: Studio, participantIds: string[]): Promise<void> {
    await ok(
      studio.hostCaller,
      `mutation ($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id } }`,
      { id: activity, input: { participantIds } },
    );
  }

  /** An activity corrected in the database (the graph does not move activities): its participations follow. */
  async function moveActivity(
    activity: string,
    change: { date?: string; workshopId?: string },
  ): Promise<void> {
    await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
      manager.query(
        `UPDATE workshop.activity SET date = coalesce($2::date, date), workshop_id = coalesce($3::uuid, workshop_id)
          WHERE id = $1`,
        [activity, change.date ?? null, change.workshopId ?? null],
      ),
    );
  }

  async function record(name: string, studio: Studio, date: string, participants: string[]): Promise<void> {
    activities[name] = await recordActivity(system, studio, {
      type: 'TEAM_STUDY',
      date,
      hours: 2,
      participants,
    });
  }

  beforeAll(async () => {
    system = await TestSystem.start();
    a = await foundStudio(system, { countyCode: '510403' });
    b = await foundStudio(system, { countyCode: '510403', school: a.school });
    c = await foundStudio(system, { countyCode: '510402' });
    t = [a.host.id];
    for (let i = 0; i < 6; i++) t.push((await createTeacher(system, a.school, '510403')).id);
    const eastSchool = await createSchool(system, '510402');
    east = [c.host.id, (await createTeacher(system, eastSchool, '510402')).id];
    await record('a0310', a, '2024-03-10', [t[0]!, t[1]!]);
    await record('a0320', a, '2024-03-20', [t[0]!]);
    await record('a1231', a, '2024-12-31', [t[2]!]);
    await record('a0101', a, '2025-01-01', [t[3]!]);
    // t0 takes part at both of 西区's studios: one teacher reached, not two.
    await record('b0315', b, '2024-03-15', [t[0]!, t[4]!]);
    await record('b0605', b, '2024-06-05', []);
    await record('c0310', c, '2024-03-10', east);
  });
  afterAll(() => system?.stop());

  it('counts each county its own studios, as counting the participations does', async () => {
    const west = officeOf('COUNTY', '510403');
    const year = await ok<{ workshopMetrics: { teachersReached: number } }>(west, METRICS, {
      period: PERIODS[0],
    });
    expect(year.workshopMetrics.teachersReached).toBe(4);
    const days = await ok<{ workshopMetrics: { teachersReached: number } }>(west, METRICS, {
      period: PERIODS[4],
    });
    expect(days.workshopMetrics.teachersReached).toBe(1);
    const eastYear = await ok<{ workshopMetrics: { teachersReached: number } }>(
      officeOf('COUNTY', '510402'),
      METRICS,
      {
        period: PERIODS[0],
      },
    );
    expect(eastYear.workshopMetrics.teachersReached).toBe(2);
    await expectExactFigures();
  });

  it('stays exact after participants are added, removed and replaced', async () => {
    await setParticipants(activities.a0310!, a, [t[0]!, t[1]!, t[5]!]);
    await setParticipants(activities.a1231!, a, []);
    // t1 out, t6 in: t1 is no longer reached in March, t6 is.
    await setParticipants(activities.a0310!, a, [t[0]!, t[5]!, t[6]!]);
    await setParticipants(activities.b0605!, b, [t[1]!]);
    await expectExactFigures();
  });

  it("stays exact after an activity's date moves across a month and a year", async () => {
    await moveActivity(activities.a0320!, { date: '2024-04-02' });
    await moveActivity(activities.a0101!, { date: '2024-12-30' });
    await moveActivity(activities.b0605!, { date: '2025-02-14' });
    await expectExactFigures();
  });

  it('stays exact after activities sharing participants are deleted in one statement', async () => {
    await record('a0405', a, '2024-04-05', [t[0]!, t[5]!]);
    await record('a0406', a, '2024-04-06', [t[0]!, t[5]!, t[6]!]);
    await withScopedTransaction(system.workshop.db, NATIONWIDE, (manager) =>
      manager.query(`DELETE FROM workshop.activity WHERE id = ANY ($1::uuid[])`, [
        [activities.a0405, activities.a0406],
      ]),
    );
    await expectExactFigures();
  });

  it("stays exact after an activity moves to another county's studio", async () => {
    await moveActivity(activities.b0315!, { workshopId: c.id });
    await expectExactFigures();
  });

  it("keeps the roll-up's rows to the studios a session may see and write", async () => {
    const west = regionRange('510403');
    const seen = (await withScopedTransaction(system.workshop.db, west, (manager) =>
      manager.query(`SELECT DISTINCT workshop_id FROM workshop.participation_year`),
    )) as { workshop_id: string }[];
    expect(seen.map((row) => row.workshop_id).sort()).toEqual([a.id, b.id].sort());
    await expect(
      withScopedTransaction(system.workshop.db, west, (manager) =>
        manager.query(
          `INSERT INTO workshop.participation_year (year, workshop_id, teacher_id, months) VALUES (2024, $1, $2, 1)`,
          [c.id, t[0]],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
