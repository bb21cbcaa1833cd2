import { randomUUID } from 'node:crypto';
import { QueueName, createRedisConnection, type StudioStatusDecided } from '@mingshi/events';
import { createLogger } from '@mingshi/logger';
import { redisUrl } from '@mingshi/testing';
import { workshopConsumer } from '../../services/workshop/src/consumers';
import { allocated, READ_ALLOCATION } from '../harness/finance-fixtures';
import { InboxQueue, envelopeOf, settlementsOf } from '../harness/consequence-fixtures';
import { createSchool, createTeacher } from '../harness/fixtures';
import { TEST_SECRETS, TEST_WORKSHOP_SETTINGS, TestSystem } from '../harness/system';
import { foundStudio, officeOf, type Studio } from '../harness/workshop-fixtures';

const STUDIO = `query ($id: ID!) {
  workshop(id: $id) {
    status cycleStartYear rectificationDeadline host { id } memberCount
    memberships(activeOnly: false) { role active endReason teacher { id } }
    statusHistory { from to reason changedBy }
  }
}`;
const CHANGE = `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`;
const ADD_MEMBER = `mutation ($input: AddWorkshopMemberInput!) { addWorkshopMember(input: $input) { id } }`;

const ASSESSOR = 'evaluator-510403';
const NEXT_YEAR = new Date().getFullYear() + 1;

/**
 * 动态管理 in workshop: an assessment result's status decision arrives on workshop's inbox queue
 * and is carried out through the studio's lifecycle rules, answered by a settled event.
 */
describe('assessment decisions on a studio’s status', () => {
  let system: TestSystem;
  let inbox: InboxQueue;

  beforeAll(async () => {
    system = await TestSystem.start();
    inbox = new InboxQueue(system, QueueName.WORKSHOP_INBOX);
  });
  afterAll(async () => {
    await inbox?.close();
    await system?.stop();
  });

  function decision(
    studio: Studio,
    fields: Pick<StudioStatusDecided, 'decision'> & Partial<StudioStatusDecided>,
  ): StudioStatusDecided {
    return {
      type: 'evaluation.studio-status-decided',
      consequenceId: randomUUID(),
      assessmentId: randomUUID(),
      workshopId: studio.id,
      reason: `${NEXT_YEAR - 1}年度考核：${fields.decision}`,
      decidedBy: ASSESSOR,
      ...fields,
    };
  }

  /** Hands the decision to workshop's queue and waits until it is handled; answers the envelope. */
  async function decide(studio: Studio, payload: StudioStatusDecided) {
    const envelope = envelopeOf(payload, studio.regionCode);
    await inbox.deliver(envelope);
    await system.workshopInbox.drain();
    return envelope;
  }

  /** The one answer to a decision: settled once, with whether it was applied and what was done. */
  async function settled(payload: StudioStatusDecided) {
    const answers = await settlementsOf(system, 'workshop', payload.consequenceId);
    expect(answers).toHaveLength(1);
    return answers[0]!.payload;
  }

  const read = async (studio: Studio) =>
    (await system.gql(studio.office, STUDIO, { id: studio.id })).data?.workshop;

  async function withMember(studio: Studio): Promise<string> {
    const member = await createTeacher(system, studio.school, '510403');
    const added = await system.gql(studio.hostCaller, ADD_MEMBER, {
      input: { workshopId: studio.id, teacherId: member.id },
    });
    expect(added.errors).toBeUndefined();
    return member.id;
  }

  async function moved(studio: Studio, to: string): Promise<void> {
    const r = await system.gql(studio.office, CHANGE, {
      input: { workshopId: studio.id, to, reason: '办公室' },
    });
    expect(r.errors).toBeUndefined();
  }

  it('revokes a studio as the office’s own move would, and its funds are frozen through the same event', async () => {
    const studio = await foundStudio(system);
    await withMember(studio);
    const money = await allocated(system, studio, '800.00');
    const payload = decision(studio, { decision: 'REVOKE', reason: '2025年度考核：不合格，52.00分' });
    await decide(studio, payload);

    const after = await read(studio);
    expect(after).toMatchObject({ status: 'REVOKED', host: null, memberCount: 0 });
    expect(
      after.memberships.map((m: { active: boolean; endReason: string }) => [m.active, m.endReason]),
    ).toEqual([
      [false, '工作室取消资格：2025年度考核：不合格，52.00分'],
      [false, '工作室取消资格：2025年度考核：不合格，52.00分'],
    ]);
    expect(after.statusHistory.at(-1)).toEqual({
      from: 'ACTIVE',
      to: 'REVOKED',
      reason: '2025年度考核：不合格，52.00分',
      changedBy: ASSESSOR,
    });
    expect(await settled(payload)).toEqual({
      type: 'workshop.consequence-settled',
      consequenceId: payload.consequenceId,
      applied: true,
      detail: '工作室已取消资格 (ACTIVE → REVOKED)',
    });

    // The move recorded workshop.status-changed like any other: finance freezes the studio's funds.
    await system.deliverWorkshopEvents();
    const allocation = (await system.gql(studio.office, READ_ALLOCATION, { id: money.id })).data
      ?.fundAllocation;
    expect(allocation).toMatchObject({ status: 'FROZEN', frozenReason: expect.stringMatching(/取消资格/) });
  });

  it('orders rectification by the decided deadline', async () => {
    const studio = await foundStudio(system);
    const deadline = `${NEXT_YEAR}-06-30`;
    const payload = decision(studio, { decision: 'RECTIFY', rectificationDeadline: deadline });
    await decide(studio, payload);

    expect(await read(studio)).toMatchObject({ status: 'RECTIFYING', rectificationDeadline: deadline });
    expect(await settled(payload)).toMatchObject({
      applied: true,
      detail: `工作室已进入整改，整改期限 ${deadline} (ACTIVE → RECTIFYING)`,
    });
  });

  it('renews a running studio by concluding its cycle first, keeping its team under a host who still qualifies', async () => {
    const studio = await foundStudio(system, { cycleStartYear: 2024 });
    const member = await withMember(studio);
    const payload = decision(studio, { decision: 'RETAIN', reason: '终期考核：优秀' });
    await decide(studio, payload);

    const after = await read(studio);
    expect(after).toMatchObject({ status: 'RENEWED', cycleStartYear: 2027, host: { id: studio.host.id } });
    expect(after.memberships.find((m: { teacher: { id: string } }) => m.teacher.id === member).active).toBe(
      true,
    );
    expect(after.statusHistory.slice(-2)).toEqual([
      { from: 'ACTIVE', to: 'CONCLUDED', reason: '终期考核：优秀', changedBy: ASSESSOR },
      { from: 'CONCLUDED', to: 'RENEWED', reason: '终期考核：优秀', changedBy: ASSESSOR },
    ]);
    expect((await settled(payload)).detail).toBe(
      '工作室已续建，新周期 2027—2029 (ACTIVE → CONCLUDED → RENEWED)',
    );
  });

  it('reorganises a concluded studio: its members leave and the host leads the next cycle', async () => {
    const studio = await foundStudio(system, { cycleStartYear: 2024 });
    const member = await withMember(studio);
    await moved(studio, 'CONCLUDED');
    const payload = decision(studio, { decision: 'REORGANISE', reason: '终期考核：基本合格' });
    await decide(studio, payload);

    const after = await read(studio);
    expect(after).toMatchObject({ status: 'REORGANIZED', cycleStartYear: 2027, memberCount: 0 });
    const byTeacher = Object.fromEntries(
      after.memberships.map((m: { teacher: { id: string } }) => [m.teacher.id, m]),
    );
    expect(byTeacher[studio.host.id]).toMatchObject({ role: 'HOST', active: true });
    expect(byTeacher[member]).toMatchObject({ active: false, endReason: '工作室重组：终期考核：基本合格' });
    expect(after.statusHistory.at(-1)).toMatchObject({ from: 'CONCLUDED', to: 'REORGANIZED' });
    expect((await settled(payload)).detail).toBe(
      '工作室已重组，成员与学员离任，新周期 2027—2029 (CONCLUDED → REORGANIZED)',
    );
  });

  it('answers a decision the lifecycle refuses with the rule, changing nothing and retrying nothing', async () => {
    const studio = await foundStudio(system);
    await moved(studio, 'REVOKED');
    const before = await read(studio);
    const payload = decision(studio, { decision: 'REVOKE' });
    const envelope = await decide(studio, payload);

    expect(await settled(payload)).toMatchObject({
      applied: false,
      detail: expect.stringMatching(/REVOKED .*final/),
    });
    expect(await read(studio)).toEqual(before);
    expect(await inbox.stateOf(envelope.id)).toBe('completed');
  });

  it('refuses renewal as a whole when the host no longer teaches in the studio’s jurisdiction', async () => {
    const studio = await foundStudio(system);
    const east = await createSchool(system, '510402');
    const transfer = await system.gql(
      officeOf('CITY', '510403'),
      `mutation ($id: ID!, $input: UpdateTeacherInput!) { updateTeacher(id: $id, input: $input) { id } }`,
      { id: studio.host.id, input: { schoolId: east.id } },
    );
    expect(transfer.errors).toBeUndefined();
    const before = await read(studio);
    const payload = decision(studio, { decision: 'RETAIN' });
    await decide(studio, payload);

    expect(await settled(payload)).toMatchObject({
      applied: false,
      detail: expect.stringMatching(/host no longer teaches/),
    });
    // The conclusion that came first was rolled back with the refused renewal.
    expect(await read(studio)).toEqual(before);
  });

  it('refuses a studio that does not exist and a rectification without a deadline', async () => {
    const studio = await foundStudio(system);
    const ghost = decision({ ...studio, id: randomUUID() }, { decision: 'REVOKE' });
    const undated = decision(studio, { decision: 'RECTIFY' });
    await decide(studio, ghost);
    await decide(studio, undated);

    expect(await settled(ghost)).toMatchObject({
      applied: false,
      detail: expect.stringMatching(/not found/),
    });
    expect(await settled(undated)).toMatchObject({
      applied: false,
      detail: expect.stringMatching(/^payload\.rectificationDeadline is required/),
    });
    expect((await read(studio)).status).toBe('ACTIVE');
  });

  it('leaves no trace of a decision while personnel cannot answer, so that it is retried', async () => {
    const studio = await foundStudio(system);
    const payload = decision(studio, { decision: 'RETAIN' });
    const envelope = envelopeOf(payload, studio.regionCode);
    const connection = createRedisConnection(redisUrl());
    const cutOff = workshopConsumer({
      dataSource: system.workshop.db,
      connection,
      prefix: system.queuePrefix,
      logger: createLogger('test', 'silent'),
      // Nothing listens there: personnel is unreachable.
      personnelUrl: 'http://127.0.0.1:9/graphql',
      identitySecret: TEST_SECRETS.identity,
      settings: TEST_WORKSHOP_SETTINGS,
    });
    try {
      await expect(cutOff.handle(envelope)).rejects.toThrow(/personnel service could not answer/);
    } finally {
      await cutOff.stop();
      connection.disconnect();
    }
    expect(await settlementsOf(system, 'workshop', payload.consequenceId)).toEqual([]);
    expect((await read(studio)).status).toBe('ACTIVE');

    // Not even the inbox kept it: delivered again with personnel back, it is carried out.
    await inbox.deliver(envelope);
    await system.workshopInbox.drain();
    expect(await settled(payload)).toMatchObject({ applied: true });
    expect((await read(studio)).status).toBe('RENEWED');
  });

  it('carries out a decision delivered twice once', async () => {
    const studio = await foundStudio(system);
    const payload = decision(studio, { decision: 'RECTIFY', rectificationDeadline: `${NEXT_YEAR}-03-31` });
    const envelope = await decide(studio, payload);
    const once = await read(studio);

    await inbox.deliver(envelope, `again-${envelope.id}`);
    await system.workshopInbox.drain();
    expect(await inbox.stateOf(`again-${envelope.id}`)).toBe('completed');
    expect(await read(studio)).toEqual(once);
    expect(once.statusHistory.filter((h: { to: string }) => h.to === 'RECTIFYING')).toHaveLength(1);
    expect((await settled(payload)).applied).toBe(true);
  });
});
