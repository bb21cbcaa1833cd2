import { randomUUID } from 'node:crypto';
import { Role } from '@mingshi/auth';
import { errorCodes } from '@mingshi/testing';
import { chinaToday } from '@mingshi/graphql';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

/** 西区 (510403) and 东区 (510402) are counties of 攀枝花市 (510400). */
const RECORD = `mutation ($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    id type title date place hoursCredited viewCount participantCount
    targetSchool { id name }
    participants { id name }
    resources { title url kind }
    workshop { id }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateActivityInput!) {
  updateActivity(id: $id, input: $input) { id title place hoursCredited viewCount participantCount participants { id } resources { url } }
}`;
const ACTIVITIES = `query ($id: ID!, $filter: ActivityFilter, $first: Int, $after: String) {
  workshop(id: $id) {
    activities(filter: $filter, first: $first, after: $after) {
      nodes { id title date type }
      pageInfo { hasNextPage hasPreviousPage endCursor }
      totalCount
    }
  }
}`;

function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

describe('studio activities', () => {
  let system: TestSystem;
  let studio: Studio;
  let other: Studio;
  let rural: { id: string; name: string };
  let weak: { id: string; name: string };
  let plain: { id: string };
  let eastRural: { id: string };
  let teachers: { id: string; name: string }[];
  let eastTeacher: { id: string };

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system, { name: '西区小学数学名师工作室' });
    other = await foundStudio(system, { name: '西区小学语文名师工作室' });
    rural = await createSchool(system, '510403', { name: '格里坪镇中心小学', rural: true });
    weak = await createSchool(system, '510403', { name: '西区第二小学', weak: true });
    plain = await createSchool(system, '510403', { name: '西区实验小学' });
    eastRural = await createSchool(system, '510402', { rural: true });
    teachers = [];
    for (let i = 0; i < 3; i++) teachers.push(await createTeacher(system, studio.school, '510403'));
    eastTeacher = await createTeacher(system, eastRural, '510402');
  });
  afterAll(() => system?.stop());

  const activity = (overrides: Record<string, unknown> = {}) => ({
    workshopId: studio.id,
    type: 'THEMED_RESEARCH',
    title: '大单元教学主题教研',
    date: '2024-05-10',
    place: '攀枝花市第三小学',
    hoursCredited: 3.5,
    participantIds: [teachers[0]!.id, teachers[1]!.id],
    ...overrides,
  });

  async function countOf(workshopId: string): Promise<number> {
    const r = await system.gql(studio.office, ACTIVITIES, { id: workshopId });
    expect(r.errors).toBeUndefined();
    return r.data?.workshop.activities.totalCount;
  }

  async function refusal(caller: TokenRequest, input: Record<string, unknown>) {
    const r = await system.gql(caller, RECORD, { input });
    expect(r.data).toBeNull();
    expect(r.errors).toHaveLength(1);
    const error = r.errors![0]!;
    return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
  }

  it('records every kind of activity, with participants and materials, names coming from personnel', async () => {
    const kinds = [
      'THEMED_RESEARCH',
      'TEAM_STUDY',
      'EXPERT_LECTURE',
      'SHADOWING',
      'EXTERNAL_TRAINING',
      'LIVE_STREAM',
      'DEMONSTRATION_LESSON',
      'OTHER',
    ];
    for (const type of kinds) {
      const r = await system.gql(studio.hostCaller, RECORD, {
        input: activity({ type, title: `${type} 活动` }),
      });
      expect(r.errors).toBeUndefined();
      expect(r.data?.recordActivity).toMatchObject({ type, targetSchool: null, participantCount: 2 });
    }

    const r = await system.gql(studio.hostCaller, RECORD, {
      input: activity({
        type: 'OUTREACH',
        title: '  送教下乡：格里坪镇中心小学  ',
        date: chinaToday(),
        hoursCredited: 0.1 + 0.2,
        targetSchoolId: rural.id,
        participantIds: [teachers[2]!.id, teachers[0]!.id],
        resources: [
          { title: '示范课课件', url: 'https://res.example.cn/ppt/1.pptx', kind: 'COURSEWARE' },
          { title: '课堂实录', url: 'http://video.example.cn/v/2', kind: 'VIDEO' },
        ],
        viewCount: 120,
      }),
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.recordActivity).toMatchObject({
      type: 'OUTREACH',
      title: '送教下乡：格里坪镇中心小学',
      // Today in China: accepted even while UTC is still on the day before.
      date: chinaToday(),
      hoursCredited: 0.3,
      viewCount: 120,
      participantCount: 2,
      targetSchool: { id: rural.id, name: '格里坪镇中心小学' },
      resources: [
        { title: '示范课课件', url: 'https://res.example.cn/ppt/1.pptx', kind: 'COURSEWARE' },
        { title: '课堂实录', url: 'http://video.example.cn/v/2', kind: 'VIDEO' },
      ],
      workshop: { id: studio.id },
    });
    expect(r.data?.recordActivity.participants).toEqual(
      expect.arrayContaining([
        { id: teachers[0]!.id, name: teachers[0]!.name },
        { id: teachers[2]!.id, name: teachers[2]!.name },
      ]),
    );

    const toWeak = await system.gql(studio.hostCaller, RECORD, {
      input: activity({ type: 'OUTREACH', targetSchoolId: weak.id, participantIds: [] }),
    });
    expect(toWeak.errors).toBeUndefined();
    expect(toWeak.data?.recordActivity).toMatchObject({
      participantCount: 0,
      targetSchool: { name: '西区第二小学' },
    });
  });

  it('refuses invalid input with BAD_USER_INPUT naming the field, writing nothing', async () => {
    const before = await countOf(studio.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '   ' }, 'title'],
      [{ place: '' }, 'place'],
      [{ title: '长'.repeat(201) }, 'title'],
      [{ date: dayAfter(chinaToday()) }, 'date'],
      [{ hoursCredited: 100.1 }, 'hoursCredited'],
      [{ hoursCredited: 1.25 }, 'hoursCredited'],
      [{ hoursCredited: -0.5 }, 'hoursCredited'],
      [{ type: 'OUTREACH' }, 'targetSchoolId'],
      [{ type: 'THEMED_RESEARCH', targetSchoolId: rural.id }, 'targetSchoolId'],
      // Outreach goes to rural or weak schools (送教下乡): an ordinary town school is refused.
      [{ type: 'OUTREACH', targetSchoolId: plain.id }, 'targetSchoolId'],
      // A school personnel does not show the host (another county) is as unknown as none.
      [{ type: 'OUTREACH', targetSchoolId: eastRural.id }, 'targetSchoolId'],
      [{ type: 'OUTREACH', targetSchoolId: 'no-such-school' }, 'targetSchoolId'],
      [{ participantIds: [teachers[0]!.id, teachers[1]!.id, teachers[0]!.id] }, 'participantIds'],
      [{ participantIds: Array.from({ length: 501 }, () => randomUUID()) }, 'participantIds'],
      [
        { resources: [{ title: '课件', url: 'javascript:alert(1)', kind: 'COURSEWARE' }] },
        'resources[0].url',
      ],
      [
        {
          resources: [
            { title: '课件', url: 'https://res.example.cn/1', kind: 'COURSEWARE' },
            { title: ' ', url: 'https://res.example.cn/2', kind: 'VIDEO' },
          ],
        },
        'resources[1].title',
      ],
      [{ viewCount: -1 }, 'viewCount'],
    ];
    for (const [overrides, field] of cases) {
      expect({ overrides, ...(await refusal(studio.hostCaller, activity(overrides))) }).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: `input.${field}`,
      });
    }
    expect(await countOf(studio.id)).toBe(before);
  });

  it('names the first participant personnel does not show the caller', async () => {
    const unknown = randomUUID();
    const outOfScope = await refusal(
      studio.hostCaller,
      activity({ participantIds: [teachers[0]!.id, eastTeacher.id, unknown] }),
    );
    expect(outOfScope).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participantIds' });
    expect(outOfScope.message).toContain(eastTeacher.id);
    expect(outOfScope.message).not.toContain(unknown);

    const malformed = await refusal(
      studio.hostCaller,
      activity({ participantIds: [teachers[0]!.id, 'teacher-7'] }),
    );
    expect(malformed).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participantIds' });
    expect(malformed.message).toContain('teacher-7');
  });

  it("lets the studio's host and overseeing offices record, and no one else", async () => {
    const before = await countOf(studio.id);
    const refusals: [string, TokenRequest, string][] = [
      ['an analyst', { role: Role.ANALYST, region: '510000' }, 'FORBIDDEN'],
      [
        'a teacher who is not the host',
        { role: Role.TEACHER, region: '510403', teacherId: teachers[0]!.id },
        'FORBIDDEN',
      ],
      ['the host of another studio', other.hostCaller, 'FORBIDDEN'],
      // Acting as a teacher without the HOST role is not hosting.
      ['the host signed in as a plain teacher', { ...studio.hostCaller, role: Role.TEACHER }, 'FORBIDDEN'],
      [
        'a school administrator',
        { role: Role.SCHOOL_ADMIN, region: '510403', schoolId: studio.school.id },
        'FORBIDDEN',
      ],
      // The studio is invisible to another county: it does not exist for them.
      ['the office of another county', officeOf('COUNTY', '510402'), 'NOT_FOUND'],
    ];
    for (const [who, caller, code] of refusals) {
      expect({ who, code: (await refusal(caller, activity({ participantIds: [] }))).code }).toEqual({
        who,
        code,
      });
    }
    expect(await countOf(studio.id)).toBe(before);

    for (const caller of [studio.office, officeOf('CITY', '510403'), officeOf('PROVINCE', '510403')]) {
      const r = await system.gql(caller, RECORD, { input: activity({ participantIds: [] }) });
      expect(r.errors).toBeUndefined();
    }
    expect(await countOf(studio.id)).toBe(before + 3);
  });

  it('refuses work on a revoked studio with CONFLICT', async () => {
    const revoked = await foundStudio(system);
    const recorded = await system.gql(revoked.hostCaller, RECORD, {
      input: activity({ workshopId: revoked.id, participantIds: [] }),
    });
    expect(recorded.errors).toBeUndefined();
    const change = await system.gql(
      revoked.office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: revoked.id, to: 'REVOKED', reason: '年度考核不合格' } },
    );
    expect(change.errors).toBeUndefined();

    // The host's membership ended with the revocation; the office still may not add work.
    const r = await system.gql(revoked.office, RECORD, {
      input: activity({ workshopId: revoked.id, participantIds: [] }),
    });
    expect(errorCodes(r)).toEqual(['CONFLICT']);
    const u = await system.gql(revoked.office, UPDATE, {
      id: recorded.data?.recordActivity.id,
      input: { viewCount: 500 },
    });
    expect(errorCodes(u)).toEqual(['CONFLICT']);
  });

  it('corrects an activity: views only grow, participants are replaced, every rule applies again', async () => {
    const created = await system.gql(studio.hostCaller, RECORD, {
      input: activity({ type: 'LIVE_STREAM', title: '直播课', viewCount: 100 }),
    });
    const id = created.data?.recordActivity.id;

    const grown = await system.gql(studio.hostCaller, UPDATE, {
      id,
      input: {
        title: '直播课：分数的意义',
        hoursCredited: 2,
        viewCount: 350,
        participantIds: [teachers[2]!.id],
        resources: [{ title: '回放', url: 'https://live.example.cn/replay/9', kind: 'VIDEO' }],
      },
    });
    expect(grown.errors).toBeUndefined();
    expect(grown.data?.updateActivity).toEqual({
      id,
      title: '直播课：分数的意义',
      place: '攀枝花市第三小学',
      hoursCredited: 2,
      viewCount: 350,
      participantCount: 1,
      participants: [{ id: teachers[2]!.id }],
      resources: [{ url: 'https://live.example.cn/replay/9' }],
    });

    const shrunk = await system.gql(studio.hostCaller, UPDATE, {
      id,
      input: { viewCount: 349, title: '不应写入' },
    });
    expect(errorCodes(shrunk)).toEqual(['CONFLICT']);
    const bad: [Record<string, unknown>, string][] = [
      [{ hoursCredited: 101 }, 'hoursCredited'],
      [{ participantIds: [eastTeacher.id] }, 'participantIds'],
      [{ title: '' }, 'title'],
      [{ viewCount: -3 }, 'viewCount'],
    ];
    for (const [input, field] of bad) {
      const r = await system.gql(studio.hostCaller, UPDATE, { id, input });
      expect({ input, code: errorCodes(r), field: r.errors?.[0]?.extensions?.field }).toEqual({
        input,
        code: ['BAD_USER_INPUT'],
        field: `input.${field}`,
      });
    }
    const same = await system.gql(studio.hostCaller, UPDATE, { id, input: { viewCount: 350 } });
    expect(same.data?.updateActivity).toMatchObject({
      title: '直播课：分数的意义',
      viewCount: 350,
      participantCount: 1,
    });

    expect(errorCodes(await system.gql(other.hostCaller, UPDATE, { id, input: { viewCount: 999 } }))).toEqual(
      ['FORBIDDEN'],
    );
    expect(
      errorCodes(await system.gql(officeOf('COUNTY', '510402'), UPDATE, { id, input: { viewCount: 999 } })),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await system.gql(studio.hostCaller, UPDATE, { id: randomUUID(), input: {} }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('lists activities newest first, filtered by type and dates, page by page', async () => {
    const listed = await foundStudio(system);
    const dated: [string, string, string][] = [
      ['2024-03-01', 'TEAM_STUDY', '三月团队研修甲'],
      ['2024-04-01', 'THEMED_RESEARCH', '四月主题教研'],
      ['2024-03-01', 'TEAM_STUDY', '三月团队研修乙'],
      ['2023-12-01', 'EXPERT_LECTURE', '十二月专家讲座'],
      ['2024-06-30', 'TEAM_STUDY', '六月团队研修'],
    ];
    const ids: Record<string, string> = {};
    for (const [date, type, title] of dated) {
      const r = await system.gql(listed.hostCaller, RECORD, {
        input: activity({ workshopId: listed.id, date, type, title, participantIds: [] }),
      });
      ids[title] = r.data?.recordActivity.id;
    }
    const march = [ids['三月团队研修甲']!, ids['三月团队研修乙']!].sort();
    const titleOf = Object.fromEntries(Object.entries(ids).map(([title, id]) => [id, title]));

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const r: any = await system.gql(listed.office, ACTIVITIES, { id: listed.id, first: 2, after });
      expect(r.errors).toBeUndefined();
      const page = r.data.workshop.activities;
      expect(page.totalCount).toBe(5);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    // Newest first; activities of the same day in id order.
    expect(seen.map((id) => titleOf[id])).toEqual([
      '六月团队研修',
      '四月主题教研',
      titleOf[march[0]!],
      titleOf[march[1]!],
      '十二月专家讲座',
    ]);

    const filtered = await system.gql(listed.office, ACTIVITIES, {
      id: listed.id,
      filter: { type: 'TEAM_STUDY', from: '2024-03-01', to: '2024-04-30' },
    });
    expect(filtered.data?.workshop.activities.totalCount).toBe(2);
    expect(filtered.data?.workshop.activities.nodes.map((n: { id: string }) => n.id)).toEqual(march);

    const backwards = await system.gql(listed.office, ACTIVITIES, {
      id: listed.id,
      filter: { from: '2024-05-01', to: '2024-04-01' },
    });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
    const forged = await system.gql(listed.office, ACTIVITIES, {
      id: listed.id,
      after: Buffer.from(JSON.stringify(['王', 1])).toString('base64url'),
    });
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
    const tooMany = await system.gql(listed.office, ACTIVITIES, { id: listed.id, first: 101 });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });
});
