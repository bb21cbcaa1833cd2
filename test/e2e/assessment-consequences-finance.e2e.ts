import { randomUUID } from 'node:crypto';
import { QueueName, type StudioFundsDecided } from '@mingshi/events';
import { InboxQueue, envelopeOf, settlementsOf } from '../harness/consequence-fixtures';
import { FREEZE, THIS_YEAR, allocated } from '../harness/finance-fixtures';
import { TestSystem } from '../harness/system';
import { foundStudio, type Studio } from '../harness/workshop-fixtures';

const MONEY = `query ($id: ID!, $year: Int!) {
  workshop(id: $id) {
    funding(year: $year) { allocated balance frozen }
    fundAllocations { id year sourceLevel amount status frozenReason adjustments { previousAmount newAmount reason adjustedBy } }
  }
}`;
const EVENTS = `query ($filter: FundEventFilter) {
  fundEvents(filter: $filter, first: 100) { nodes { type amount actor allocation { id } } }
}`;

const ASSESSOR = 'evaluator-510403';

/**
 * 动态管理 in finance: an assessment result's money decision arrives on finance's inbox queue and
 * is carried out as an office's freeze or adjustment would be, answered by a settled event that
 * finance's own relay sends on to evaluation.
 */
describe('assessment decisions on a studio’s funds', () => {
  let system: TestSystem;
  let inbox: InboxQueue;

  beforeAll(async () => {
    system = await TestSystem.start();
    inbox = new InboxQueue(system, QueueName.FINANCE_INBOX);
  });
  afterAll(async () => {
    await inbox?.close();
    await system?.stop();
  });

  function decision(
    studio: Studio,
    fields: Pick<StudioFundsDecided, 'decision'> & Partial<StudioFundsDecided>,
  ): StudioFundsDecided {
    return {
      type: 'evaluation.studio-funds-decided',
      consequenceId: randomUUID(),
      assessmentId: randomUUID(),
      workshopId: studio.id,
      reason: `${THIS_YEAR - 1}年度考核：${fields.decision === 'FREEZE' ? '不合格' : '优秀'}`,
      decidedBy: ASSESSOR,
      ...fields,
    };
  }

  const reward = (studio: Studio, amountFen: string, fields: Partial<StudioFundsDecided> = {}) =>
    decision(studio, { decision: 'REWARD', amountFen, sourceLevel: 'COUNTY', year: THIS_YEAR, ...fields });

  /** Hands the decision to finance's queue and waits until it is handled; answers the envelope. */
  async function decide(studio: Studio, payload: StudioFundsDecided) {
    const envelope = envelopeOf(payload, studio.regionCode);
    await inbox.deliver(envelope);
    await system.financeInbox.drain();
    return envelope;
  }

  async function settled(payload: StudioFundsDecided) {
    const answers = await settlementsOf(system, 'finance', payload.consequenceId);
    expect(answers).toHaveLength(1);
    return answers[0]!.payload;
  }

  const money = async (studio: Studio, year = THIS_YEAR) =>
    (await system.gql(studio.office, MONEY, { id: studio.id, year })).data?.workshop;

  /** The studio's fund events through the feed, once the sequencer has numbered them. */
  async function fundEvents(studio: Studio) {
    await system.fundEvents.drain();
    const r = await system.gql(studio.office, EVENTS, { filter: { workshopId: studio.id } });
    expect(r.errors).toBeUndefined();
    return r.data!.fundEvents.nodes;
  }

  it('freezes what is left of every allocation, leaving one already frozen as it is', async () => {
    const studio = await foundStudio(system);
    const current = await allocated(system, studio, '1000.00');
    const next = await allocated(system, studio, '600.00', { year: THIS_YEAR + 1 });
    const audit = await system.gql(studio.office, FREEZE, {
      input: { allocationId: next.id, reason: '审计' },
    });
    expect(audit.errors).toBeUndefined();
    const payload = decision(studio, { decision: 'FREEZE' });
    await decide(studio, payload);

    expect(await settled(payload)).toEqual({
      type: 'finance.consequence-settled',
      consequenceId: payload.consequenceId,
      applied: true,
      detail: '已冻结 1 笔经费 (1 allocation frozen)',
    });
    const after = await money(studio);
    expect(after.funding.frozen).toBe(true);
    const byId = Object.fromEntries(after.fundAllocations.map((a: { id: string }) => [a.id, a]));
    expect(byId[current.id]).toMatchObject({
      status: 'FROZEN',
      frozenReason: `考核结果冻结经费：${payload.reason}`,
    });
    expect(byId[next.id]).toMatchObject({ status: 'FROZEN', frozenReason: '审计' });
    const frozen = (await fundEvents(studio)).filter((e: { type: string }) => e.type === 'FUNDS_FROZEN');
    expect(frozen).toEqual([
      { type: 'FUNDS_FROZEN', amount: '600.00', actor: 'county_office-510403', allocation: { id: next.id } },
      { type: 'FUNDS_FROZEN', amount: '1000.00', actor: ASSESSOR, allocation: { id: current.id } },
    ]);
  });

  it('adds a reward to the year’s allocation as an adjustment, visible in the funding and the feed', async () => {
    const studio = await foundStudio(system);
    const allocation = await allocated(system, studio, '1000.00');
    const payload = reward(studio, '50000');
    await decide(studio, payload);

    expect(await settled(payload)).toMatchObject({
      applied: true,
      detail: `已追加奖励 500.00 元，${THIS_YEAR} 年县级经费共 1500.00 元 (reward of 500.00 added to the COUNTY allocation for ${THIS_YEAR}, now 1500.00)`,
    });
    const after = await money(studio);
    expect(after.funding).toEqual({ allocated: '1500.00', balance: '1500.00', frozen: false });
    expect(after.fundAllocations).toEqual([
      expect.objectContaining({
        id: allocation.id,
        amount: '1500.00',
        adjustments: [
          {
            previousAmount: '1000.00',
            newAmount: '1500.00',
            reason: `考核奖励 500.00 元：${payload.reason}`,
            adjustedBy: ASSESSOR,
          },
        ],
      }),
    ]);
    expect(
      (await fundEvents(studio)).map((e: { type: string; amount: string; actor: string }) => [
        e.type,
        e.amount,
        e.actor,
      ]),
    ).toEqual([
      ['ALLOCATED', '1000.00', 'county_office-510403'],
      ['ADJUSTED', '1500.00', ASSESSOR],
    ]);
  });

  it('refuses a reward without an allocation to add it to, or to a frozen one, changing nothing', async () => {
    const studio = await foundStudio(system);
    const allocation = await allocated(system, studio, '1000.00');
    const cityMoney = reward(studio, '10000', { sourceLevel: 'CITY' });
    const nextYear = reward(studio, '10000', { year: THIS_YEAR + 1 });
    const malformed = reward(studio, '12.5');
    for (const payload of [cityMoney, nextYear, malformed]) await decide(studio, payload);
    await system.gql(studio.office, FREEZE, { input: { allocationId: allocation.id, reason: '审计' } });
    const whileFrozen = reward(studio, '10000');
    await decide(studio, whileFrozen);

    expect((await settled(cityMoney)).detail).toMatch(/no CITY allocation for/);
    expect((await settled(nextYear)).detail).toMatch(new RegExp(`no COUNTY allocation for ${THIS_YEAR + 1}`));
    expect((await settled(malformed)).detail).toMatch(/^payload\.amountFen must be a positive whole number/);
    expect(await settled(whileFrozen)).toMatchObject({
      applied: false,
      detail: expect.stringMatching(/is frozen: 审计/),
    });
    for (const payload of [cityMoney, nextYear, malformed])
      expect((await settled(payload)).applied).toBe(false);
    const after = await money(studio);
    expect(after.fundAllocations[0]).toMatchObject({ amount: '1000.00', adjustments: [] });
  });

  it('rewards once when the same decision is delivered twice', async () => {
    const studio = await foundStudio(system);
    await allocated(system, studio, '1000.00');
    const envelope = await decide(studio, reward(studio, '20000'));
    await inbox.deliver(envelope, `again-${envelope.id}`);
    await system.financeInbox.drain();

    expect(await inbox.stateOf(`again-${envelope.id}`)).toBe('completed');
    expect((await money(studio)).funding.allocated).toBe('1200.00');
    expect((await fundEvents(studio)).filter((e: { type: string }) => e.type === 'ADJUSTED')).toHaveLength(1);
    expect((await settled(envelope.payload)).applied).toBe(true);
  });

  it('sends its answers on to evaluation through its own outbox relay', async () => {
    const studio = await foundStudio(system);
    const payload = decision(studio, { decision: 'FREEZE' });
    await decide(studio, payload);
    await system.financeRelay.relayOnce();

    const [answer] = await settlementsOf(system, 'finance', payload.consequenceId);
    expect(answer).toMatchObject({ published: true, regionCode: studio.regionCode });
    const evaluation = new InboxQueue(system, QueueName.EVALUATION_INBOX);
    try {
      expect(await evaluation.jobEnvelope(answer!.eventId)).toMatchObject({
        id: answer!.eventId,
        type: 'finance.consequence-settled',
        regionCode: studio.regionCode,
        payload: {
          consequenceId: payload.consequenceId,
          applied: true,
          detail: '已冻结 0 笔经费 (0 allocations frozen)',
        },
      });
    } finally {
      await evaluation.close();
    }
  });
});
