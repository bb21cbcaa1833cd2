import { randomUUID } from 'node:crypto';
import { ancestorsOf, covers, filterScope, isHost, isOffice, regionRange } from '@mingshi/auth';
import { fetchConnection } from '@mingshi/db';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  chinaToday,
  isIsoDate,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { EvaluationContext } from '../context';
import { AssessmentSchemeEntity, SchemeCommentEntity } from '../entities';
import type {
  AssessmentSchemeContentInput,
  AssessmentSchemeFilter,
  CommentOnSchemeInput,
  DraftAssessmentSchemeInput,
} from '../generated/resolvers-types';
import { actingOffice, assertOwningOffice, canSeeDraft } from '../rules/permissions';
import { allIndicators, buildIndicatorTree, totalPointsOf } from '../rules/scheme-tree';
import { thresholdsProblem } from '../rules/scoring';

type SchemeContent = Pick<
  AssessmentSchemeEntity,
  | 'name'
  | 'combination'
  | 'indicators'
  | 'totalPoints'
  | 'excellentPoints'
  | 'qualifiedPoints'
  | 'basicPoints'
>;

/** A scheme version the caller may see; drafts only for the offices covering them. */
export async function getScheme(
  ctx: EvaluationContext,
  id: string,
  field = 'id',
): Promise<AssessmentSchemeEntity> {
  const scheme = await ctx.loaders.scheme.load(id);
  if (!scheme || !isVisible(ctx, scheme)) throw new NotFoundError('assessment scheme', id, field);
  return scheme;
}

export function isVisible(ctx: EvaluationContext, scheme: AssessmentSchemeEntity): boolean {
  return scheme.status !== 'DRAFT' || canSeeDraft(ctx.principal, scheme);
}

/** Version 1 of a new scheme, or the next version of an existing one, as a DRAFT. */
export async function draftScheme(
  ctx: EvaluationContext,
  input: DraftAssessmentSchemeInput,
): Promise<AssessmentSchemeEntity> {
  const check = new InputCheck('input');
  const content = readContent(input.content, check.at('content'));
  check.done();
  const base = input.basedOnId ? await getScheme(ctx, input.basedOnId, 'input.basedOnId') : null;
  const office = base ?? actingOffice(ctx.principal, 'draft an assessment scheme');
  if (base) assertOwningOffice(ctx.principal, base, 'scheme');
  const schemeKey = base?.schemeKey ?? randomUUID();
  const id = await ctx.tx.atomically(async (manager) => {
    // Versions of one scheme are numbered one after another, also when two drafts race.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [schemeKey]);
    const [{ latest }] = (await manager.query(
      `SELECT coalesce(max(version), 0)::int AS latest FROM evaluation.assessment_scheme WHERE scheme_key = $1`,
      [schemeKey],
    )) as { latest: number }[];
    const saved = await manager.getRepository(AssessmentSchemeEntity).save({
      ...content,
      schemeKey,
      version: latest! + 1,
      level: office.level,
      regionCode: office.regionCode,
      status: 'DRAFT',
      commentsCloseOn: null,
      createdBy: ctx.principal.userId,
      publishedBy: null,
      publishedAt: null,
    });
    return saved.id;
  });
  ctx.loaders.schemeVersions.clear(schemeKey);
  return fresh(ctx, id);
}

/** Replaces what a draft says; a published version is frozen. */
export async function reviseScheme(
  ctx: EvaluationContext,
  id: string,
  input: AssessmentSchemeContentInput,
): Promise<AssessmentSchemeEntity> {
  const check = new InputCheck('input');
  const content = readContent(input, check);
  check.done();
  return changeUnpublished(ctx, id, content);
}

/** Puts a draft out for the studios' comments until a day after today. */
export async function openForComment(
  ctx: EvaluationContext,
  id: string,
  commentsCloseOn: string,
): Promise<AssessmentSchemeEntity> {
  const check = new InputCheck();
  if (!isIsoDate(commentsCloseOn)) check.refuse('commentsCloseOn', 'must be a date written YYYY-MM-DD');
  else if (commentsCloseOn <= chinaToday())
    check.refuse('commentsCloseOn', `must be after today (${chinaToday()})`);
  check.done();
  return changeUnpublished(ctx, id, { status: 'OPEN_FOR_COMMENT', commentsCloseOn });
}

/** The owning office changes a version not yet published; checked again under the row's lock. */
async function changeUnpublished(
  ctx: EvaluationContext,
  id: string,
  change: Partial<AssessmentSchemeEntity>,
): Promise<AssessmentSchemeEntity> {
  const scheme = await getScheme(ctx, id);
  assertOwningOffice(ctx.principal, scheme, 'scheme');
  await ctx.tx.atomically(async (manager) => {
    const current = await lockScheme(manager, id);
    if (current.status === 'PUBLISHED') throw frozen(current);
    await manager.getRepository(AssessmentSchemeEntity).update(id, change);
  });
  return fresh(ctx, id);
}

/** Publishes and freezes a version (closing its comments, if it was open for them). */
export async function publishScheme(ctx: EvaluationContext, id: string): Promise<AssessmentSchemeEntity> {
  const scheme = await getScheme(ctx, id);
  assertOwningOffice(ctx.principal, scheme, 'scheme');
  await ctx.tx.atomically(async (manager) => {
    const current = await lockScheme(manager, id);
    if (current.status === 'PUBLISHED')
      throw new ConflictError(`Version ${current.version} is already published`);
    await manager.getRepository(AssessmentSchemeEntity).update(id, {
      status: 'PUBLISHED',
      publishedAt: new Date(),
      publishedBy: ctx.principal.userId,
    });
  });
  return fresh(ctx, id);
}

/** A studio host's comment on a scheme that applies to their studio, while it is open for comment. */
export async function commentOnScheme(
  ctx: EvaluationContext,
  input: CommentOnSchemeInput,
): Promise<SchemeCommentEntity> {
  const check = new InputCheck('input');
  const body = check.text(input.body, 'body', 2000);
  const indicatorCode = check.optionalText(input.indicatorCode, 'indicatorCode', 20);
  check.done();
  const scheme = await getScheme(ctx, input.schemeId, 'input.schemeId');
  if (indicatorCode && !allIndicators(scheme.indicators).some((i) => i.code === indicatorCode)) {
    throw new NotFoundError('indicator', indicatorCode, 'input.indicatorCode');
  }
  const [studio] = await ctx.sources.studios.studios(ctx, [input.workshopId]);
  if (!studio) throw new NotFoundError('workshop', input.workshopId, 'input.workshopId');
  if (!isHost(ctx.principal, studio.hostTeacherId)) {
    throw new ForbiddenError("Only the studio's host may comment on a scheme for it");
  }
  if (studio.level !== scheme.level || !covers(scheme.regionCode, studio.regionCode)) {
    throw new ForbiddenError(
      `The scheme assesses ${scheme.level} studios of region ${scheme.regionCode}; this studio is not one of them`,
    );
  }
  if (scheme.status !== 'OPEN_FOR_COMMENT') {
    throw new ConflictError(`Version ${scheme.version} is ${scheme.status}, not open for comment`);
  }
  if (chinaToday() > scheme.commentsCloseOn!) {
    throw new ConflictError(`Comments on version ${scheme.version} closed on ${scheme.commentsCloseOn}`);
  }
  const saved = await (await ctx.tx.manager()).getRepository(SchemeCommentEntity).save({
    schemeId: scheme.id,
    schemeRegionCode: scheme.regionCode,
    workshopId: studio.id,
    workshopRegionCode: studio.regionCode,
    authorTeacherId: ctx.principal.teacherId!,
    indicatorCode,
    body,
  });
  ctx.loaders.commentsByScheme.clear(scheme.id);
  return saved;
}

/** The comments the caller may see: all for the scheme's offices, a host's own otherwise. */
export async function visibleComments(
  ctx: EvaluationContext,
  scheme: AssessmentSchemeEntity,
): Promise<SchemeCommentEntity[]> {
  const comments = await ctx.loaders.commentsByScheme.load(scheme.id);
  if (isOffice(ctx.principal) && covers(ctx.principal.regionCode, scheme.regionCode)) return comments;
  return comments.filter((c) => c.authorTeacherId === ctx.principal.teacherId);
}

/** Scheme versions the caller may see, newest first. */
export async function listSchemes(
  ctx: EvaluationContext,
  filter: AssessmentSchemeFilter | null | undefined,
  pageArgs: PageArgs,
): Promise<Connection<AssessmentSchemeEntity>> {
  const page = readPage(pageArgs);
  const range = filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode');
  const code = filter?.regionCode ?? ctx.principal.regionCode;
  const own = regionRange(ctx.principal.regionCode);
  // The offices above the asked region, and those above the caller inside it: a county asking for
  // its city's subtree follows the city's schemes, which its narrowed range alone would leave out.
  const ancestors = [
    ...ancestorsOf(code),
    ...ancestorsOf(ctx.principal.regionCode).filter((above) => covers(code, above)),
  ];
  const query = (await ctx.tx.manager())
    .getRepository(AssessmentSchemeEntity)
    .createQueryBuilder('s')
    .where('(s.region_code BETWEEN :lo AND :hi OR s.region_code = ANY(:ancestors))', { ...range, ancestors })
    .andWhere(
      isOffice(ctx.principal)
        ? "(s.status <> 'DRAFT' OR s.region_code BETWEEN :ownLo AND :ownHi)"
        : "s.status <> 'DRAFT'",
      { ownLo: own.lo, ownHi: own.hi },
    );
  if (filter?.level) query.andWhere('s.level = :level', { level: filter.level });
  if (filter?.status) query.andWhere('s.status = :status', { status: filter.status });
  if (filter?.schemeKey) query.andWhere('s.scheme_key::text = :key', { key: filter.schemeKey });
  return fetchConnection(query, page, {
    columns: ['s.created_at', 's.id'],
    valuesOf: (s) => [s.createdAt.toISOString(), s.id],
    descending: true,
  });
}

function readContent(input: AssessmentSchemeContentInput, check: InputCheck): SchemeContent {
  const name = check.text(input.name, 'name', 100);
  const indicators = buildIndicatorTree(input.indicators, check.at('indicators'));
  const totalPoints = totalPointsOf(indicators);
  const thresholds = {
    excellent: input.gradeThresholds.excellent,
    qualified: input.gradeThresholds.qualified,
    basic: input.gradeThresholds.basic,
  };
  if (!check.failed('indicators'))
    check.expect('gradeThresholds', thresholdsProblem(thresholds, totalPoints));
  return {
    name,
    combination: input.combination,
    indicators,
    totalPoints,
    excellentPoints: thresholds.excellent,
    qualifiedPoints: thresholds.qualified,
    basicPoints: thresholds.basic,
  };
}

async function lockScheme(
  manager: Awaited<ReturnType<EvaluationContext['tx']['manager']>>,
  id: string,
): Promise<AssessmentSchemeEntity> {
  const scheme = await manager
    .getRepository(AssessmentSchemeEntity)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.id = :id', { id })
    .getOne();
  if (!scheme) throw new NotFoundError('assessment scheme', id, 'id');
  return scheme;
}

function frozen(scheme: AssessmentSchemeEntity): ConflictError {
  return new ConflictError(
    `Version ${scheme.version} is published and frozen; draft a new version based on it instead`,
  );
}

async function fresh(ctx: EvaluationContext, id: string): Promise<AssessmentSchemeEntity> {
  ctx.loaders.scheme.clear(id);
  return getScheme(ctx, id);
}
