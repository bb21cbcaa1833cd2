import { Role } from '@mingshi/auth';
import {
  FINALISE,
  assigned,
  evaluator,
  expertOnlyContent,
  openedRound,
  publishedScheme,
  scored,
} from '../../../test/harness/evaluation-fixtures';
import { TestSystem } from '../../../test/harness/system';
import { foundStudio } from '../../../test/harness/workshop-fixtures';

const COUNTY = { role: Role.COUNTY_OFFICE, region: '510403' };

/** The county's assessment page: each studio with its grade and its assessments' rows. */
const STUDIOS = `query ($first: Int!) {
  workshops(first: $first, filter: { regionCode: "510403" }) {
    nodes {
      id latestGrade
      assessments {
        id status round { kind scheme { name version } } evaluators { id } selfReport { summary }
        expertScores { score } result { total grade indicatorScores { indicatorCode score } }
        resultHistory { finalisation } consequences { kind state }
      }
    }
  }
}`;

/** A round's ranking, each entry with its assessment and studio. */
const RANKING = `query ($roundId: ID!, $first: Int!) {
  roundRanking(roundId: $roundId, first: $first) {
    nodes { rank total grade assessment { id workshop { id } consequences { kind } result { grade } } }
  }
}`;

describe('pages of assessments', () => {
  let system: TestSystem;
  let roundId: string;

  beforeAll(async () => {
    system = await TestSystem.start();
    const studios = [];
    for (let i = 0; i < 12; i++) {
      studios.push(await foundStudio(system, { name: `考核工作室${String(i).padStart(2, '0')}` }));
    }
    const schemeId = await publishedScheme(system, studios[0]!.office, expertOnlyContent());
    const round = await openedRound(system, studios[0]!.office, schemeId, { year: 2025 });
    roundId = round.id;
    const expert = await evaluator(system, '510403');
    for (const [i, studio] of studios.entries()) {
      const assessmentId = round.assessments.get(studio.id)!;
      await assigned(system, studio.office, assessmentId, [expert]);
      await scored(system, expert, assessmentId, String(25 + i * 2));
      await system.gql(studio.office, FINALISE, { id: assessmentId });
    }
  }, 240_000);
  afterAll(() => system?.stop());

  async function statementsFor(
    query: string,
    variables: Record<string, unknown>,
    rows: (data: any) => unknown[],
  ) {
    system.evaluation.queries.reset();
    const r = await system.gql(COUNTY, query, variables);
    expect(r.errors).toBeUndefined();
    expect(rows(r.data)).toHaveLength(variables.first as number);
    return system.evaluation.queries.count;
  }

  it('sends the same number of evaluation SQL statements for 3 studios as for 12', async () => {
    const page = (data: any) => data.workshops.nodes;
    const small = await statementsFor(STUDIOS, { first: 3 }, page);
    const large = await statementsFor(STUDIOS, { first: 12 }, page);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(14);
  });

  it('ranks a round with the same statements for 3 entries as for 12', async () => {
    const page = (data: any) => data.roundRanking.nodes;
    const small = await statementsFor(RANKING, { roundId, first: 3 }, page);
    const large = await statementsFor(RANKING, { roundId, first: 12 }, page);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
  });
});
