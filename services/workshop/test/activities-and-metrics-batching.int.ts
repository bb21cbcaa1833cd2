import { createTeacher } from '../../../test/harness/fixtures';
import { TestSystem } from '../../../test/harness/system';
import { foundStudio, officeOf, type Studio } from '../../../test/harness/workshop-fixtures';

/** A county front end's studio page with each studio's figures and latest activities. */
const PAGE = `query ($first: Int!) {
  workshops(first: $first, filter: { regionCode: "510403" }) {
    nodes {
      id
      metrics(period: { from: "2024-01-01", to: "2024-12-31" }) { activityCount teachersReached }
      activities(first: 5) { nodes { title participantCount } totalCount }
    }
  }
}`;

describe('a studio page with metrics and activities', () => {
  let system: TestSystem;
  const studios: Studio[] = [];

  beforeAll(async () => {
    system = await TestSystem.start();
    for (let i = 0; i < 55; i++) studios.push(await foundStudio(system));
    const guest = await createTeacher(system, studios[0]!.school, '510403');
    for (const [i, studio] of studios.entries()) {
      // Seven activities: more than the five a page shows, two outside the metrics period.
      for (let n = 0; n < 7; n++) {
        const r = await system.gql(
          studio.hostCaller,
          `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
          {
            input: {
              workshopId: studio.id,
              type: 'TEAM_STUDY',
              title: `研修 ${i}-${n}`,
              date: n < 5 ? `2024-0${n + 1}-15` : `2023-0${n}-15`,
              place: '本校',
              hoursCredited: 2,
              participantIds: n % 2 === 0 ? [studio.host.id, guest.id] : [studio.host.id],
            },
          },
        );
        expect(r.errors).toBeUndefined();
      }
    }
    // 55 studios and 385 activities through the gateway, one after another: about 30 s on a quiet
    // machine, past jest's default minute when the other worker's tests share the two cores.
  }, 180_000);
  afterAll(() => system?.stop());

  async function statementsFor(first: number): Promise<string[]> {
    system.workshop.queries.reset();
    const r = await system.gql(officeOf('COUNTY', '510403'), PAGE, { first });
    expect(r.errors).toBeUndefined();
    const nodes = r.data?.workshops.nodes;
    expect(nodes).toHaveLength(first);
    for (const node of nodes) {
      expect(node.metrics).toEqual({ activityCount: 5, teachersReached: 2 });
      expect(node.activities.totalCount).toBe(7);
      // Newest first: the five 2024 activities, May back to January.
      expect(node.activities.nodes.map((a: { participantCount: number }) => a.participantCount)).toEqual([
        2, 1, 2, 1, 2,
      ]);
    }
    return [...system.workshop.queries.statements];
  }

  it('sends the same SQL statements for 5 studios as for 50', async () => {
    const small = await statementsFor(5);
    const large = await statementsFor(50);
    expect(large.length).toBe(small.length);
    // Each kind of figure is one batched statement for the whole page, not one per studio.
    const count = (statements: string[], marker: string) =>
      statements.filter((s) => s.includes(marker)).length;
    expect(count(large, 'jsonb_object_agg')).toBe(1);
    expect(count(large, 'CROSS JOIN LATERAL')).toBe(1);
    expect(count(large, 'SELECT count(*) FROM workshop.activity')).toBe(1);
    // begin, scope, page, metrics, activity pages, activity counts, participants, commit.
    expect(large.length).toBeLessThanOrEqual(8);
  });

  it("writes an activity's participants in one multi-row INSERT, however many there are", async () => {
    // A studio of another county, so the page above stays as it was whatever order tests run in.
    const studio = await foundStudio(system, { countyCode: '510402' });
    const participants = [studio.host.id];
    for (let i = 0; i < 4; i++) participants.push((await createTeacher(system, studio.school, '510402')).id);
    system.workshop.queries.reset();
    const r = await system.gql(
      studio.hostCaller,
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { participantCount } }`,
      {
        input: {
          workshopId: studio.id,
          type: 'THEMED_RESEARCH',
          title: '全员主题教研',
          date: '2024-06-15',
          place: '本校',
          hoursCredited: 3,
          participantIds: participants,
        },
      },
    );
    expect(r.data?.recordActivity.participantCount).toBe(5);
    const inserts = system.workshop.queries.statements.filter((s) =>
      s.includes('INSERT INTO "workshop"."activity_participant"'),
    );
    expect(inserts).toHaveLength(1);
  });
});
