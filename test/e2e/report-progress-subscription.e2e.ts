import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from '../harness/fixtures';
import { THIS_YEAR } from '../harness/finance-fixtures';
import { eventually } from '../harness/fund-event-fixtures';
import { requested } from '../harness/report-fixtures';
import { TestSystem, type TokenRequest } from '../harness/system';
import { foundStudio } from '../harness/workshop-fixtures';

/**
 * Following a report job over graphql-ws: Subscription.reportJob sends the job now, then each
 * change, and completes once it has finished; what the query refuses, the subscription refuses.
 */
const WEST = '510403';
const EAST = '510402';
const westOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: WEST, userId: 'west-office' };
const eastOffice: TokenRequest = { role: Role.COUNTY_OFFICE, region: EAST, userId: 'east-office' };

const FOLLOW = `subscription ($id: ID!) {
  reportJob(id: $id) { id status progress sections { service status progress } }
}`;
/** A selection without `status`: the watch reads it for itself and must not send it. */
const QUIET = `subscription ($id: ID!) { reportJob(id: $id) { progress sections { service status } } }`;

interface Followed {
  id: string;
  status: string;
  progress: number;
  sections: { service: string; status: string; progress: number }[];
}

const fundUsage = (regionCode: string) => ({
  kind: 'FUND_USAGE',
  regionCode,
  year: THIS_YEAR,
  format: 'CSV',
});
/** A section as the API names it (PERSONNEL …); the test system's workers are keyed personnel …. */
const section = (service: string, status: string, progress: number) => ({
  service: service.toUpperCase(),
  status,
  progress,
});

describe('a report job followed by subscription', () => {
  let system: TestSystem;
  const clients: Client[] = [];

  beforeAll(async () => {
    // The watch runs its query every 200 ms here (1 s by default).
    system = await TestSystem.start({ gatewayEnv: { SUBSCRIPTION_WATCH_MS: '200' } });
    const school = await createSchool(system, WEST);
    await createTeacher(system, school, WEST, { name: '李老师' });
    await foundStudio(system, { countyCode: WEST, school, name: '西区进度订阅工作室' });
  }, 120_000);

  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await system?.stop();
  });

  async function connect(as: TokenRequest | null): Promise<Client> {
    const token = as ? await system.token(as) : null;
    const client = createClient({
      url: system.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      retryAttempts: 0,
      lazy: true,
    });
    clients.push(client);
    return client;
  }

  /** Collects what a subscription sends, and how it ended: completed, or failed. */
  function follow<T = Followed>(client: Client, id: string, query = FOLLOW) {
    const jobs: T[] = [];
    const errors: unknown[] = [];
    let ended: 'completed' | 'failed' | null = null;
    const unsubscribe = client.subscribe<{ reportJob: T }>(
      { query, variables: { id } },
      {
        next: (message) => {
          if (message.errors) errors.push(...message.errors);
          if (message.data) jobs.push(message.data.reportJob);
        },
        error: (error) => {
          errors.push(error);
          ended = 'failed';
        },
        complete: () => {
          ended = 'completed';
        },
      },
    );
    return { jobs, errors, ended: () => ended, unsubscribe };
  }

  const ended = (followed: { ended: () => string | null }, what: string) =>
    eventually(
      async () => followed.ended(),
      (end) => end !== null,
      60_000,
      what,
    );

  it('sends the job as it is, then each change, and completes once it has succeeded', async () => {
    const services = ['personnel', 'workshop', 'finance'] as const;
    const client = await connect(westOffice);
    try {
      for (const service of services) await system.sectionWorkers[service].stop();
      const job = await requested(system, westOffice, fundUsage(WEST));
      const live = follow(client, job.id);
      const quiet = follow<Omit<Followed, 'status' | 'sections'> & { sections: object[] }>(
        client,
        job.id,
        QUIET,
      );
      await eventually(
        async () => live.jobs.length,
        (n) => n > 0,
        10_000,
        'the first message',
      );
      expect(live.jobs[0]).toEqual({
        id: job.id,
        status: 'QUEUED',
        progress: 0,
        sections: services.map((service) => section(service, 'QUEUED', 0)),
      });

      // Nothing changes while no section runs: the same answer is not sent again.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(live.jobs).toHaveLength(1);
      expect(quiet.jobs).toEqual([
        {
          progress: 0,
          sections: services.map((service) => ({ service: service.toUpperCase(), status: 'QUEUED' })),
        },
      ]);

      // A connection holds ten subscriptions (these two and eight more); the eleventh is refused.
      const more = Array.from({ length: 8 }, () => follow(client, job.id));
      await eventually(async () => more.every((m) => m.jobs.length === 1), Boolean, 10_000, 'ten watches');
      const eleventh = follow(client, job.id);
      await ended(eleventh, 'the eleventh subscription refused');
      expect(eleventh.jobs).toEqual([]);
      expect(JSON.stringify(eleventh.errors)).toMatch(/At most 10 subscriptions per connection/);
      // Closing one frees its place.
      more.pop()!.unsubscribe();
      const replacement = follow(client, job.id);
      await eventually(
        async () => replacement.jobs.length,
        (n) => n === 1,
        10_000,
        'a freed place',
      );
      for (const m of [...more, replacement]) m.unsubscribe();

      // One section of three done: 100 / 3 × 0.9 = 30 % (the last 10 % is the rendering).
      system.sectionWorkers.personnel.start();
      const oneDone = await eventually(
        async () => live.jobs.at(-1)!,
        (last) => last.sections[0]!.status === 'SUCCEEDED',
        30_000,
        'the personnel section done',
      );
      expect(oneDone).toEqual({
        id: job.id,
        status: 'RUNNING',
        progress: 30,
        sections: [
          section('personnel', 'SUCCEEDED', 100),
          section('workshop', 'QUEUED', 0),
          section('finance', 'QUEUED', 0),
        ],
      });

      system.sectionWorkers.workshop.start();
      system.sectionWorkers.finance.start();
      expect(await ended(live, 'the subscription')).toBe('completed');
      expect(live.errors).toEqual([]);
      expect(live.jobs.at(-1)).toEqual({
        id: job.id,
        status: 'SUCCEEDED',
        progress: 100,
        sections: services.map((service) => section(service, 'SUCCEEDED', 100)),
      });
      // Each message differs from the one before it, progress only grows, and only the last succeeded.
      live.jobs.slice(1).forEach((message, i) => {
        expect(message).not.toEqual(live.jobs[i]);
        expect(message.progress).toBeGreaterThanOrEqual(live.jobs[i]!.progress);
      });
      expect(live.jobs.filter((message) => message.status === 'SUCCEEDED')).toHaveLength(1);
      expect(live.jobs.map((message) => message.status)).toEqual([
        'QUEUED',
        ...Array<string>(live.jobs.length - 2).fill('RUNNING'),
        'SUCCEEDED',
      ]);

      // Without `status` selected the watch still stops there, and never sends it.
      expect(await ended(quiet, 'the quiet subscription')).toBe('completed');
      expect(quiet.jobs.every((message) => !('status' in message))).toBe(true);
      expect(quiet.jobs.at(-1)).toEqual({
        progress: 100,
        sections: services.map((service) => ({ service: service.toUpperCase(), status: 'SUCCEEDED' })),
      });

      // Polling answers what the subscription ended on; a finished job is one message, then done.
      const polled = await system.gql<{ reportJob: Followed }>(
        westOffice,
        `query ($id: ID!) { reportJob(id: $id) { id status progress sections { service status progress } } }`,
        { id: job.id },
      );
      const again = follow(client, job.id);
      expect(await ended(again, 'the subscription to a finished job')).toBe('completed');
      expect(again.jobs).toEqual([polled.data!.reportJob]);
      expect(again.errors).toEqual([]);
    } finally {
      for (const service of services) system.sectionWorkers[service].start();
    }
  });

  it('answers NOT_FOUND for another county’s job, as the query does, and completes', async () => {
    const eastJob = await requested(system, eastOffice, fundUsage(EAST));
    const notFound = [
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    ];

    const west = follow(await connect(westOffice), eastJob.id);
    expect(await ended(west, 'the west office’s subscription')).toBe('completed');
    expect(west.jobs).toEqual([]);
    expect(west.errors).toEqual(notFound);

    const missing = follow(await connect(westOffice), '5b0c6f5e-2f3a-4c1d-9e7b-8a6d4c2b1f00');
    expect(await ended(missing, 'the subscription to no job')).toBe('completed');
    expect(missing.jobs).toEqual([]);
    expect(missing.errors).toEqual(notFound);

    // The job is there for its own county.
    const east = follow(await connect(eastOffice), eastJob.id);
    expect(await ended(east, 'the east office’s subscription')).toBe('completed');
    expect(east.errors).toEqual([]);
    expect(east.jobs.at(-1)).toEqual(
      expect.objectContaining({ id: eastJob.id, status: 'SUCCEEDED', progress: 100 }),
    );
  });

  it('refuses a connection without a token', async () => {
    const job = await requested(system, westOffice, fundUsage(WEST));
    const anonymous = follow(await connect(null), job.id);
    expect(await ended(anonymous, 'the anonymous socket')).toBe('failed');
    expect(anonymous.jobs).toEqual([]);
    // graphql-ws closes the socket with 4403 Forbidden.
    expect(anonymous.errors).toEqual([expect.objectContaining({ code: 4403 })]);
  });
});
