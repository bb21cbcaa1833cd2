import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { mintDevToken, type Principal, Role } from '@mingshi/auth';
import { QueryCounter, createReadDataSource } from '@mingshi/db';
import { IdempotentConsumer, OutboxRelay, createRedisConnection, hashTaggedPrefix } from '@mingshi/events';
import { createLogger, type Logger } from '@mingshi/logger';
import { listen } from '@mingshi/subgraph-server';
import {
  createTestDatabase,
  postGraphQL,
  redisUrl,
  uniqueName,
  type TestDatabase,
  type GraphQLResponse,
} from '@mingshi/testing';
import { composeSupergraph } from '../../gateway/src/compose';
import { gatewayConfig } from '../../gateway/src/config';
import { buildGateway } from '../../gateway/src/server';
import { SUBGRAPHS, subgraphUrlVariable } from '../../gateway/src/subgraphs';
import { personnelConsumer } from '../../services/personnel/src/consumers';
import { personnelDataSource } from '../../services/personnel/src/data-source';
import { buildPersonnelServer } from '../../services/personnel/src/server';
import type { WorkshopSettings } from '../../services/workshop/src/context';
import { WORKSHOP_SCHEMA, workshopDataSource } from '../../services/workshop/src/data-source';
import {
  DEFAULT_HOST_MINIMUM_TITLES,
  parseMinimumTitle,
} from '../../services/workshop/src/rules/host-eligibility';
import { buildWorkshopServer } from '../../services/workshop/src/server';
import { workshopConsumer } from '../../services/workshop/src/consumers';
import { financeConsumer } from '../../services/finance/src/consumers';
import type { FinanceSettings } from '../../services/finance/src/context';
import {
  FINANCE_SCHEMA,
  financeDataSource,
  fundEventPipelineDataSource,
} from '../../services/finance/src/data-source';
import { buildFinanceServer } from '../../services/finance/src/server';
import { evaluationConsumer } from '../../services/evaluation/src/consumers';
import { EVALUATION_SCHEMA, evaluationDataSource } from '../../services/evaluation/src/data-source';
import { buildEvaluationServer } from '../../services/evaluation/src/server';
import { concludeClosedAssessments } from '../../services/evaluation/src/services/consequence-issuer';
import { SectionWorker, type SectionService, type SectionWorkerOptions } from '@mingshi/reports';
import { TEST_STALL_SETTINGS } from './report-fixtures';
import { LocalDirectoryStore, type ObjectStore } from '@mingshi/storage';
import { personnelSectionHandlers, showsPersonalData } from '../../services/personnel/src/report-sections';
import { workshopSectionHandlers } from '../../services/workshop/src/report-sections';
import { financeSectionHandlers } from '../../services/finance/src/report-sections';
import { evaluationSectionHandlers } from '../../services/evaluation/src/report-sections';
import { AssemblyWorker } from '../../services/reports/src/assembly/assembly-worker';
import { reportsDataSource } from '../../services/reports/src/data-source';
import { buildReportsServer } from '../../services/reports/src/server';
import { DownloadLinks } from '../../services/reports/src/services/download-links';
import { ReportFlow, producerConnection } from '../../services/reports/src/services/report-flow';
import { ReportTracker } from '../../services/reports/src/services/report-tracker';
import {
  startFundEventPipeline,
  type FundEventPipeline,
  type FundEventPipelineOptions,
} from '../../services/finance/src/webhooks/pipeline';

export const TEST_SECRETS = {
  jwt: 'test-jwt-secret-that-is-long-enough-0123456789',
  identity: 'test-gateway-identity-secret-long-enough-0123',
  reportDownloads: 'test-report-download-secret-long-enough-012',
};

/**
 * One report store per test process, in the environment: the assembly's sandboxed child reads
 * its store from there, as in production. Report ids are unique, so systems side by side share it.
 */
process.env.REPORT_STORE = 'local';
process.env.REPORT_STORE_DIR ??= path.join(tmpdir(), 'mingshi-test-report-files', String(process.pid));

export const TEST_WORKSHOP_SETTINGS: WorkshopSettings = {
  maxMembers: 12,
  maxTrainees: 30,
  hostMinimumTitles: {
    COUNTY: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.COUNTY),
    CITY: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.CITY),
    PROVINCE: parseMinimumTitle(DEFAULT_HOST_MINIMUM_TITLES.PROVINCE),
  },
};

/** Tests deliver webhooks to receivers on loopback over plain HTTP, which production refuses. */
export const TEST_FINANCE_SETTINGS: FinanceSettings = {
  webhookUrls: { requireHttps: false, allowPrivateAddresses: true },
};

/** Webhook retries in tests: the real schedule's shape in tenths of a second. */
export const TEST_WEBHOOK_SCHEDULE_MS: readonly number[] = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900];

/** What a test may tune of the fund-event pipeline (short delays, a quick fallback timer). */
export type FundEventPipelineSettings = Pick<
  FundEventPipelineOptions,
  'schedule' | 'disableAfterMs' | 'pausedRecheckMs' | 'intervalMs' | 'timeoutMs'
>;

/** The gateway's configuration in tests, read as main.ts reads it, from `env` over the test secrets. */
export function testGatewayConfig(env: NodeJS.ProcessEnv = {}) {
  return gatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    GATEWAY_IDENTITY_SECRET: TEST_SECRETS.identity,
    JWT_SECRET: TEST_SECRETS.jwt,
    ...env,
  });
}

/** The gateway's query limits in tests: the production defaults (README), as the config reads them. */
export const TEST_QUERY_LIMITS = (() => {
  const config = testGatewayConfig();
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_QUERY_ALIASES,
    maxTokens: config.MAX_QUERY_TOKENS,
    maxCost: config.MAX_QUERY_COST,
  };
})();

/** What the fixtures need of a system: operations through its gateway, as a caller. */
export type GraphCaller = Pick<TestSystem, 'gql'>;

export interface TokenRequest {
  role: Role | Role[];
  region: string;
  teacherId?: string;
  schoolId?: string;
  userId?: string;
}

/** A development token for the caller a test names, signed with `secret` (the test systems' own by default). */
export function mintTestToken(request: TokenRequest, secret: string = TEST_SECRETS.jwt): Promise<string> {
  const roles = Array.isArray(request.role) ? request.role : [request.role];
  const principal: Principal = {
    userId: request.userId ?? `${roles[0]!.toLowerCase()}-${request.region}`,
    roles,
    regionCode: request.region,
    ...(request.teacherId ? { teacherId: request.teacherId } : {}),
    ...(request.schoolId ? { schoolId: request.schoolId } : {}),
  };
  return mintDevToken(principal, secret);
}

/**
 * The whole system in one process on real servers: a private copy of the migrated database, the
 * subgraphs on free ports with their event relay and consumers on a private queue prefix, and the
 * real gateway in front of them with real tokens.
 */
export class TestSystem {
  private constructor(
    readonly database: TestDatabase,
    readonly gatewayUrl: string,
    readonly personnel: ServiceUnderTest,
    readonly workshop: ServiceUnderTest,
    readonly finance: ServiceUnderTest,
    /** Moves workshop events to the queues now, instead of waiting for its timer. */
    readonly workshopRelay: OutboxRelay,
    /** Moves finance events (its answers to assessment consequences) to the queues now. */
    readonly financeRelay: OutboxRelay,
    /** Personnel's event consumer: stop it to play an outage, start it to recover. */
    readonly personnelInbox: Switchable,
    /** Finance's event consumer (studio revocations freeze funds). */
    readonly financeInbox: Switchable,
    /** Workshop's event consumer (assessment results deciding a studio's status). */
    readonly workshopInbox: Switchable,
    /** Finance's fund-event pipeline (sequencer, fan-out, webhook delivery): stop it to play a crash. */
    readonly fundEvents: SwitchablePipeline,
    readonly evaluation: ServiceUnderTest,
    /** Moves evaluation's events (assessment consequences) to the queues now. */
    readonly evaluationRelay: OutboxRelay,
    /** Evaluation's event consumer (how consequences were carried out). */
    readonly evaluationInbox: Switchable,
    /** This system's private BullMQ key prefix. */
    readonly queuePrefix: string,
    /** Where each subgraph answers, by `<NAME>_URL`, as the gateway is configured. */
    private readonly subgraphEnv: NodeJS.ProcessEnv,
    private readonly logger: Logger,
    private readonly stops: (() => Promise<void>)[],
    readonly reports: ServiceUnderTest,
    /** The object store report sections and files go to (a directory of this test process). */
    readonly reportStore: ObjectStore,
    /** Reads report flows back from the queues; its timer runs every 200 ms, `sweep()` runs it now. */
    readonly reportTracker: ReportTracker,
    /** Each owning service's section worker: stop one to play an outage, start it to recover. */
    readonly sectionWorkers: Record<SectionService, SwitchableSectionWorker>,
  ) {}

  /** Shortcuts kept for the personnel tests. */
  get personnelUrl(): string {
    return this.personnel.url;
  }
  get personnelQueries(): QueryCounter {
    return this.personnel.queries;
  }
  get personnelDb(): DataSource {
    return this.personnel.db;
  }

  static async start(
    options: {
      workshop?: Partial<WorkshopSettings>;
      finance?: Partial<FinanceSettings>;
      fundEvents?: Partial<FundEventPipelineSettings>;
      requestBudgetMs?: number;
      gatewayEnv?: NodeJS.ProcessEnv;
      /** Run report sections side by side (REPORT_SECTIONS_IN_PARALLEL) instead of in a chain. */
      reportSectionsInParallel?: boolean;
      /**
       * Give every service that reads from replicas (REPLICA_READERS) a read pool, as
       * DATABASE_READ_URL does: on this same database, told apart by its application name
       * (`<service>-read`) and its own statement counter (`ServiceUnderTest.read`).
       */
      readReplicas?: boolean;
    } = {},
  ): Promise<TestSystem> {
    const template = process.env.MINGSHI_TEST_TEMPLATE;
    if (!template) throw new Error('MINGSHI_TEST_TEMPLATE is unset: run tests through jest (globalSetup)');
    const database = await createTestDatabase({ template });
    const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');
    const stops: (() => Promise<void>)[] = [];
    const redis = createRedisConnection(redisUrl());
    // Tagged as every process's config tags QUEUE_PREFIX, so the gateway's channels match.
    const prefix = hashTaggedPrefix(uniqueName('test'));
    stops.push(async () => {
      await redis.quit();
    });
    const readPoolOf = async (primary: DataSource): Promise<ReadPool | undefined> => {
      if (!options.readReplicas) return undefined;
      const queries = new QueryCounter();
      return { queries, db: await createReadDataSource(primary, database.appUrl, queries).initialize() };
    };

    const personnelQueries = new QueryCounter();
    const personnelDb = await personnelDataSource(database.appUrl, personnelQueries).initialize();
    const personnelRead = await readPoolOf(personnelDb);
    const personnel = await buildPersonnelServer({
      dataSource: personnelDb,
      readDataSource: personnelRead?.db,
      identitySecret: TEST_SECRETS.identity,
      logger,
      settings: { requiredTrainingHours: 72 },
      exposeInternals: false,
      requestBudgetMs: options.requestBudgetMs,
      readiness: { redis: () => redis.ping() },
    });
    const personnelUrl = `http://127.0.0.1:${await listen(personnel.httpServer, 0, '127.0.0.1')}/graphql`;
    const personnelInbox = new Switchable(() =>
      personnelConsumer({ dataSource: personnelDb, connection: redis, prefix, logger }),
    );
    personnelInbox.start();
    stops.unshift(async () => {
      await personnel.stop();
      await personnelInbox.stop();
      await personnelRead?.db.destroy();
      await personnelDb.destroy();
    });

    const workshopQueries = new QueryCounter();
    const workshopDb = await workshopDataSource(database.appUrl, workshopQueries).initialize();
    const workshopRead = await readPoolOf(workshopDb);
    const workshopSettings = { ...TEST_WORKSHOP_SETTINGS, ...options.workshop };
    const workshop = await buildWorkshopServer({
      dataSource: workshopDb,
      readDataSource: workshopRead?.db,
      identitySecret: TEST_SECRETS.identity,
      logger,
      personnelUrl,
      settings: workshopSettings,
      exposeInternals: false,
      requestBudgetMs: options.requestBudgetMs,
      readiness: { redis: () => redis.ping() },
    });
    const workshopUrl = `http://127.0.0.1:${await listen(workshop.httpServer, 0, '127.0.0.1')}/graphql`;
    const workshopInbox = new Switchable(() =>
      workshopConsumer({
        dataSource: workshopDb,
        connection: redis,
        prefix,
        logger,
        personnelUrl,
        identitySecret: TEST_SECRETS.identity,
        settings: workshopSettings,
      }),
    );
    workshopInbox.start();
    // The relay runs on demand in tests (relayOnce), so what is delivered when is under the test's control.
    const workshopRelay = new OutboxRelay({
      dataSource: workshopDb,
      schema: WORKSHOP_SCHEMA,
      connection: redis,
      prefix,
      logger,
    });
    stops.unshift(async () => {
      await workshop.stop();
      await workshopInbox.stop();
      await workshopRelay.stop();
      await workshopRead?.db.destroy();
      await workshopDb.destroy();
    });

    const financeQueries = new QueryCounter();
    const financeDb = await financeDataSource(database.appUrl, financeQueries).initialize();
    const financeRead = await readPoolOf(financeDb);
    const financeSettings = { ...TEST_FINANCE_SETTINGS, ...options.finance };
    const finance = await buildFinanceServer({
      dataSource: financeDb,
      readDataSource: financeRead?.db,
      identitySecret: TEST_SECRETS.identity,
      logger,
      workshopUrl,
      personnelUrl,
      settings: financeSettings,
      exposeInternals: false,
      requestBudgetMs: options.requestBudgetMs,
      readiness: { redis: () => redis.ping() },
    });
    const financeUrl = `http://127.0.0.1:${await listen(finance.httpServer, 0, '127.0.0.1')}/graphql`;
    const financeInbox = new Switchable(() =>
      financeConsumer({ dataSource: financeDb, connection: redis, prefix, logger }),
    );
    financeInbox.start();
    const financeRelay = new OutboxRelay({
      dataSource: financeDb,
      schema: FINANCE_SCHEMA,
      connection: redis,
      prefix,
      logger,
    });
    // A pool of its own, so that the SQL a test counts is the requests' alone.
    const pipelineDb = await fundEventPipelineDataSource(database.appUrl).initialize();
    const fundEvents = new SwitchablePipeline(() =>
      startFundEventPipeline({
        dataSource: pipelineDb,
        redis,
        prefix,
        logger,
        databaseUrl: database.appUrl,
        urlPolicy: financeSettings.webhookUrls,
        timeoutMs: 5_000,
        schedule: TEST_WEBHOOK_SCHEDULE_MS,
        pausedRecheckMs: 200,
        intervalMs: 1_000,
        ...options.fundEvents,
      }),
    );
    await fundEvents.start();
    stops.unshift(async () => {
      await finance.stop();
      await financeInbox.stop();
      await financeRelay.stop();
      await fundEvents.stop();
      await pipelineDb.destroy();
      await financeRead?.db.destroy();
      await financeDb.destroy();
    });

    const evaluationQueries = new QueryCounter();
    const evaluationDb = await evaluationDataSource(database.appUrl, evaluationQueries).initialize();
    const evaluationRead = await readPoolOf(evaluationDb);
    const evaluation = await buildEvaluationServer({
      dataSource: evaluationDb,
      readDataSource: evaluationRead?.db,
      identitySecret: TEST_SECRETS.identity,
      logger,
      workshopUrl,
      financeUrl,
      personnelUrl,
      exposeInternals: false,
      requestBudgetMs: options.requestBudgetMs,
      readiness: { redis: () => redis.ping() },
    });
    const evaluationUrl = `http://127.0.0.1:${await listen(evaluation.httpServer, 0, '127.0.0.1')}/graphql`;
    const evaluationRelay = new OutboxRelay({
      dataSource: evaluationDb,
      schema: EVALUATION_SCHEMA,
      connection: redis,
      prefix,
      logger,
    });
    const evaluationInbox = new Switchable(() =>
      evaluationConsumer({ dataSource: evaluationDb, connection: redis, prefix, logger }),
    );
    evaluationInbox.start();
    stops.unshift(async () => {
      await evaluation.stop();
      await evaluationInbox.stop();
      await evaluationRelay.stop();
      await evaluationRead?.db.destroy();
      await evaluationDb.destroy();
    });

    const reportStore = new LocalDirectoryStore(process.env.REPORT_STORE_DIR!);
    const sectionWorker = (
      service: SectionService,
      databases: Pick<SectionWorkerOptions, 'dataSource' | 'readDataSource' | 'needsPrimary'>,
      handlers: SectionHandlers,
    ) =>
      new SwitchableSectionWorker(
        () =>
          new SectionWorker({
            service,
            ...databases,
            store: reportStore,
            handlers,
            connection: redis,
            prefix,
            logger,
            stall: TEST_STALL_SETTINGS,
          }),
      );
    const sectionWorkers: Record<SectionService, SwitchableSectionWorker> = {
      personnel: sectionWorker(
        'personnel',
        { dataSource: personnelDb, readDataSource: personnelRead?.db, needsPrimary: showsPersonalData },
        personnelSectionHandlers({ requiredTrainingHours: 72 }),
      ),
      workshop: sectionWorker(
        'workshop',
        { dataSource: workshopDb, readDataSource: workshopRead?.db },
        workshopSectionHandlers(),
      ),
      finance: sectionWorker(
        'finance',
        { dataSource: financeDb, readDataSource: financeRead?.db },
        financeSectionHandlers(),
      ),
      evaluation: sectionWorker(
        'evaluation',
        { dataSource: evaluationDb, readDataSource: evaluationRead?.db },
        evaluationSectionHandlers(),
      ),
    };
    for (const worker of Object.values(sectionWorkers)) worker.start();
    stops.unshift(async () => {
      for (const worker of Object.values(sectionWorkers)) await worker.stop();
    });

    const reportsQueries = new QueryCounter();
    const reportsDb = await reportsDataSource(database.appUrl, reportsQueries).initialize();
    const producer = await producerConnection(redisUrl());
    const flow = new ReportFlow(producer, prefix, options.reportSectionsInParallel);
    const reportTracker = new ReportTracker(reportsDb, flow, reportStore, logger, 30);
    const assembly = new AssemblyWorker({
      connection: redis,
      prefix,
      tracker: reportTracker,
      logger,
      concurrency: 1,
      stall: TEST_STALL_SETTINGS,
    });
    let gatewayBase = '';
    const reports = await buildReportsServer({
      dataSource: reportsDb,
      identitySecret: TEST_SECRETS.identity,
      logger,
      flow,
      store: reportStore,
      links: new DownloadLinks(TEST_SECRETS.reportDownloads, () => gatewayBase),
      exposeInternals: false,
      requestBudgetMs: options.requestBudgetMs,
      readiness: { redis: () => redis.ping() },
    });
    const reportsUrl = `http://127.0.0.1:${await listen(reports.httpServer, 0, '127.0.0.1')}/graphql`;
    assembly.start();
    const sweep = setInterval(() => {
      reportTracker
        .sweep()
        .catch((error: unknown) => logger.warn({ err: (error as Error).message }, 'report sweep failed'));
    }, 200);
    stops.unshift(async () => {
      clearInterval(sweep);
      await reports.stop();
      await assembly.stop();
      await flow.close();
      await producer.quit();
      await reportsDb.destroy();
    });

    const urls: Record<string, string> = {
      personnel: personnelUrl,
      workshop: workshopUrl,
      finance: financeUrl,
      evaluation: evaluationUrl,
      reports: reportsUrl,
    };
    const env = Object.fromEntries(SUBGRAPHS.map((s) => [subgraphUrlVariable(s.name), urls[s.name]]));
    const gateway = await buildGateway({
      supergraphSdl: composeSupergraph(env),
      logger,
      // Subscriptions are woken on this system's own channel, so systems running side by side
      // never wake each other.
      config: testGatewayConfig({ QUEUE_PREFIX: prefix, ...options.gatewayEnv }),
      notifications: createRedisConnection(redisUrl()),
    });
    const gatewayPort = await listen(gateway.httpServer, 0, '127.0.0.1');
    gatewayBase = `http://127.0.0.1:${gatewayPort}`;
    stops.unshift(gateway.stop);

    return new TestSystem(
      database,
      `http://127.0.0.1:${gatewayPort}/graphql`,
      { url: personnelUrl, queries: personnelQueries, db: personnelDb, read: personnelRead },
      { url: workshopUrl, queries: workshopQueries, db: workshopDb, read: workshopRead },
      { url: financeUrl, queries: financeQueries, db: financeDb, read: financeRead },
      workshopRelay,
      financeRelay,
      personnelInbox,
      financeInbox,
      workshopInbox,
      fundEvents,
      { url: evaluationUrl, queries: evaluationQueries, db: evaluationDb, read: evaluationRead },
      evaluationRelay,
      evaluationInbox,
      prefix,
      env,
      logger,
      stops,
      { url: reportsUrl, queries: reportsQueries, db: reportsDb },
      reportStore,
      reportTracker,
      sectionWorkers,
    );
  }

  async stop(): Promise<void> {
    for (const stop of this.stops) await stop();
    await this.database.drop();
  }

  /**
   * Another gateway in front of this system's subgraphs, for tests of the gateway's own settings:
   * `env` configures it (NODE_ENV, GATEWAY_TIMEOUT_MS …) and may point a subgraph elsewhere
   * (`WORKSHOP_URL`). It stops with the system; the answer is its /graphql URL.
   */
  async startGateway(env: NodeJS.ProcessEnv = {}): Promise<string> {
    const gateway = await buildGateway({
      supergraphSdl: composeSupergraph({ ...this.subgraphEnv, ...env }),
      logger: this.logger,
      config: testGatewayConfig(env),
    });
    const port = await listen(gateway.httpServer, 0, '127.0.0.1');
    this.stops.unshift(gateway.stop);
    return `http://127.0.0.1:${port}/graphql`;
  }

  /**
   * Delivers pending workshop events now and waits until personnel and finance have handled them.
   * Whatever workshop's own inbox holds is handled first, so the events it causes go out too.
   */
  async deliverWorkshopEvents(): Promise<void> {
    await this.workshopInbox.drain();
    await this.workshopRelay.relayOnce();
    await this.personnelInbox.drain();
    await this.financeInbox.drain();
  }

  /**
   * Makes final the results whose appeal window has closed, as evaluation's timer would, and sends
   * their consequences on; answers how many assessments it concluded.
   */
  async concludeAssessments(): Promise<number> {
    return concludeClosedAssessments(this.evaluation.db, this.logger);
  }

  /**
   * Carries sent consequences all the way, now: evaluation's decisions to workshop and finance, their
   * effects (a revocation's own event to finance) and their answers back to evaluation.
   */
  async deliverConsequences(): Promise<void> {
    await this.evaluationRelay.relayOnce();
    await this.workshopInbox.drain();
    await this.financeInbox.drain();
    await this.workshopRelay.relayOnce();
    await this.financeRelay.relayOnce();
    await this.financeInbox.drain();
    await this.evaluationInbox.drain();
  }

  token(request: TokenRequest): Promise<string> {
    return mintTestToken(request);
  }

  /** One operation through the gateway as the given caller (a token string or a token request). */
  async gql<TData = Record<string, any>>(
    as: TokenRequest | string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<TData>> {
    const token = as === null ? null : typeof as === 'string' ? as : await this.token(as);
    return postGraphQL<TData>(
      this.gatewayUrl,
      query,
      variables,
      token ? { authorization: `Bearer ${token}` } : {},
    );
  }
}

type SectionHandlers = ConstructorParameters<typeof SectionWorker>[0]['handlers'];
/** One subgraph under test: where it answers, its SQL counter, its app-role DataSource. */
export interface ServiceUnderTest {
  url: string;
  queries: QueryCounter;
  db: DataSource;
  /** Its read pool and that pool's own SQL counter, when the system was started with readReplicas. */
  read?: ReadPool;
}

/** A service's read pool in tests (TestSystem.start's readReplicas). */
export interface ReadPool {
  queries: QueryCounter;
  db: DataSource;
}

/** A consumer that a test can take down and bring back, as an outage would. */
export class Switchable {
  private consumer: IdempotentConsumer | null = null;

  constructor(private readonly create: () => IdempotentConsumer) {}

  start(): void {
    this.consumer ??= this.create();
    this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    this.consumer = null;
  }

  /** Waits until the consumer's queue has nothing waiting or active. */
  async drain(timeoutMs = 10_000): Promise<void> {
    if (!this.consumer) throw new Error('the consumer is stopped: nothing would drain');
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.consumer.idle()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('events were not handled in time');
  }
}

/** A service's report-section worker, which a test can take down and bring back. */
export class SwitchableSectionWorker {
  private worker: SectionWorker | null = null;

  constructor(private readonly create: () => SectionWorker) {}

  start(): void {
    if (this.worker) return;
    this.worker = this.create();
    this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    this.worker = null;
  }
}

/** The fund-event pipeline, which a test can take down (a crash) and bring back. */
export class SwitchablePipeline {
  private pipeline: FundEventPipeline | null = null;

  constructor(private readonly create: () => Promise<FundEventPipeline>) {}

  async start(): Promise<void> {
    this.pipeline ??= await this.create();
  }

  async stop(): Promise<void> {
    await this.pipeline?.stop();
    this.pipeline = null;
  }

  /** Sequences, hands out and queues what is pending now, without waiting for deliveries. */
  async runOnce(): Promise<void> {
    await this.running().runOnce();
  }

  /** Waits until every event is sequenced and every delivery to an active endpoint is finished. */
  async drain(timeoutMs = 30_000): Promise<void> {
    await this.running().drain(timeoutMs);
  }

  private running(): FundEventPipeline {
    if (!this.pipeline) throw new Error('the fund-event pipeline is stopped: nothing would drain');
    return this.pipeline;
  }
}
