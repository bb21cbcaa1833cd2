import { ConflictError, InputCheck, NotFoundError, chinaToday, isUuid } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { ResearchProjectEntity, type WorkshopEntity } from '../entities';
import type { CreateResearchProjectInput, UpdateResearchProjectInput } from '../generated/resolvers-types';
import {
  INITIAL_RESEARCH_STATUSES,
  canMoveResearchProject,
  endDateAfterMove,
  isEndedResearchStatus,
  researchProjectProblem,
  type ResearchProjectState,
} from '../rules/research-project-flow';
import { holdStudioForWork, requireVisibleTeachers, studioForWork } from './studio-work';

/** A 课题's registered title. */
const MAX_TITLE = 200;

/**
 * The host registers a research project (课题). Its leader is a teacher the caller may see who is
 * the studio's host or one of its open members: a 课题 is the studio's own research ("每个工作室完成1项
 * 综合课题的申报"), led by its team; trainees (学员) take part but are there to learn, not to lead.
 */
export async function createResearchProject(
  ctx: WorkshopContext,
  input: CreateResearchProjectInput,
): Promise<ResearchProjectEntity> {
  const check = new InputCheck('input');
  const title = check.text(input.title, 'title', MAX_TITLE);
  const state: ResearchProjectState = {
    status: input.status,
    startedOn: input.startedOn ?? null,
    concludedOn: null,
  };
  if (!INITIAL_RESEARCH_STATUSES.includes(input.status)) {
    check.refuse(
      'status',
      `must be ${INITIAL_RESEARCH_STATUSES.join(', ')}: a project is registered so, and concluded or terminated afterwards`,
    );
  } else checkDates(check, state);
  check.done();

  const workshop = await studioForWork(ctx, input.workshopId, 'input.workshopId');
  await requireVisibleTeachers(ctx, [input.leaderId], 'input.leaderId');
  await requireLeaderInTeam(ctx, workshop, input.leaderId);

  const project = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, workshop.id);
    return manager.getRepository(ResearchProjectEntity).save(
      manager.getRepository(ResearchProjectEntity).create({
        workshopId: workshop.id,
        title,
        level: input.level,
        leaderId: input.leaderId,
        ...state,
      }),
    );
  });
  ctx.loaders.researchProjects.clear(workshop.id);
  return project;
}

/**
 * Renames a project, corrects its dates or moves it along 申报 → 立项 → 在研 → 结题 (or 终止).
 * Illegal moves are CONFLICT. On a closed studio only winding up is allowed — concluding or
 * terminating a project, nothing else — so a revoked studio's projects can still be closed.
 */
export async function updateResearchProject(
  ctx: WorkshopContext,
  id: string,
  input: UpdateResearchProjectInput,
): Promise<ResearchProjectEntity> {
  const check = new InputCheck('input');
  const title = input.title != null ? check.text(input.title, 'title', MAX_TITLE) : null;
  check.done();

  const project = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(ResearchProjectEntity).findOneBy({ id })
    : null;
  if (!project) throw new NotFoundError('ResearchProject', id, 'id');
  const nextStatus = input.status ?? project.status;
  const moves = nextStatus !== project.status;
  const windsUp =
    moves && isEndedResearchStatus(nextStatus) && input.title == null && input.startedOn == null;
  const purpose = windsUp ? 'windUp' : 'record';
  await studioForWork(ctx, project.workshopId);

  if (moves && !canMoveResearchProject(project.status, nextStatus)) {
    throw new ConflictError(`A ${project.status} research project cannot become ${nextStatus}`);
  }
  // The dates are read against the project as it stands (a start given earlier) and the status it
  // moves to, so only once the move is known to be possible: for a move that cannot happen, what
  // its dates would need is no help to the client.
  const today = chinaToday();
  const next: ResearchProjectState = {
    status: nextStatus,
    startedOn: input.startedOn ?? project.startedOn,
    concludedOn: endDateAfterMove(project, nextStatus, input.concludedOn, today),
  };
  const dates = new InputCheck('input');
  checkDates(dates, next, today);
  dates.done();

  const changes: Partial<ResearchProjectEntity> = { title: title ?? project.title, ...next };
  const updated = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, project.workshopId, purpose);
    const repository = manager.getRepository(ResearchProjectEntity);
    // The status is re-checked in the UPDATE itself: two racing moves from the same status cannot both land.
    const result = await repository.update({ id, status: project.status }, changes);
    if (!result.affected) throw new ConflictError('The project changed meanwhile; read it again and retry');
    return repository.merge(project, changes);
  });
  ctx.loaders.researchProjects.clear(project.workshopId);
  return updated;
}

function checkDates(check: InputCheck, state: ResearchProjectState, today = chinaToday()): void {
  const problem = researchProjectProblem(state, today);
  if (problem) check.refuse(problem.field, problem.message);
}

async function requireLeaderInTeam(
  ctx: WorkshopContext,
  workshop: WorkshopEntity,
  leaderId: string,
): Promise<void> {
  const team = (await ctx.loaders.membershipsByWorkshop.load(workshop.id)).filter(
    (m) => m.leftOn === null && (m.role === 'HOST' || m.role === 'MEMBER'),
  );
  if (!team.some((m) => m.teacherId === leaderId)) {
    throw new ConflictError(
      "A research project's leader must be the studio's host or one of its current members",
    );
  }
}
