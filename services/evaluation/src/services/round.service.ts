import { covers, filterScope } from '@mingshi/auth';
import { fetchConnection } from '@mingshi/db';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  isIsoDate,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import { AssessmentEntity, AssessmentRoundEntity } from '../entities';
import type { AssessmentRoundFilter, OpenAssessmentRoundInput } from '../generated/resolvers-types';
import { actingOffice } from '../rules/permissions';
import { periodProblem } from '../rules/period';
import { getScheme } from './scheme.service';

const DEFAULT_APPEAL_WINDOW_DAYS = 15;
const DEFAULT_RECTIFICATION_DAYS = 90;
/** Host schools are asked about in chunks, so a province's round is a handful of requests. */
const SCHOOL_CHUNK = 500;

/** A round the caller may see (its office's region, or one above the caller's). */
export async function getRound(
  ctx: EvaluationContext,
  id: string,
  field = 'id',
): Promise<AssessmentRoundEntity> {
  const round = await ctx.loaders.round.load(id);
  if (!round) throw new NotFoundError('assessment round', id, field);
  return round;
}

/**
 * Opens a round under a published scheme of the office's level, with one assessment for every
 * studio of that level founded in the office's jurisdiction that is running now (ACTIVE or
 * RECTIFYING), as the workshop subgraph reports them to the office.
 */
export async function openRound(
  ctx: EvaluationContext,
  input: OpenAssessmentRoundInput,
): Promise<AssessmentRoundEntity> {
  const check = new InputCheck('input');
  const title = check.text(input.title, 'title', 100);
  const period = check.at('period');
  for (const end of ['from', 'to'] as const) {
    if (!isIsoDate(input.period[end])) period.refuse(end, 'must be a date written YYYY-MM-DD');
  }
  if (!period.failed('from') && !period.failed('to')) {
    period.expect('to', periodProblem(input.period.from, input.period.to));
  }
  if (!isIsoDate(input.deadline)) check.refuse('deadline', 'must be a date written YYYY-MM-DD');
  else if (!check.failed('period.from') && input.deadline < input.period.from) {
    check.refuse('deadline', 'must not be before the period starts');
  }
  const appealWindowDays = check.wholeNumber(
    input.appealWindowDays ?? DEFAULT_APPEAL_WINDOW_DAYS,
    'appealWindowDays',
    0,
    60,
  );
  const rectificationDays = check.wholeNumber(
    input.rectificationDays ?? DEFAULT_RECTIFICATION_DAYS,
    'rectificationDays',
    30,
    365,
  );
  if (input.rewardAmount != null && input.rewardAmount <= 0n)
    check.refuse('rewardAmount', 'must be more than 0');
  check.done();

  const office = actingOffice(ctx.principal, 'open an assessment round');
  const scheme = await getScheme(ctx, input.schemeId, 'input.schemeId');
  if (scheme.level !== office.level || !covers(scheme.regionCode, office.regionCode)) {
    throw new ForbiddenError(
      `A ${office.level} office assesses under a ${office.level} scheme in force for its region; this one is a ${scheme.level} scheme of region ${scheme.regionCode}`,
    );
  }
  if (scheme.status !== 'PUBLISHED') {
    throw new ConflictError(
      `Version ${scheme.version} is ${scheme.status}; rounds assess under published versions only`,
    );
  }
  const studios = await ctx.sources.studiosToAssess(ctx, office.level, office.regionCode);
  if (studios.length === 0) {
    throw new ConflictError(
      `No ${office.level} studio of region ${office.regionCode} is running; there is nothing to assess`,
    );
  }
  const hostRegions = new Map<string, string | null>();
  const schoolIds = [...new Set(studios.map((s) => s.hostSchoolId))];
  for (let i = 0; i < schoolIds.length; i += SCHOOL_CHUNK) {
    const chunk = schoolIds.slice(i, i + SCHOOL_CHUNK);
    (await ctx.sources.studios.schoolRegions(ctx, chunk)).forEach((code, j) =>
      hostRegions.set(chunk[j]!, code),
    );
  }

  const id = await ctx.tx.atomically(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `round:${office.regionCode}:${input.kind}`,
    ]);
    const [clash] = (await manager.query(
      `SELECT title FROM evaluation.assessment_round
        WHERE region_code = $1 AND level = $2 AND kind = $3 AND period_from = $4 AND period_to = $5`,
      [office.regionCode, office.level, input.kind, input.period.from, input.period.to],
    )) as { title: string }[];
    if (clash)
      throw new ConflictError(`A ${input.kind} round for this period is already open: ${clash.title}`);
    const round = await manager.getRepository(AssessmentRoundEntity).save({
      schemeId: scheme.id,
      kind: input.kind,
      followUpOf: null,
      title,
      level: office.level,
      regionCode: office.regionCode,
      periodFrom: input.period.from,
      periodTo: input.period.to,
      deadline: input.deadline,
      appealWindowDays,
      rectificationDays,
      rewardFen: input.rewardAmount ?? null,
      createdBy: ctx.principal.userId,
    });
    await manager.getRepository(AssessmentEntity).insert(
      studios.map((s) => ({
        roundId: round.id,
        workshopId: s.id,
        regionCode: s.regionCode,
        // A host school the office cannot place is in its own jurisdiction's county at worst.
        hostRegionCode: hostRegions.get(s.hostSchoolId) ?? s.regionCode,
        hostSchoolId: s.hostSchoolId,
        workshopLevel: s.level,
        workshopType: s.type,
        status: 'OPEN' as const,
        finalisations: 0,
      })),
    );
    return round.id;
  });
  return getRound(ctx, id);
}

/** Rounds the caller may see, newest period first. */
export async function listRounds(
  ctx: EvaluationContext,
  filter: AssessmentRoundFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<AssessmentRoundEntity>> {
  const page = readPage(pageArgs);
  const check = new InputCheck('filter');
  if (filter?.year != null) check.year(filter.year, 'year');
  check.done();
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const query = (await ctx.tx.manager())
    .getRepository(AssessmentRoundEntity)
    .createQueryBuilder('r')
    .where('r.region_code BETWEEN :lo AND :hi', range);
  if (filter?.kind) query.andWhere('r.kind = :kind', { kind: filter.kind });
  if (filter?.year != null) {
    query.andWhere('r.period_to BETWEEN :yearFrom AND :yearTo', {
      yearFrom: `${filter.year}-01-01`,
      yearTo: `${filter.year}-12-31`,
    });
  }
  return fetchConnection(query, page, {
    columns: ['r.created_at', 'r.id'],
    valuesOf: (r) => [r.createdAt.toISOString(), r.id],
    descending: true,
  });
}
