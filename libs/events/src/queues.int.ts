import { once } from 'node:events';
import { FlowProducer, Queue, Worker } from 'bullmq';
import { redisUrl, uniqueName } from '@mingshi/testing';
import { QueueName, hashTaggedPrefix } from './queues';
import { createRedisConnection } from './redis-connection';

/**
 * A flow across queues, as reports runs one (its assembly over sections on other services'
 * queues), under the hash-tagged prefix: it goes through, and every key of both queues is inside
 * the one tag, so a Redis Cluster keeps them in one slot as BullMQ's scripts need.
 */
describe('a flow across queues under the tagged prefix', () => {
  const connection = createRedisConnection(redisUrl());
  const prefix = hashTaggedPrefix(uniqueName('mingshi'));
  const closing: { close: () => Promise<unknown> }[] = [];

  afterAll(async () => {
    for (const name of [QueueName.REPORT_ASSEMBLY, QueueName.PERSONNEL_REPORT_SECTIONS]) {
      const queue = new Queue(name, { connection, prefix });
      await queue.obliterate({ force: true });
      closing.push(queue);
    }
    for (const resource of closing) await resource.close();
    connection.disconnect();
  });

  it('runs the child on its queue, then the parent on another, every key inside the tag', async () => {
    const section = new Worker(QueueName.PERSONNEL_REPORT_SECTIONS, async () => ({ rows: 3 }), {
      connection,
      prefix,
    });
    const assembly = new Worker(
      QueueName.REPORT_ASSEMBLY,
      async (job) => Object.values(await job.getChildrenValues<{ rows: number }>())[0]!.rows * 2,
      { connection, prefix },
    );
    const flows = new FlowProducer({ connection, prefix });
    closing.push(section, assembly, flows);

    const assembled = once(assembly, 'completed');
    await flows.add({
      name: 'assemble',
      queueName: QueueName.REPORT_ASSEMBLY,
      children: [{ name: 'personnel', queueName: QueueName.PERSONNEL_REPORT_SECTIONS }],
    });
    const [, result] = await assembled;
    expect(result).toBe(6);

    const keys: string[] = [];
    for await (const batch of connection.scanStream({ match: `${prefix}*`, count: 1000 }))
      keys.push(...batch);
    const queues = new Set(keys.map((key) => key.slice(prefix.length + 1).split(':')[0]));
    expect(queues).toEqual(new Set([QueueName.REPORT_ASSEMBLY, QueueName.PERSONNEL_REPORT_SECTIONS]));
    expect(keys.filter((key) => !key.startsWith(`${prefix}:`))).toEqual([]);
  });
});
