import { filterScope, regionCodeProblem } from '@mingshi/auth';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  ServiceUnavailableError,
  chinaToday,
  isUuid,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import { fetchConnection } from '@mingshi/db';
import { REPORT_SECTIONS, type ReportRequest } from '@mingshi/reports';
import type { ReportsContext } from '../context';
import { ReportJobEntity, type SectionState } from '../entities';
import type { ReportJobFilter, RequestReportInput } from '../generated/resolvers-types';
import {
  mayCancelReport,
  masksPersonalData,
  mayRequestReports,
  maySeeReport,
} from '../rules/report-permissions';
import { requestKey } from '../rules/request-key';

/**
 * Asks for a report. The in-flight job for the same request is answered if there is one (the
 * partial unique index makes that hold under races too); otherwise a job is recorded and its
 * flow added to the queues before the request commits, so a job is never left without its work.
 */
export async function requestReport(
  ctx: ReportsContext,
  input: RequestReportInput,
): Promise<ReportJobEntity> {
  const check = new InputCheck('input');
  check.year(input.period.year, 'period.year', Number(chinaToday().slice(0, 4)));
  check.expect('regionCode', regionCodeProblem(input.regionCode));
  check.done();
  if (!mayRequestReports(ctx.principal)) {
    throw new ForbiddenError('Only education offices and analysts may request reports');
  }
  filterScope(ctx.principal, input.regionCode, 'input.regionCode');
  const request: ReportRequest = {
    kind: input.kind,
    regionCode: input.regionCode,
    year: input.period.year,
    masked: masksPersonalData(ctx.principal),
  };
  const key = requestKey(request, input.format);
  return ctx.tx.atomically(async (manager) => {
    const jobs = manager.getRepository(ReportJobEntity);
    const inFlight = () =>
      jobs
        .createQueryBuilder('j')
        .where('j.request_key = :key AND j.status IN (:...open)', { key, open: ['QUEUED', 'RUNNING'] })
        .getOne();
    const existing = await inFlight();
    if (existing) return existing;
    const candidate = input.options?.regenerate
      ? null
      : await jobs
          .createQueryBuilder('j')
          .where('j.request_key = :key AND j.status = :done AND j.file_removed_at IS NULL', {
            key,
            done: 'SUCCEEDED',
          })
          .orderBy('j.finished_at', 'DESC')
          .getOne();
    const sections: SectionState[] = REPORT_SECTIONS[request.kind].map(({ service }) => ({
      service,
      status: 'QUEUED',
      progress: 0,
      rows: null,
      error: null,
    }));
    const inserted: ReportJobEntity[] = await manager.query(
      `INSERT INTO reports.report_job
         (kind, region_code, year, format, masked, request_key, sections, requested_by, requester, reuse_candidate_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (request_key) WHERE status IN ('QUEUED', 'RUNNING') DO NOTHING
       RETURNING id`,
      [
        request.kind,
        request.regionCode,
        request.year,
        input.format,
        request.masked,
        key,
        JSON.stringify(sections),
        ctx.principal.userId,
        JSON.stringify(ctx.principal),
        candidate?.id ?? null,
      ],
    );
    // Another request for the same report committed between our look and our insert.
    if (inserted.length === 0) return (await inFlight())!;
    const job = (await jobs.findOneBy({ id: inserted[0]!.id }))!;
    try {
      await ctx.flow.start(job, {
        reportId: job.id,
        request,
        format: input.format,
        reuse:
          candidate?.fileKey && candidate.sectionDigests
            ? { reportId: candidate.id, fileKey: candidate.fileKey, sectionDigests: candidate.sectionDigests }
            : null,
      });
    } catch (error) {
      ctx.logger.warn({ err: (error as Error).message }, 'report queue unavailable');
      throw new ServiceUnavailableError(
        'The report queue is unavailable; nothing was requested. Try again shortly',
      );
    }
    return job;
  });
}

/** A job the caller may see, or NOT_FOUND as for one that does not exist. */
export async function getReportJob(ctx: ReportsContext, id: string): Promise<ReportJobEntity> {
  if (!isUuid(id)) throw new NotFoundError(`No report job ${id}`, 'id');
  const job = mayRequestReports(ctx.principal) ? await ctx.loaders.job.load(id) : null;
  if (!job || !maySeeReport(ctx.principal, job)) throw new NotFoundError(`No report job ${id}`, 'id');
  return job;
}

export async function cancelReport(ctx: ReportsContext, id: string): Promise<ReportJobEntity> {
  const job = await getReportJob(ctx, id);
  if (!mayCancelReport(ctx.principal, job)) {
    throw new ForbiddenError('Only the requester or an office may cancel a report');
  }
  if (job.status !== 'QUEUED' && job.status !== 'RUNNING') {
    throw new ConflictError(`Report job ${id} has already finished (${job.status})`);
  }
  const cancelled = await ctx.tx.atomically(async (manager) => {
    const now = new Date();
    const result = await manager
      .createQueryBuilder()
      .update(ReportJobEntity)
      .set({ status: 'CANCELLED', finishedAt: now, expiresAt: now, error: null })
      .where('id = :id AND status IN (:...open)', { id, open: ['QUEUED', 'RUNNING'] })
      .execute();
    return result.affected ? manager.getRepository(ReportJobEntity).findOneByOrFail({ id }) : null;
  });
  if (!cancelled) throw new ConflictError(`Report job ${id} finished before it could be cancelled`);
  await ctx.flow.cancel(id);
  return cancelled;
}

export async function listReportJobs(
  ctx: ReportsContext,
  filter: ReportJobFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<ReportJobEntity>> {
  const page = readPage(pageArgs);
  if (!mayRequestReports(ctx.principal)) {
    throw new ForbiddenError('Only education offices and analysts read report jobs');
  }
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const query = (await ctx.tx.manager())
    .getRepository(ReportJobEntity)
    .createQueryBuilder('j')
    .where('j.region_code BETWEEN :lo AND :hi', range);
  if (masksPersonalData(ctx.principal)) query.andWhere('j.masked');
  if (filter?.kind) query.andWhere('j.kind = :kind', { kind: filter.kind });
  if (filter?.status) query.andWhere('j.status = :status', { status: filter.status });
  return fetchConnection(query, page, {
    columns: ['j.requested_at', 'j.id'],
    valuesOf: (j) => [j.requestedAt.toISOString(), j.id],
    descending: true,
  });
}
