import { FlowProducer, Job, Queue, type FlowJob } from 'bullmq';
import { QueueName, queueTelemetry, redisClient, type QueueRedis, type RedisTopology } from '@mingshi/events';
import {
  ASSEMBLY_JOB_OPTIONS,
  REPORT_SECTIONS,
  SECTION_JOB_OPTIONS,
  SECTION_QUEUES,
  SECTION_SERVICES,
  sectionJobId,
  type SectionJobData,
  type SectionService,
  type SectionSpec,
} from '@mingshi/reports';
import type { ReportJobEntity } from '../entities';
import type { AssemblyJobData } from '../assembly/assembly-job';

/** What the queues say about one report's flow. */
export interface FlowState {
  /** null when the flow's jobs are gone (removed, or never added). */
  assembly: { state: string; failedReason: string | null; result: unknown; attemptsMade: number } | null;
  sections: Partial<
    Record<
      SectionService,
      {
        state: string;
        progress: number;
        failedReason: string | null;
        attemptsMade: number;
        rows: number | null;
      }
    >
  >;
}

/**
 * The connection requests add flows on. Unlike a worker's, it does not queue commands while Redis
 * is away: a request then fails at once (SERVICE_UNAVAILABLE) instead of waiting out its budget.
 */
export async function producerConnection(url: string, topology: RedisTopology = {}): Promise<QueueRedis> {
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true };
  const redis = redisClient(url, options, topology);
  redis.on('error', () => undefined);
  await redis.connect();
  return redis;
}

/**
 * A report's flow on the queues: an assembly job in the reports service over the sections, each
 * on its owning service's queue. A section another one needs runs before it, as its child (the
 * roster's personnel section reads the workshop section's file).
 */
export class ReportFlow {
  private readonly producer: FlowProducer;
  private readonly assembly: Queue;
  private readonly sections: Record<SectionService, Queue>;

  constructor(
    connection: QueueRedis,
    prefix: string,
    /**
     * Whether a report's sections run side by side or one after another. One after another (the
     * default) a report takes one core of the database at a time, whatever its size, so the graph
     * keeps the rest: on 2 cores a province's workshop and personnel aggregates at once took both
     * (docs/performance.md). Side by side suits a deployment whose database has cores to spare.
     */
    private readonly sectionsInParallel = false,
  ) {
    // Each job of the flow carries the requesting trace, so its section and assembly spans join it.
    this.producer = new FlowProducer({ connection, prefix, telemetry: queueTelemetry() });
    this.assembly = new Queue(QueueName.REPORT_ASSEMBLY, { connection, prefix });
    this.sections = Object.fromEntries(
      SECTION_SERVICES.map((service) => [
        service,
        new Queue(SECTION_QUEUES[service], { connection, prefix }),
      ]),
    ) as Record<SectionService, Queue>;
  }

  async start(job: ReportJobEntity, assembly: AssemblyJobData): Promise<void> {
    // REPORT_SECTIONS lists a needed section before the one that needs it.
    const specs = REPORT_SECTIONS[job.kind];
    const sectionJob = (spec: SectionSpec, children: FlowJob[]): FlowJob => {
      const data: SectionJobData = {
        reportId: job.id,
        service: spec.service,
        request: assembly.request,
        requester: job.requester,
      };
      return {
        name: spec.service,
        queueName: SECTION_QUEUES[spec.service],
        data,
        opts: { ...SECTION_JOB_OPTIONS, jobId: sectionJobId(job.id, spec.service) },
        children,
      };
    };
    let children: FlowJob[];
    if (this.sectionsInParallel) {
      // A needed section runs as its dependant's child, not again beside it.
      const needed = new Set(specs.flatMap((spec) => spec.needs ?? []));
      const withNeeds = (spec: SectionSpec): FlowJob =>
        sectionJob(
          spec,
          (spec.needs ?? []).map((service) => withNeeds(specs.find((s) => s.service === service)!)),
        );
      children = specs.filter((spec) => !needed.has(spec.service)).map(withNeeds);
    } else {
      // A chain: each section the child of the next, so each starts when the one before is done.
      const chain = specs.reduce<FlowJob | null>(
        (previous, spec) => sectionJob(spec, previous ? [previous] : []),
        null,
      );
      children = [chain!];
    }
    await this.producer.add({
      name: 'assemble',
      queueName: QueueName.REPORT_ASSEMBLY,
      data: assembly,
      opts: { ...ASSEMBLY_JOB_OPTIONS, jobId: job.id },
      children,
    });
  }

  async state(reportId: string, services: readonly SectionService[]): Promise<FlowState> {
    // Each job's state before its data: a job that finishes between the two reads then shows as
    // still running (the next read catches up), never as finished without its result.
    const read = async (queue: Queue, jobId: string) => {
      const state = await queue.getJobState(jobId);
      const job = await Job.fromId(queue, jobId);
      return job && state !== 'unknown' ? { job, state } : null;
    };
    const [parent, ...sections] = await Promise.all([
      read(this.assembly, reportId),
      ...services.map((service) => read(this.sections[service], sectionJobId(reportId, service))),
    ]);
    const state: FlowState = {
      assembly: parent && {
        state: parent.state,
        failedReason: parent.job.failedReason ?? null,
        result: parent.job.returnvalue ?? null,
        attemptsMade: parent.job.attemptsMade,
      },
      sections: {},
    };
    for (const [index, service] of services.entries()) {
      const found = sections[index];
      if (!found) continue;
      const output = found.job.returnvalue as { rows?: number } | null | undefined;
      state.sections[service] = {
        state: found.state,
        progress: typeof found.job.progress === 'number' ? found.job.progress : 0,
        failedReason: found.job.failedReason ?? null,
        attemptsMade: found.job.attemptsMade,
        rows: typeof output?.rows === 'number' ? output.rows : null,
      };
    }
    return state;
  }

  /**
   * Drops what has not started. A job a worker holds cannot be removed (BullMQ refuses while it is
   * locked); it finishes, and the tracker discards what it produced.
   */
  async cancel(reportId: string): Promise<void> {
    await this.assembly.remove(reportId, { removeChildren: true }).catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([
      this.producer.close(),
      this.assembly.close(),
      ...Object.values(this.sections).map((q) => q.close()),
    ]);
  }
}
