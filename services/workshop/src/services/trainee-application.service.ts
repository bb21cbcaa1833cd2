import { In, IsNull, type EntityManager } from 'typeorm';
import { Role, hasRole, isHost, isOfficeOfLevel, isOverseeingOffice } from '@mingshi/auth';
import { isUniqueViolation } from '@mingshi/db';
import { ConflictError, ForbiddenError, InputCheck, NotFoundError, isUuid } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { MembershipEntity, TraineeApplicationEntity, type WorkshopEntity } from '../entities';
import type {
  ApplyAsTraineeInput,
  DecideTraineeApplicationInput,
  RespondToTraineeApplicationInput,
  TraineeApplicationStatus,
} from '../generated/resolvers-types';
import { describeRole } from '../rules/membership-limits';
import { LIVE_STATUSES, applyStep, ratingProblem } from '../rules/trainee-application-flow';
import { STATUS_LABELS, acceptsApplications } from '../rules/workshop-lifecycle';
import { joinTeam } from './membership.service';
import { findVisibleTeacher, getWorkshop, lockWorkshop } from './workshop.service';

/**
 * The two-way selection of trainees (双向选择 → 遴选), step by step. Which step an application's
 * status allows lives in rules/trainee-application-flow.ts; who may take it is checked here:
 * the applicant applies and withdraws, the host responds, the office of the studio's level decides.
 */

/** Why the teacher applies: a paragraph, as on the paper form. */
const MAX_STATEMENT = 1000;
/** The host's or the office's remark on an application. */
const MAX_COMMENT = 500;

/** A teacher applies to a studio as a trainee, acting as themself (TEACHER or HOST callers). */
export async function applyAsTrainee(
  ctx: WorkshopContext,
  input: ApplyAsTraineeInput,
): Promise<TraineeApplicationEntity> {
  const check = new InputCheck('input');
  const statement = check.text(input.statement, 'statement', MAX_STATEMENT);
  check.done();

  const teacherId = actingTeacher(ctx);
  if (!teacherId) throw new ForbiddenError('Only a teacher, acting as themself, applies to a studio');
  const studio = await getWorkshop(ctx, input.workshopId, 'input.workshopId');
  // The sign-in names the teacher; personnel confirms they are on record where the caller is.
  try {
    await findVisibleTeacher(ctx, teacherId);
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new ForbiddenError('Your sign-in names a teacher who is not on record in your region');
    }
    throw error;
  }
  assertRecruiting(studio);

  let application: TraineeApplicationEntity;
  try {
    application = await ctx.tx.atomically(async (manager) => {
      // FOR SHARE: a revocation (which closes waiting applications) cannot slip in between the
      // status check and the insert, while teachers applying at the same time do not wait on each other.
      assertRecruiting(await lockWorkshop(manager, studio.id, 'shared'));
      const open = await manager
        .getRepository(MembershipEntity)
        .findOneBy({ workshopId: studio.id, teacherId, leftOn: IsNull() });
      if (open) throw new ConflictError(`You are already ${describeRole(open.role)} of this studio`);
      const live = await manager
        .getRepository(TraineeApplicationEntity)
        .findOneBy({ workshopId: studio.id, teacherId, status: In([...LIVE_STATUSES]) });
      if (live) {
        throw new ConflictError(
          `You already have an application to this studio (${live.status}); withdraw it before applying again`,
        );
      }
      const applications = manager.getRepository(TraineeApplicationEntity);
      return applications.save(
        applications.create({
          workshopId: studio.id,
          teacherId,
          status: 'PENDING',
          statement,
          hostRating: null,
          hostComment: null,
          respondedAt: null,
          respondedBy: null,
          officeComment: null,
          decidedAt: null,
          decidedBy: null,
          membershipId: null,
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error, 'trainee_application_one_live')) {
      throw new ConflictError('You already have an application to this studio');
    }
    throw error;
  }
  ctx.loaders.applicationsByWorkshop.clear(studio.id);
  return application;
}

/** The studio's host accepts (with a rating 1–5) or declines a pending application. */
export async function respondToTraineeApplication(
  ctx: WorkshopContext,
  input: RespondToTraineeApplicationInput,
): Promise<TraineeApplicationEntity> {
  const check = new InputCheck('input');
  check.expect('rating', ratingProblem(input.accept, input.rating));
  const comment = check.optionalText(input.comment, 'comment', MAX_COMMENT);
  check.done();

  const application = await getApplication(ctx, input.applicationId, 'input.applicationId');
  const studio = await getWorkshop(ctx, application.workshopId);
  const host = await ctx.loaders.host.load(studio.id);
  if (!isHost(ctx.principal, host?.teacherId ?? null)) {
    throw new ForbiddenError("Only the studio's host responds to its trainee applications");
  }
  const step = applyStep(application.status, input.accept ? 'ACCEPT' : 'DECLINE');
  if (!step.ok) throw new ConflictError(step.reason);
  return ctx.tx.atomically((manager) =>
    moveApplication(ctx, manager, application, step.to, {
      hostRating: input.accept ? input.rating! : null,
      hostComment: comment,
      respondedAt: new Date(),
      respondedBy: ctx.principal.userId,
    }),
  );
}

/**
 * The management office of the studio's level (a county studio's trainees are confirmed by its
 * county bureau, not by the city) confirms an accepted application — starting the trainee
 * membership, within the studio's trainee limit — or rejects it.
 */
export async function decideTraineeApplication(
  ctx: WorkshopContext,
  input: DecideTraineeApplicationInput,
): Promise<TraineeApplicationEntity> {
  const check = new InputCheck('input');
  const comment = check.optionalText(input.comment, 'comment', MAX_COMMENT);
  check.done();

  const application = await getApplication(ctx, input.applicationId, 'input.applicationId');
  const studio = await getWorkshop(ctx, application.workshopId);
  if (!isOfficeOfLevel(ctx.principal, studio)) {
    throw new ForbiddenError(
      `Only the ${studio.level} office over the studio confirms or rejects its trainees`,
    );
  }
  const step = applyStep(application.status, input.confirm ? 'CONFIRM' : 'REJECT');
  if (!step.ok) throw new ConflictError(step.reason);
  const decided = await ctx.tx.atomically(async (manager) => {
    const membership = input.confirm
      ? await joinTeam(ctx, studio.id, application.teacherId, 'TRAINEE', manager)
      : null;
    return moveApplication(ctx, manager, application, step.to, {
      officeComment: comment,
      decidedAt: new Date(),
      decidedBy: ctx.principal.userId,
      membershipId: membership?.id ?? null,
    });
  });
  if (input.confirm) {
    ctx.loaders.membershipsByWorkshop.clear(studio.id);
    ctx.loaders.membershipsByTeacher.clear(application.teacherId);
  }
  return decided;
}

/** The applicant withdraws an application the office has not yet decided. */
export async function withdrawTraineeApplication(
  ctx: WorkshopContext,
  id: string,
): Promise<TraineeApplicationEntity> {
  const teacherId = actingTeacher(ctx);
  if (!teacherId) throw new ForbiddenError('Only the applicant withdraws an application');
  const application = await getApplication(ctx, id);
  if (application.teacherId !== teacherId) {
    throw new ForbiddenError('Only the applicant withdraws an application');
  }
  const step = applyStep(application.status, 'WITHDRAW');
  if (!step.ok) throw new ConflictError(step.reason);
  return ctx.tx.atomically((manager) => moveApplication(ctx, manager, application, step.to, {}));
}

/** The calling teacher's own applications, newest first. */
export async function myTraineeApplications(ctx: WorkshopContext): Promise<TraineeApplicationEntity[]> {
  const teacherId = actingTeacher(ctx);
  if (!teacherId)
    throw new ForbiddenError('Only teachers (TEACHER or HOST callers) have trainee applications');
  return (await ctx.tx.manager())
    .getRepository(TraineeApplicationEntity)
    .find({ where: { teacherId }, order: { createdAt: 'DESC', id: 'ASC' } });
}

/**
 * A studio's applications as this caller may see them: all of them for its host and the offices
 * overseeing it; only their own for an applicant; none for anyone else — who is refused nothing,
 * so that the field's answer does not tell them whether anyone applied.
 */
export async function visibleApplications(
  ctx: WorkshopContext,
  workshop: WorkshopEntity,
  status: TraineeApplicationStatus | null | undefined,
): Promise<TraineeApplicationEntity[]> {
  const applicant = actingTeacher(ctx);
  const overseeing = isOverseeingOffice(ctx.principal, workshop);
  if (!overseeing && !applicant) return [];
  const host = overseeing ? null : await ctx.loaders.host.load(workshop.id);
  const seesAll = overseeing || isHost(ctx.principal, host?.teacherId ?? null);
  return (await ctx.loaders.applicationsByWorkshop.load(workshop.id)).filter(
    (application) =>
      (!status || application.status === status) && (seesAll || application.teacherId === applicant),
  );
}

/**
 * Writes a step, on the condition that the application is still in the status it was read in:
 * of two hosts' clicks or an office deciding while the applicant withdraws, one wins and the other
 * is refused.
 */
async function moveApplication(
  ctx: WorkshopContext,
  manager: EntityManager,
  application: TraineeApplicationEntity,
  to: TraineeApplicationStatus,
  changes: Partial<TraineeApplicationEntity>,
): Promise<TraineeApplicationEntity> {
  const result = await manager
    .createQueryBuilder()
    .update(TraineeApplicationEntity)
    .set({ ...changes, status: to })
    .where('id = :id AND status = :from', { id: application.id, from: application.status })
    .execute();
  if (!result.affected) throw new ConflictError('The application changed meanwhile; read it again');
  ctx.loaders.applicationsByWorkshop.clear(application.workshopId);
  return { ...application, ...changes, status: to };
}

async function getApplication(
  ctx: WorkshopContext,
  id: string,
  field = 'id',
): Promise<TraineeApplicationEntity> {
  // Row-level security shows an application only with its studio: invisible looks like absent.
  const application = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(TraineeApplicationEntity).findOneBy({ id })
    : null;
  if (!application) throw new NotFoundError('TraineeApplication', id, field);
  return application;
}

function assertRecruiting(studio: WorkshopEntity): void {
  if (!acceptsApplications(studio.status)) {
    throw new ConflictError(
      `The studio is ${studio.status} (${STATUS_LABELS[studio.status]}); it takes no trainee applications`,
    );
  }
}

/** The teacher a TEACHER or HOST caller acts as; null for every other caller. */
function actingTeacher(ctx: WorkshopContext): string | null {
  return hasRole(ctx.principal, Role.TEACHER, Role.HOST) ? (ctx.principal.teacherId ?? null) : null;
}
