import { Client } from 'pg';
import { Role } from '@mingshi/auth';
import { addDays, chinaToday } from '@mingshi/graphql';
import { errorCodes } from '@mingshi/testing';
import {
  DRAFT_SCHEME,
  FINALISE,
  OPEN_ROUND,
  PUBLISH_SCHEME,
  SCHEME_FIELDS,
  assigned,
  evaluator,
  openedRound,
  publishedScheme,
  schemeContent,
  scored,
} from '../harness/evaluation-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

const READ_SCHEME = `query ($id: ID!) { assessmentScheme(id: $id) { ${SCHEME_FIELDS}
  versions { id version status } comments { indicatorCode body workshop { id } author { id } } } }`;
const REVISE = `mutation ($id: ID!, $input: AssessmentSchemeContentInput!) {
  reviseAssessmentScheme(id: $id, input: $input) { ${SCHEME_FIELDS} } }`;
const OPEN_FOR_COMMENT = `mutation ($id: ID!, $on: Date!) {
  openSchemeForComment(id: $id, commentsCloseOn: $on) { id status commentsCloseOn } }`;
const COMMENT = `mutation ($input: CommentOnSchemeInput!) {
  commentOnScheme(input: $input) { id indicatorCode body workshop { id } author { id } } }`;
const COMPARE = `query ($from: ID!, $to: ID!) { compareSchemeVersions(from: $from, to: $to) {
  from { version } to { version } added { code title maxScore } removed { code title maxScore }
  reweighted { code title fromMaxScore toMaxScore } fromLeafCount toLeafCount } }`;
const LIST = `query ($filter: AssessmentSchemeFilter) { assessmentSchemes(filter: $filter, first: 100) {
  totalCount nodes { id schemeKey version status level region { code } } } }`;
const ROUND_SCHEME = `query ($id: ID!) { assessment(id: $id) {
  result { total grade indicatorScores { indicatorCode score maxScore } }
  round { scheme { id version indicators { children { children { code maxScore } } } } } } }`;

/** A county's education office, with a user id to recognise in `publishedBy`. */
const county = (code: string): TokenRequest => ({
  role: Role.COUNTY_OFFICE,
  region: code,
  userId: `office-${code}`,
});
const city = (code: string): TokenRequest => ({ role: Role.CITY_OFFICE, region: code });
const analyst = (code: string): TokenRequest => ({ role: Role.ANALYST, region: code });

const tomorrow = () => addDays(chinaToday(), 1);

/**
 * `schemeContent()` as its next version says it: 团队研修质量 cut, 研修成果 added after what is
 * left of its B (so 研修活动次数 moves from C2 to C1), and 经费管理规范 re-weighted from 30 to 40.
 */
function nextVersionContent() {
  const [team, money] = schemeContent().indicators as any[];
  const activities = team.children[0].children[1];
  const [rules, rate] = money.children[0].children;
  return schemeContent({
    indicators: [
      {
        ...team,
        children: [
          {
            ...team.children[0],
            children: [activities, { title: '研修成果', maxScore: '10', source: 'EXPERT' }],
          },
        ],
      },
      { ...money, children: [{ ...money.children[0], children: [{ ...rules, maxScore: '40' }, rate] }] },
    ],
  });
}

/** Schemes through the gateway: drafting, comments, publishing and freezing, versions. */
describe('assessment schemes', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function drafted(
    office: TokenRequest,
    input: Record<string, unknown> = { content: schemeContent() },
  ) {
    const r = await system.gql(office, DRAFT_SCHEME, { input });
    if (!r.data?.draftAssessmentScheme) throw new Error(`draft failed: ${JSON.stringify(r.errors)}`);
    return r.data.draftAssessmentScheme;
  }

  /**
   * Runs SQL as the tables' owner, below the graph. Row-level security is forced on the owner too,
   * so the connection takes a county's scope first, as a request's transaction would.
   */
  async function asOwner<T>(countyCode: string, work: (owner: Client) => Promise<T>): Promise<T> {
    const owner = new Client({ connectionString: system.database.ownerUrl });
    await owner.connect();
    try {
      await owner.query(
        `SELECT set_config('mingshi.scope_lo', $1, false), set_config('mingshi.scope_hi', $1, false)`,
        [countyCode],
      );
      return await work(owner);
    } finally {
      await owner.end();
    }
  }

  async function openedForComment(office: TokenRequest, id: string) {
    const r = await system.gql(office, OPEN_FOR_COMMENT, { id, on: tomorrow() });
    if (r.errors) throw new Error(`openSchemeForComment failed: ${JSON.stringify(r.errors)}`);
  }

  it('drafts version 1 for the office’s own level and county, coded and totalled', async () => {
    const scheme = await drafted(county('510402'));
    expect(scheme).toMatchObject({
      version: 1,
      level: 'COUNTY',
      region: { code: '510402' },
      status: 'DRAFT',
      totalScore: '100.00',
      leafCount: 4,
      combination: 'TRIMMED_MEAN',
      gradeThresholds: { excellent: '85.00', qualified: '70.00', basic: '60.00' },
      commentsCloseOn: null,
      publishedBy: null,
    });
    const [a1, a2] = scheme.indicators;
    expect([a1.code, a1.level, a1.maxScore]).toEqual(['A1', 'A', '50.00']);
    expect([a1.children[0].code, a1.children[0].level, a1.children[0].maxScore]).toEqual([
      'A1.B1',
      'B',
      '50.00',
    ]);
    expect(a1.children[0].children.map((c: any) => [c.code, c.level, c.maxScore, c.source])).toEqual([
      ['A1.B1.C1', 'C', '30.00', 'EXPERT'],
      ['A1.B1.C2', 'C', '20.00', 'COMPUTED'],
    ]);
    expect(a2.children[0].children[1]).toMatchObject({
      code: 'A2.B1.C2',
      rule: {
        metric: 'BUDGET_EXECUTION_RATE',
        method: 'AT_LEAST',
        target: null,
        steps: [
          { value: 0.5, points: '10.00' },
          { value: 0.8, points: '20.00' },
        ],
      },
    });

    const byCity = await drafted(city('510400'));
    expect(byCity).toMatchObject({ version: 1, level: 'CITY', region: { code: '510400' } });
    expect(byCity.schemeKey).not.toBe(scheme.schemeKey);
  });

  it('refuses a draft with BAD_USER_INPUT naming every bad field', async () => {
    const content = schemeContent({
      name: '  ',
      gradeThresholds: { excellent: '90', qualified: '95', basic: '60' },
      indicators: [
        {
          title: '团队建设',
          maxScore: '10',
          children: [{ title: '研修', children: [{ title: '质量', maxScore: '30' }] }],
        },
        {
          title: '经费管理',
          children: [
            {
              title: '经费使用',
              children: [
                {
                  title: '活动次数',
                  maxScore: '20',
                  source: 'COMPUTED',
                  rule: { metric: 'ACTIVITIES', method: 'AT_MOST', steps: [{ value: 5, points: '25' }] },
                },
              ],
            },
          ],
        },
      ],
    });
    const r = await system.gql(county('510402'), DRAFT_SCHEME, { input: { content } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const leaf = (a: number) => `input.content.indicators[${a}].children[0].children[0]`;
    expect(r.errors![0]!.extensions!.fields.map((f: any) => f.field)).toEqual([
      'input.content.name',
      'input.content.indicators[0].maxScore',
      `${leaf(0)}.source`,
      `${leaf(1)}.rule.method`,
      `${leaf(1)}.rule.steps[0].points`,
      'input.content.gradeThresholds',
    ]);

    const aboveTotal = await system.gql(county('510402'), DRAFT_SCHEME, {
      input: {
        content: schemeContent({ gradeThresholds: { excellent: '100.01', qualified: '70', basic: '60' } }),
      },
    });
    expect(aboveTotal.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.content.gradeThresholds',
    });
    // Score is a decimal string: a number, even a round one, is not a score.
    for (const excellent of [85, '85.001', '1000.01']) {
      const r = await system.gql(county('510402'), DRAFT_SCHEME, {
        input: { content: schemeContent({ gradeThresholds: { excellent, qualified: '70', basic: '60' } }) },
      });
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    }
    const noIndicators = await system.gql(county('510402'), DRAFT_SCHEME, {
      input: { content: schemeContent({ indicators: [] }) },
    });
    expect(noIndicators.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.content.indicators',
    });
  });

  it('lets only an education office draft a scheme', async () => {
    const studio = await foundStudio(system, { countyCode: '510402' });
    for (const caller of [studio.hostCaller, analyst('510402'), analyst('510000')]) {
      const r = await system.gql(caller, DRAFT_SCHEME, { input: { content: schemeContent() } });
      expect(errorCodes(r)).toEqual(['FORBIDDEN']);
    }
  });

  it('shows a draft to the office and the offices above it, to nobody else until it is open for comment', async () => {
    const office = county('510402');
    const studio = await foundStudio(system, { countyCode: '510402' });
    const { id } = await drafted(office);
    const read = (as: TokenRequest) => system.gql(as, READ_SCHEME, { id });
    for (const reader of [office, city('510400'), { role: Role.PROVINCE_OFFICE, region: '510000' }]) {
      expect((await read(reader)).data?.assessmentScheme?.id).toBe(id);
    }
    for (const outsider of [studio.hostCaller, analyst('510402'), analyst('510400'), county('510403')]) {
      expect(errorCodes(await read(outsider))).toEqual(['NOT_FOUND']);
    }
    const hostList = await system.gql(studio.hostCaller, LIST, {});
    expect(hostList.data!.assessmentSchemes.nodes.map((s: any) => s.id)).not.toContain(id);

    await openedForComment(office, id);
    for (const reader of [studio.hostCaller, analyst('510402')]) {
      expect((await read(reader)).data?.assessmentScheme).toMatchObject({ id, status: 'OPEN_FOR_COMMENT' });
    }
    expect(errorCodes(await read(county('510403')))).toEqual(['NOT_FOUND']);
  });

  it('revises a draft’s content, recoding it, only as the scheme’s own office', async () => {
    const office = county('510402');
    const { id } = await drafted(office);
    const revised = await system.gql(office, REVISE, {
      id,
      input: { ...nextVersionContent(), name: '工作室年度考核方案（修订稿）' },
    });
    expect(revised.errors).toBeUndefined();
    expect(revised.data!.reviseAssessmentScheme).toMatchObject({
      id,
      version: 1,
      status: 'DRAFT',
      name: '工作室年度考核方案（修订稿）',
      totalScore: '90.00',
      leafCount: 4,
    });
    const leaves = revised.data!.reviseAssessmentScheme.indicators.flatMap((a: any) =>
      a.children.flatMap((b: any) => b.children.map((c: any) => [c.code, c.title, c.maxScore])),
    );
    expect(leaves).toEqual([
      ['A1.B1.C1', '研修活动次数', '20.00'],
      ['A1.B1.C2', '研修成果', '10.00'],
      ['A2.B1.C1', '经费管理规范', '40.00'],
      ['A2.B1.C2', '预算执行率', '20.00'],
    ]);

    // The content is the operation's `input` here, not `input.content`.
    const bad = await system.gql(office, REVISE, { id, input: schemeContent({ name: '' }) });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(errorCodes(await system.gql(city('510400'), REVISE, { id, input: schemeContent() }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await system.gql(county('510403'), REVISE, { id, input: schemeContent() }))).toEqual([
      'NOT_FOUND',
    ]);
    const kept = await system.gql(office, READ_SCHEME, { id });
    expect(kept.data!.assessmentScheme.name).toBe('工作室年度考核方案（修订稿）');
  });

  it('opens a draft for comment until a day after today', async () => {
    const office = county('510402');
    const { id } = await drafted(office);
    for (const on of [chinaToday(), addDays(chinaToday(), -1)]) {
      const r = await system.gql(office, OPEN_FOR_COMMENT, { id, on });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'commentsCloseOn' });
    }
    expect(errorCodes(await system.gql(city('510400'), OPEN_FOR_COMMENT, { id, on: tomorrow() }))).toEqual([
      'FORBIDDEN',
    ]);
    const r = await system.gql(office, OPEN_FOR_COMMENT, { id, on: tomorrow() });
    expect(r.data?.openSchemeForComment).toEqual({
      id,
      status: 'OPEN_FOR_COMMENT',
      commentsCloseOn: tomorrow(),
    });
  });

  it('takes comments from the hosts of the studios it assesses, each seeing their own', async () => {
    const office = county('510403');
    const studio = await foundStudio(system, { countyCode: '510403' });
    const neighbour = await foundStudio(system, { countyCode: '510403' });
    const { id } = await drafted(office);
    await openedForComment(office, id);
    const comment = (as: TokenRequest, input: Record<string, unknown>) =>
      system.gql(as, COMMENT, { input: { schemeId: id, workshopId: studio.id, body: '建议', ...input } });

    const onScheme = await comment(studio.hostCaller, { body: '建议增加送教下乡指标' });
    expect(onScheme.errors).toBeUndefined();
    expect(onScheme.data!.commentOnScheme).toMatchObject({
      indicatorCode: null,
      body: '建议增加送教下乡指标',
      workshop: { id: studio.id },
      author: { id: studio.host.id },
    });
    const onIndicator = await comment(studio.hostCaller, {
      indicatorCode: 'A1.B1.C2',
      body: '活动次数目标偏高',
    });
    expect(onIndicator.data?.commentOnScheme.indicatorCode).toBe('A1.B1.C2');
    const byNeighbour = await comment(neighbour.hostCaller, { workshopId: neighbour.id, body: '同意' });
    expect(byNeighbour.errors).toBeUndefined();

    const unknown = await comment(studio.hostCaller, { indicatorCode: 'A9.B9.C9' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.indicatorCode',
    });
    // A host comments for their own studio only.
    expect(errorCodes(await comment(neighbour.hostCaller, {}))).toEqual(['FORBIDDEN']);
    // Another county's scheme is not theirs to read, so not theirs to comment on.
    const elsewhere = await foundStudio(system, { countyCode: '510411' });
    const foreign = await comment(elsewhere.hostCaller, { workshopId: elsewhere.id });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.schemeId' });

    const bodies = async (as: TokenRequest) =>
      (await system.gql(as, READ_SCHEME, { id })).data!.assessmentScheme.comments.map((c: any) => c.body);
    expect(await bodies(office)).toEqual(['建议增加送教下乡指标', '活动次数目标偏高', '同意']);
    expect(await bodies(city('510400'))).toHaveLength(3);
    expect(await bodies(studio.hostCaller)).toEqual(['建议增加送教下乡指标', '活动次数目标偏高']);
    expect(await bodies(neighbour.hostCaller)).toEqual(['同意']);
  });

  it('refuses comments from studios of another level than the scheme assesses', async () => {
    const cityOffice = city('510400');
    const studio = await foundStudio(system, { countyCode: '510403' });
    const { id } = await drafted(cityOffice);
    await openedForComment(cityOffice, id);
    // A county studio's host reads the city's scheme, but it assesses city studios.
    const r = await system.gql(studio.hostCaller, COMMENT, {
      input: { schemeId: id, workshopId: studio.id, body: '建议' },
    });
    expect(errorCodes(r)).toEqual(['FORBIDDEN']);
  });

  it('takes no comment on a draft, after the closing day or on a published version', async () => {
    const office = county('510403');
    const studio = await foundStudio(system, { countyCode: '510403' });
    const { id } = await drafted(office);
    const comment = () =>
      system.gql(studio.hostCaller, COMMENT, {
        input: { schemeId: id, workshopId: studio.id, body: '建议' },
      });
    // A draft is the office's working paper: to a host it does not exist.
    expect(errorCodes(await comment())).toEqual(['NOT_FOUND']);

    await openedForComment(office, id);
    expect((await comment()).errors).toBeUndefined();
    // Days pass only in the database: the closing day is moved back to yesterday.
    const moved = await asOwner('510403', (owner) =>
      owner.query(`UPDATE evaluation.assessment_scheme SET comments_close_on = $2 WHERE id = $1`, [
        id,
        addDays(chinaToday(), -1),
      ]),
    );
    expect(moved.rowCount).toBe(1);
    const late = await comment();
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0]!.message).toMatch(/closed on/);

    await system.gql(office, PUBLISH_SCHEME, { id });
    expect(errorCodes(await comment())).toEqual(['CONFLICT']);
    const kept = await system.gql(office, READ_SCHEME, { id });
    expect(kept.data!.assessmentScheme.comments).toHaveLength(1);
  });

  it('freezes a published version, in the graph and in the database', async () => {
    const office = county('510402');
    const { id } = await drafted(office);
    expect(errorCodes(await system.gql(city('510400'), PUBLISH_SCHEME, { id }))).toEqual(['FORBIDDEN']);
    const published = await system.gql(office, PUBLISH_SCHEME, { id });
    expect(published.data?.publishAssessmentScheme).toMatchObject({
      id,
      status: 'PUBLISHED',
      publishedBy: 'office-510402',
    });

    const revise = await system.gql(office, REVISE, { id, input: schemeContent({ name: '改' }) });
    expect(errorCodes(revise)).toEqual(['CONFLICT']);
    expect(errorCodes(await system.gql(office, OPEN_FOR_COMMENT, { id, on: tomorrow() }))).toEqual([
      'CONFLICT',
    ]);
    expect(errorCodes(await system.gql(office, PUBLISH_SCHEME, { id }))).toEqual(['CONFLICT']);

    await asOwner('510402', async (owner) => {
      for (const sql of [
        `UPDATE evaluation.assessment_scheme SET name = '改' WHERE id = $1`,
        `DELETE FROM evaluation.assessment_scheme WHERE id = $1`,
      ]) {
        await expect(owner.query(sql, [id])).rejects.toMatchObject({
          code: '23514',
          message: expect.stringContaining('published and frozen'),
        });
      }
    });
    const read = await system.gql(office, READ_SCHEME, { id });
    expect(read.data!.assessmentScheme).toMatchObject({ name: '工作室年度考核方案', status: 'PUBLISHED' });
  });

  it('drafts the next version of a scheme, lists its versions and compares them', async () => {
    const office = county('510402');
    const v1 = await publishedScheme(system, office);
    const v2 = await drafted(office, { basedOnId: v1, content: nextVersionContent() });
    const first = (await system.gql(office, READ_SCHEME, { id: v1 })).data!.assessmentScheme;
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', schemeKey: first.schemeKey, leafCount: 4 });

    expect(first.versions).toEqual([
      { id: v1, version: 1, status: 'PUBLISHED' },
      { id: v2.id, version: 2, status: 'DRAFT' },
    ]);
    // The draft is the office's; a host of the county sees the published version alone.
    const studio = await foundStudio(system, { countyCode: '510402' });
    const hostView = await system.gql(studio.hostCaller, READ_SCHEME, { id: v1 });
    expect(hostView.data!.assessmentScheme.versions.map((v: any) => v.version)).toEqual([1]);

    const compared = await system.gql(office, COMPARE, { from: v1, to: v2.id });
    expect(compared.errors).toBeUndefined();
    expect(compared.data!.compareSchemeVersions).toEqual({
      from: { version: 1 },
      to: { version: 2 },
      // Matched by title: 研修活动次数 moved from C2 to C1 and is neither added nor removed.
      removed: [{ code: 'A1.B1.C1', title: '团队研修质量', maxScore: '30.00' }],
      added: [{ code: 'A1.B1.C2', title: '研修成果', maxScore: '10.00' }],
      reweighted: [
        { code: 'A1', title: '团队建设', fromMaxScore: '50.00', toMaxScore: '30.00' },
        { code: 'A1.B1', title: '研修与活动', fromMaxScore: '50.00', toMaxScore: '30.00' },
        { code: 'A2', title: '经费管理', fromMaxScore: '50.00', toMaxScore: '60.00' },
        { code: 'A2.B1', title: '经费使用', fromMaxScore: '50.00', toMaxScore: '60.00' },
        { code: 'A2.B1.C1', title: '经费管理规范', fromMaxScore: '30.00', toMaxScore: '40.00' },
      ],
      fromLeafCount: 4,
      toLeafCount: 4,
    });

    const other = await publishedScheme(system, office);
    const mixed = await system.gql(office, COMPARE, { from: v1, to: other });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    const hidden = await system.gql(studio.hostCaller, COMPARE, { from: v1, to: v2.id });
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'to' });
    // Only the scheme's office drafts its next version.
    const byNeighbour = await system.gql(county('510403'), DRAFT_SCHEME, {
      input: { basedOnId: v1, content: schemeContent() },
    });
    expect(byNeighbour.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.basedOnId',
    });
    const byCity = await system.gql(city('510400'), DRAFT_SCHEME, {
      input: { basedOnId: v1, content: schemeContent() },
    });
    expect(errorCodes(byCity)).toEqual(['FORBIDDEN']);
  });

  it('never changes an assessment made under an earlier version', async () => {
    const studio = await foundStudio(system, { countyCode: '510411' });
    const v1 = await publishedScheme(system, studio.office);
    const round = await openedRound(system, studio.office, v1, { year: 2024 });
    const assessmentId = round.assessments.get(studio.id)!;
    const expert = await evaluator(system, '510411');
    await assigned(system, studio.office, assessmentId, [expert]);
    await scored(system, expert, assessmentId, '30');
    const finalised = await system.gql(studio.office, FINALISE, { id: assessmentId });
    expect(finalised.data?.finaliseAssessment.result).toMatchObject({ total: '60.00', grade: 'BASIC' });

    // Version 2 weighs the expert indicators 40 and 20 instead of 30 and 30.
    const heavier = schemeContent() as any;
    heavier.indicators[0].children[0].children[0].maxScore = '40';
    heavier.indicators[1].children[0].children[0].maxScore = '20';
    const v2 = await drafted(studio.office, { basedOnId: v1, content: heavier });
    expect((await system.gql(studio.office, PUBLISH_SCHEME, { id: v2.id })).errors).toBeUndefined();

    const after = (await system.gql(studio.office, ROUND_SCHEME, { id: assessmentId })).data!.assessment;
    expect(after.result.total).toBe('60.00');
    expect(after.result.indicatorScores.map((s: any) => [s.indicatorCode, s.score, s.maxScore])).toEqual([
      ['A1.B1.C1', '30.00', '30.00'],
      ['A1.B1.C2', '0.00', '20.00'],
      ['A2.B1.C1', '30.00', '30.00'],
      ['A2.B1.C2', '0.00', '20.00'],
    ]);
    expect(after.round.scheme).toMatchObject({ id: v1, version: 1 });
    expect(after.round.scheme.indicators[0].children[0].children[0]).toEqual({
      code: 'A1.B1.C1',
      maxScore: '30.00',
    });

    // The next year's round assesses under version 2, where 35 is within the maximum.
    const next = await openedRound(system, studio.office, v2.id, { year: 2025 });
    const nextId = next.assessments.get(studio.id)!;
    await assigned(system, studio.office, nextId, [expert]);
    await scored(system, expert, nextId, '20');
    const r = await system.gql(
      expert,
      `mutation ($input: ScoreAssessmentInput!) { scoreAssessment(input: $input) { id } }`,
      {
        input: { assessmentId: nextId, scores: [{ indicatorCode: 'A1.B1.C1', score: '35' }] },
      },
    );
    expect(r.errors).toBeUndefined();
    const nextRound = (await system.gql(studio.office, ROUND_SCHEME, { id: nextId })).data!.assessment.round;
    expect(nextRound.scheme).toMatchObject({ id: v2.id, version: 2 });
  });

  it('opens rounds only under a published scheme of the office’s own level', async () => {
    const office = county('510421');
    await foundStudio(system, { countyCode: '510421' });
    const open = (schemeId: string) =>
      system.gql(office, OPEN_ROUND, {
        input: {
          schemeId,
          kind: 'ANNUAL',
          title: '2023年度工作室考核',
          period: { from: '2023-01-01', to: '2023-12-31' },
          deadline: `${new Date().getFullYear() + 1}-12-31`,
        },
      });

    const draft = await drafted(office);
    const onDraft = await open(draft.id);
    expect(errorCodes(onDraft)).toEqual(['CONFLICT']);
    expect(onDraft.errors![0]!.message).toMatch(/DRAFT/);
    await openedForComment(office, draft.id);
    expect(errorCodes(await open(draft.id))).toEqual(['CONFLICT']);

    const citySchemeId = await publishedScheme(system, city('510400'));
    const provinceSchemeId = await publishedScheme(system, { role: Role.PROVINCE_OFFICE, region: '510000' });
    for (const schemeId of [citySchemeId, provinceSchemeId]) {
      expect(errorCodes(await open(schemeId))).toEqual(['FORBIDDEN']);
    }
    const neighbours = await publishedScheme(system, county('510422'));
    expect((await open(neighbours)).errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.schemeId',
    });

    expect(errorCodes(await system.gql(office, PUBLISH_SCHEME, { id: draft.id }))).toEqual([]);
    const opened = await open(draft.id);
    expect(opened.data?.openAssessmentRound.scheme).toEqual({ id: draft.id, version: 1 });
  });

  it('lists the schemes the caller may see, filtered by status, key and level', async () => {
    const office = county('510422');
    const list = async (as: TokenRequest, filter: Record<string, unknown> = {}) => {
      const r = await system.gql(as, LIST, { filter });
      if (!r.data) throw new Error(JSON.stringify(r.errors));
      return r.data.assessmentSchemes.nodes as {
        id: string;
        version: number;
        status: string;
        level: string;
      }[];
    };
    const draft = await drafted(office);
    const v1 = await publishedScheme(system, office);
    const v2 = await drafted(office, { basedOnId: v1, content: nextVersionContent() });
    const cityScheme = await publishedScheme(system, city('510400'));
    const schemeKey = v2.schemeKey;

    expect((await list(office, { schemeKey })).map((s) => [s.version, s.status])).toEqual([
      [2, 'DRAFT'],
      [1, 'PUBLISHED'],
    ]);
    const published = await list(office, { status: 'PUBLISHED' });
    expect(published.every((s) => s.status === 'PUBLISHED')).toBe(true);
    expect(published.map((s) => s.id)).toEqual(expect.arrayContaining([v1, cityScheme]));
    expect(published.map((s) => s.id)).not.toContain(draft.id);
    // A county follows the schemes of the city and province above it.
    const cityLevel = await list(office, { level: 'CITY' });
    expect(cityLevel.map((s) => s.id)).toContain(cityScheme);
    expect(cityLevel.every((s) => s.level === 'CITY')).toBe(true);
    // Filtered by its city or province, a county still sees the city's scheme beside its own.
    for (const regionCode of ['510400', '510000']) {
      const ids = (await list(office, { regionCode, status: 'PUBLISHED' })).map((s) => s.id);
      expect([regionCode, ids]).toEqual([regionCode, expect.arrayContaining([v1, cityScheme])]);
    }

    const studio = await foundStudio(system, { countyCode: '510422' });
    expect((await list(studio.hostCaller, { schemeKey })).map((s) => s.version)).toEqual([1]);
    expect((await list(county('510421'), { schemeKey })).map((s) => s.version)).toEqual([]);

    const outside = await system.gql(office, LIST, { filter: { regionCode: '510403' } });
    expect(outside.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'filter.regionCode' });
    const malformed = await system.gql(office, LIST, { filter: { regionCode: '5104' } });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.regionCode',
    });
  });
});
