import { Role } from '@mingshi/auth';
import { createTeacher } from '../harness/fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

/** 西区 (510403) and 东区 (510402) are counties of 攀枝花市 (510400). */
const WEST = { role: Role.COUNTY_OFFICE, region: '510403' };
const UNKNOWN = '7f1c1a56-0000-4000-8000-0000000000aa';

const RECORD = `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`;
const OUTCOME = `mutation ($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`;
const STATUS = `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`;
const ADD_MEMBER = `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`;
const ISSUE = `mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { id } }`;
const WORKSHOPS = `query ($regionCode: ID) { workshops(filter: { regionCode: $regionCode }) { nodes { id } } }`;
const METRICS = `query ($regionCode: ID) {
  workshopMetrics(filter: { regionCode: $regionCode }, period: { from: "2024-01-01", to: "2024-12-31" }) { activityCount }
}`;

interface Refusal {
  code: unknown;
  field: unknown;
  fields: { field: string; message: string }[] | undefined;
  message: string;
}

describe('workshop mutations validate their input', () => {
  let system: TestSystem;
  let studio: Studio;
  let revoked: Studio;

  beforeAll(async () => {
    system = await TestSystem.start();
    studio = await foundStudio(system, { name: '校验工作室' });
    revoked = await foundStudio(system, { name: '已取消工作室' });
    const r = await system.gql(revoked.office, STATUS, {
      input: { workshopId: revoked.id, to: 'REVOKED', reason: '考核不合格' },
    });
    if (r.errors) throw new Error(`revoking failed: ${JSON.stringify(r.errors)}`);
  });
  afterAll(() => system?.stop());

  async function refusal(caller: TokenRequest, query: string, variables: Record<string, unknown>) {
    const r = await system.gql(caller, query, variables);
    expect(r.data).toBeNull();
    const error = r.errors?.[0];
    return {
      code: error?.extensions?.code,
      field: error?.extensions?.field,
      fields: error?.extensions?.fields,
      message: error?.message ?? '',
    } as Refusal;
  }

  const activity = (workshopId: string, overrides: Record<string, unknown> = {}) => ({
    workshopId,
    type: 'THEMED_RESEARCH',
    title: '大单元教学主题教研',
    date: '2024-05-10',
    place: '攀枝花市第三小学',
    hoursCredited: 3.5,
    participantIds: [],
    ...overrides,
  });

  it('reports every bad field of an activity at once, the first as field', async () => {
    const r = await refusal(studio.hostCaller, RECORD, {
      input: activity(studio.id, {
        title: ' ',
        hoursCredited: 100.5,
        resources: [{ title: '课件', url: 'javascript:alert(1)', kind: 'COURSEWARE' }],
        participantIds: [UNKNOWN, UNKNOWN],
      }),
    });
    expect(r.code).toBe('BAD_USER_INPUT');
    expect(r.field).toBe('input.title');
    expect(r.fields?.map((f) => f.field)).toEqual([
      'input.title',
      'input.hoursCredited',
      'input.resources[0].url',
      'input.participantIds',
    ]);
    for (const { field, message } of r.fields ?? []) expect(message.startsWith(field)).toBe(true);
    expect(r.message).toMatch(/4 problems/);
  });

  describe('checks input before the studio state', () => {
    it('answers bad input on a revoked studio with BAD_USER_INPUT, and good input with CONFLICT', async () => {
      expect(
        await refusal(revoked.hostCaller, RECORD, { input: activity(revoked.id, { place: '' }) }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.place' });
      expect(
        await refusal(revoked.office, OUTCOME, {
          input: {
            workshopId: revoked.id,
            kind: 'PAPER',
            title: '论文',
            level: 'CITY',
            achievedOn: '2024-05-01',
            authorIds: [],
          },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.authorIds' });
      expect(await refusal(revoked.office, RECORD, { input: activity(revoked.id) })).toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('refuses a blank reason before an illegal status move', async () => {
      expect(
        await refusal(revoked.office, STATUS, {
          input: { workshopId: revoked.id, to: 'ACTIVE', reason: ' ' },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
      expect(
        await refusal(revoked.office, STATUS, {
          input: { workshopId: revoked.id, to: 'ACTIVE', reason: '复查' },
        }),
      ).toMatchObject({ code: 'CONFLICT' });
    });

    it('refuses impossible certificate hours before the studio status that issues none', async () => {
      const proposed = await foundStudio(system, { status: 'PROPOSED' });
      const input = { workshopId: proposed.id, teacherId: proposed.host.id, year: 2024 };
      expect(await refusal(proposed.office, ISSUE, { input: { ...input, hours: 0 } })).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.hours',
      });
      expect(await refusal(proposed.office, ISSUE, { input: { ...input, hours: 30 } })).toMatchObject({
        code: 'CONFLICT',
      });
    });

    it('refuses bad input before refusing a caller who may not act', async () => {
      expect(
        await refusal({ role: Role.ANALYST, region: '510000' }, RECORD, {
          input: activity(studio.id, { date: '2999-01-01' }),
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.date' });
    });
  });

  describe('an unknown id in an input', () => {
    it('is NOT_FOUND naming the field, never CONFLICT', async () => {
      expect(
        await refusal(studio.office, ADD_MEMBER, { input: { workshopId: studio.id, teacherId: UNKNOWN } }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.teacherId' });
      expect(
        await refusal(studio.office, ADD_MEMBER, {
          input: { workshopId: UNKNOWN, teacherId: studio.host.id },
        }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.workshopId' });
      expect(await refusal(studio.hostCaller, RECORD, { input: activity(UNKNOWN) })).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.workshopId',
      });
      expect(
        await refusal(studio.office, ISSUE, {
          input: { workshopId: studio.id, teacherId: UNKNOWN, hours: 30, year: 2025 },
        }),
      ).toMatchObject({ code: 'NOT_FOUND', field: 'input.teacherId' });
    });

    it('is still CONFLICT for a known teacher who is not a trainee', async () => {
      const outsider = await createTeacher(system, studio.school, '510403');
      expect(
        await refusal(studio.office, ISSUE, {
          input: { workshopId: studio.id, teacherId: outsider.id, hours: 30, year: 2025 },
        }),
      ).toMatchObject({ code: 'CONFLICT' });
    });

    it('is quoted short in the message', async () => {
      const long = await refusal(studio.office, ADD_MEMBER, {
        input: { workshopId: studio.id, teacherId: 'x'.repeat(90) },
      });
      expect(long).toMatchObject({ code: 'NOT_FOUND', field: 'input.teacherId' });
      expect(long.message.length).toBeLessThan(200);
      expect(long.message).toMatch(/…\(90 characters\)/);
      // Longer than any id could be: refused as text, before any lookup.
      const huge = await refusal(studio.office, ADD_MEMBER, {
        input: { workshopId: studio.id, teacherId: 'x'.repeat(100_000) },
      });
      expect(huge).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.teacherId' });
      expect(huge.message.length).toBeLessThan(200);
      const participant = await refusal(studio.hostCaller, RECORD, {
        input: activity(studio.id, { participantIds: [`${'y'.repeat(5_000)}\u202E`] }),
      });
      expect(participant).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participantIds[0]' });
      expect(participant.message.length).toBeLessThan(200);
    });
  });

  describe('a region code in a filter', () => {
    it('is BAD_USER_INPUT naming the field when it is not a GB/T 2260 code', async () => {
      for (const query of [WORKSHOPS, METRICS]) {
        for (const regionCode of ['5104', '51040x', '000000']) {
          const r = await refusal(WEST, query, { regionCode });
          expect({ regionCode, code: r.code, field: r.field }).toEqual({
            regionCode,
            code: 'BAD_USER_INPUT',
            field: 'filter.regionCode',
          });
        }
      }
    });

    it('is FORBIDDEN when it is a real region outside the caller scope', async () => {
      for (const query of [WORKSHOPS, METRICS]) {
        expect(await refusal(WEST, query, { regionCode: '510402' })).toMatchObject({
          code: 'FORBIDDEN',
          field: 'filter.regionCode',
        });
      }
    });

    it('quotes a long mistyped code short', async () => {
      const r = await refusal(WEST, WORKSHOPS, { regionCode: '5'.repeat(30_000) });
      expect(r.code).toBe('BAD_USER_INPUT');
      expect(r.message.length).toBeLessThan(200);
    });
  });
});
