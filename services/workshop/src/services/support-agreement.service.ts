import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, NotFoundError, isUuid, requireText } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { SupportAgreementEntity } from '../entities';
import type { CreateSupportAgreementInput, UpdateSupportAgreementInput } from '../generated/resolvers-types';
import {
  agreementPeriodProblem,
  canMoveSupportAgreement,
  isEndedAgreementStatus,
  periodsOverlap,
  visitsPerTermProblem,
} from '../rules/support-agreement';
import { holdStudioForWork, requireSupportTargetSchool, studioForWork } from './studio-work';

/**
 * The host signs a support agreement (帮扶协议) with a school. The school must be one the caller may
 * see and a rural or weak one: "各名师工作室和薄弱学校建立双向选择，需要和薄弱学校签订帮扶协议" — the
 * agreement exists for schools that need the help; a county wanting to help a school that is weak
 * in one subject marks it weak in personnel first, so the records agree. One studio keeps at most
 * one active agreement with a school over any day.
 */
export async function createSupportAgreement(
  ctx: WorkshopContext,
  input: CreateSupportAgreementInput,
): Promise<SupportAgreementEntity> {
  const workshop = await studioForWork(ctx, input.workshopId);
  const content = requireText(input.content, 'content', 2000);
  const agreedResults = requireText(input.agreedResults, 'agreedResults', 2000);
  const periodProblem = agreementPeriodProblem(input.startsOn, input.endsOn);
  if (periodProblem) throw new BadUserInputError(periodProblem, 'endsOn');
  requireVisits(input.visitsPerTerm);
  const school = await requireSupportTargetSchool(ctx, input.schoolId, 'schoolId');

  const agreement = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, workshop.id, 'record', { exclusive: true });
    await requireNoOverlap(manager, {
      workshopId: workshop.id,
      schoolId: school.id,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
    });
    const repository = manager.getRepository(SupportAgreementEntity);
    return repository.save(
      repository.create({
        workshopId: workshop.id,
        schoolId: school.id,
        content,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        visitsPerTerm: input.visitsPerTerm,
        agreedResults,
        status: 'ACTIVE',
      }),
    );
  });
  ctx.loaders.supportAgreements.clear(workshop.id);
  return agreement;
}

/**
 * Amends an active agreement or ends it: ACTIVE → COMPLETED or TERMINATED, nothing else, and an
 * ended agreement no longer changes. On a closed studio an agreement may still be ended (but not
 * amended), so a revoked studio's promises are closed out rather than left open.
 */
export async function updateSupportAgreement(
  ctx: WorkshopContext,
  id: string,
  input: UpdateSupportAgreementInput,
): Promise<SupportAgreementEntity> {
  const agreement = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(SupportAgreementEntity).findOneBy({ id })
    : null;
  if (!agreement) throw new NotFoundError('SupportAgreement', id);
  const nextStatus = input.status ?? agreement.status;
  const moves = nextStatus !== agreement.status;
  const amends =
    input.content != null ||
    input.endsOn != null ||
    input.visitsPerTerm != null ||
    input.agreedResults != null;
  const purpose = moves && !amends ? 'windUp' : 'record';
  await studioForWork(ctx, agreement.workshopId, purpose);

  if (isEndedAgreementStatus(agreement.status)) {
    throw new ConflictError(`The agreement is ${agreement.status}: an ended agreement no longer changes`);
  }
  if (moves && !canMoveSupportAgreement(agreement.status, nextStatus)) {
    throw new ConflictError(`An ${agreement.status} agreement cannot become ${nextStatus}`);
  }
  const changes: Partial<SupportAgreementEntity> = { status: nextStatus };
  if (input.content != null) changes.content = requireText(input.content, 'content', 2000);
  if (input.agreedResults != null)
    changes.agreedResults = requireText(input.agreedResults, 'agreedResults', 2000);
  if (input.visitsPerTerm != null) changes.visitsPerTerm = requireVisits(input.visitsPerTerm);
  if (input.endsOn != null) {
    const periodProblem = agreementPeriodProblem(agreement.startsOn, input.endsOn);
    if (periodProblem) throw new BadUserInputError(periodProblem, 'endsOn');
    changes.endsOn = input.endsOn;
  }

  const updated = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, agreement.workshopId, purpose, { exclusive: true });
    if (changes.endsOn && nextStatus === 'ACTIVE') {
      await requireNoOverlap(manager, { ...agreement, endsOn: changes.endsOn }, agreement.id);
    }
    const repository = manager.getRepository(SupportAgreementEntity);
    // Guarded by the status read above: an agreement ended meanwhile by someone else is not reopened.
    const result = await repository.update({ id, status: agreement.status }, changes);
    if (!result.affected) throw new ConflictError('The agreement changed meanwhile; read it again and retry');
    return repository.merge(agreement, changes);
  });
  ctx.loaders.supportAgreements.clear(agreement.workshopId);
  return updated;
}

/**
 * Refuses a period that shares a day with another active agreement of the same studio and school.
 * Callers hold the studio row exclusively (holdStudioForWork), which serializes agreement changes
 * per studio: two requests signing with the same school at once cannot both pass this check.
 */
async function requireNoOverlap(
  manager: EntityManager,
  period: { workshopId: string; schoolId: string; startsOn: string; endsOn: string },
  exceptId?: string,
): Promise<void> {
  const active = await manager
    .getRepository(SupportAgreementEntity)
    .findBy({ workshopId: period.workshopId, schoolId: period.schoolId, status: 'ACTIVE' });
  const clash = active.find((other) => other.id !== exceptId && periodsOverlap(other, period));
  if (clash) {
    throw new ConflictError(
      `The studio already has an active agreement with this school for ${clash.startsOn} to ${clash.endsOn}; amend or end it first`,
    );
  }
}

function requireVisits(visits: number): number {
  const problem = visitsPerTermProblem(visits);
  if (problem) throw new BadUserInputError(`visitsPerTerm ${problem}`, 'visitsPerTerm');
  return visits;
}
