import type { EntityManager } from 'typeorm';
import { BadUserInputError, ConflictError, InputCheck, NotFoundError, isUuid } from '@mingshi/graphql';
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

/** What is promised and what results are expected: a page of a signed agreement, not the file. */
const MAX_AGREEMENT_TEXT = 2000;

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
  const check = new InputCheck('input');
  const content = check.text(input.content, 'content', MAX_AGREEMENT_TEXT);
  const agreedResults = check.text(input.agreedResults, 'agreedResults', MAX_AGREEMENT_TEXT);
  check.expect('endsOn', agreementPeriodProblem(input.startsOn, input.endsOn));
  check.expect('visitsPerTerm', visitsPerTermProblem(input.visitsPerTerm));
  check.done();

  const workshop = await studioForWork(ctx, input.workshopId, 'input.workshopId');
  const school = await requireSupportTargetSchool(ctx, input.schoolId, 'input.schoolId');

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
  const check = new InputCheck('input');
  const changes: Partial<SupportAgreementEntity> = {};
  if (input.content != null) changes.content = check.text(input.content, 'content', MAX_AGREEMENT_TEXT);
  if (input.agreedResults != null) {
    changes.agreedResults = check.text(input.agreedResults, 'agreedResults', MAX_AGREEMENT_TEXT);
  }
  if (input.visitsPerTerm != null) {
    check.expect('visitsPerTerm', visitsPerTermProblem(input.visitsPerTerm));
    changes.visitsPerTerm = input.visitsPerTerm;
  }
  check.done();

  const agreement = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(SupportAgreementEntity).findOneBy({ id })
    : null;
  if (!agreement) throw new NotFoundError('SupportAgreement', id, 'id');
  const nextStatus = input.status ?? agreement.status;
  const moves = nextStatus !== agreement.status;
  const amends =
    input.content != null ||
    input.endsOn != null ||
    input.visitsPerTerm != null ||
    input.agreedResults != null;
  const purpose = moves && !amends ? 'windUp' : 'record';
  await studioForWork(ctx, agreement.workshopId);
  if (input.endsOn != null) {
    // Read against the agreement's own start, so only once the agreement is read.
    const period = agreementPeriodProblem(agreement.startsOn, input.endsOn);
    if (period) throw new BadUserInputError(`input.endsOn ${period}`, 'input.endsOn');
    changes.endsOn = input.endsOn;
  }

  if (isEndedAgreementStatus(agreement.status)) {
    throw new ConflictError(`The agreement is ${agreement.status}: an ended agreement no longer changes`);
  }
  if (moves && !canMoveSupportAgreement(agreement.status, nextStatus)) {
    throw new ConflictError(`An ${agreement.status} agreement cannot become ${nextStatus}`);
  }
  changes.status = nextStatus;

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
