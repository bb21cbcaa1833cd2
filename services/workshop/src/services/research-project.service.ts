import { BadUserInputError, ConflictError, NotFoundError, isUuid, requireText } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { ResearchProjectEntity, type WorkshopEntity } from '../entities';
import type { CreateResearchProjectInput, UpdateResearchProjectInput } from '../generated/resolvers-types';
import { chinaToday } from '@mingshi/graphql';
import {
  INITIAL_RESEARCH_STATUSES,
  canMoveResearchProject,
  endDateAfterMove,
  isEndedResearchStatus,
  researchProjectProblem,
  type ResearchProjectState,
} from '../rules/research-project-flow';
import { holdStudioForWork, requireVisibleTeachers, studioForWork } from './studio-work';

/**
 * The host registers a research project (课题). Its leader is a teacher the caller may see who is
 * the studio's host or one of its open members: a 课题 is the studio's own research ("每个工作室完成1项
 * 综合课题的申报"), led by its team; trainees (学员) take part but are there to learn, not to lead.
 */
export async function createResearchProject(
  ctx: WorkshopContext,
  input: CreateResearchProjectInput,
): Promise<ResearchProjectEntity> {
  const workshop = await studioForWork(ctx, input.workshopId);
  const title = requireText(input.title, 'title', 200);
  if (!INITIAL_RESEARCH_STATUSES.includes(input.status)) {
    throw new BadUserInputError(
      `A project is registered as ${INITIAL_RESEARCH_STATUSES.join(', ')}; conclude or terminate it afterwards`,
      'status',
    );
  }
  const state: ResearchProjectState = {
    status: input.status,
    startedOn: input.startedOn ?? null,
    concludedOn: null,
  };
  requireConsistent(state);
  await requireVisibleTeachers(ctx, [input.leaderId], 'leaderId');
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
  ctx.loaders.metrics.clearAll();
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
  const project = isUuid(id)
    ? await (await ctx.tx.manager()).getRepository(ResearchProjectEntity).findOneBy({ id })
    : null;
  if (!project) throw new NotFoundError('ResearchProject', id);
  const nextStatus = input.status ?? project.status;
  const moves = nextStatus !== project.status;
  const windsUp =
    moves && isEndedResearchStatus(nextStatus) && input.title == null && input.startedOn == null;
  const purpose = windsUp ? 'windUp' : 'record';
  await studioForWork(ctx, project.workshopId, purpose);

  if (moves && !canMoveResearchProject(project.status, nextStatus)) {
    throw new ConflictError(`A ${project.status} research project cannot become ${nextStatus}`);
  }
  const today = chinaToday();
  const next: ResearchProjectState = {
    status: nextStatus,
    startedOn: input.startedOn ?? project.startedOn,
    concludedOn: endDateAfterMove(project, nextStatus, input.concludedOn, today),
  };
  requireConsistent(next, today);
  const title = input.title != null ? requireText(input.title, 'title', 200) : project.title;

  const changes: Partial<ResearchProjectEntity> = { title, ...next };
  const updated = await ctx.tx.atomically(async (manager) => {
    await holdStudioForWork(manager, project.workshopId, purpose);
    const repository = manager.getRepository(ResearchProjectEntity);
    // The status is re-checked in the UPDATE itself: two racing moves from the same status cannot both land.
    const result = await repository.update({ id, status: project.status }, changes);
    if (!result.affected) throw new ConflictError('The project changed meanwhile; read it again and retry');
    return repository.merge(project, changes);
  });
  ctx.loaders.researchProjects.clear(project.workshopId);
  ctx.loaders.metrics.clearAll();
  return updated;
}

function requireConsistent(state: ResearchProjectState, today = chinaToday()): void {
  const problem = researchProjectProblem(state, today);
  if (problem) throw new BadUserInputError(problem.message, problem.field);
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
