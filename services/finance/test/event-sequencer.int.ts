import { TestSystem } from '../../../test/harness/system';
import {
  appendEvent,
  eventually,
  financeSystem,
  openAppend,
  readFeed,
} from '../../../test/harness/fund-event-fixtures';

/**
 * The log's one promise: a reader paging by position never skips an event, even one whose
 * transaction took its entry early and committed late.
 */
describe('fund-event sequencer', () => {
  let system: TestSystem;
  const reader = financeSystem('510403');

  beforeAll(async () => {
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await system.stop();
  });

  it('gives a late-committing event a later position instead of skipping it', async () => {
    const a = await openAppend(system.finance.db);
    const b = await openAppend(system.finance.db);
    expect(BigInt(a.event.entry)).toBeLessThan(BigInt(b.event.entry));
    await b.commit();

    const first = await eventually(
      () => readFeed(system, reader),
      (feed) => feed.length > 0,
      30_000,
      'B sequenced',
    );
    expect(first.map((e) => [e.id, e.position])).toEqual([[b.event.id, '1']]);

    // A is still open: however often the reader looks, it sees B alone.
    await system.fundEvents.runOnce();
    expect((await readFeed(system, reader)).map((e) => e.id)).toEqual([b.event.id]);
    // A reader that has handled B continues after its cursor …
    const cursor = first[0]!.position;

    await a.commit();
    const next = await eventually(
      () => readFeed(system, reader, cursor),
      (feed) => feed.length > 0,
      30_000,
      'A sequenced',
    );
    // … and still gets A, next, at position 2: nothing was skipped.
    expect(next.map((e) => [e.id, e.position])).toEqual([[a.event.id, '2']]);
  });

  it('an event rolled back never takes a position', async () => {
    const gone = await openAppend(system.finance.db);
    await gone.rollback();
    const kept = await appendEvent(system.finance.db);
    await system.fundEvents.drain();
    const feed = await readFeed(system, reader);
    expect(feed.map((e) => e.id)).not.toContain(gone.event.id);
    expect(feed[feed.length - 1]).toMatchObject({ id: kept.id, position: String(feed.length) });
  });

  it('numbers events from many concurrent transactions 1..N, dense and unique', async () => {
    const before = (await readFeed(system, reader)).length;
    const appended = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 50));
        return appendEvent(system.finance.db, { amountFen: BigInt(100 + i) });
      }),
    );
    await system.fundEvents.drain();
    const feed = await readFeed(system, reader, null, 7);
    expect(feed.map((e) => e.position)).toEqual(feed.map((_, i) => String(i + 1)));
    expect(feed).toHaveLength(before + appended.length);
    expect(new Set(feed.map((e) => e.id))).toEqual(
      new Set([...feed.slice(0, before).map((e) => e.id), ...appended.map((e) => e.id)]),
    );
  });
});
