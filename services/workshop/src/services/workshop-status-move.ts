import { IsNull, type EntityManager } from 'typeorm';
import { covers } from '@mingshi/auth';
import { recordEvent, type WorkshopStatusChanged } from '@mingshi/events';
import { ConflictError, chinaToday, isIsoDate, type InputCheck } from '@mingshi/graphql';
import { WORKSHOP_SCHEMA } from '../data-source';
import {
  MembershipEntity,
  TraineeApplicationEntity,
  WorkshopEntity,
  WorkshopStatusChangeEntity,
} from '../entities';
import type { MembershipRole, WorkshopLevel, WorkshopStatus } from '../generated/resolvers-types';
import type { PersonnelTeacher } from '../personnel-client';
import { describeMinimum, qualifiesAsHost, type MinimumTitle } from '../rules/host-eligibility';
import { stepRule } from '../rules/trainee-application-flow';
import {
  closingNote,
  deadlineProblem,
  effectsOf,
  nextCycleStart,
  transitionProblem,
  type TransitionEffects,
} from '../rules/workshop-lifecycle';
import { lockWorkshop } from './workshop.service';

/** Why a studio's status changed: an assessment's finding, not the assessment itself. */
const MAX_REASON = 500;

/** One move of a studio along its lifecycle, as an office or an assessment result asks for it. */
export interface StatusMove {
  workshopId: string;
  to: WorkshopStatus;
  reason: string;
  /** Only when moving to RECTIFYING. */
  rectificationDeadline: string | null;
  /** Who moved it, as the history and the event record. */
  changedBy: string;
}

/**
 * How a move learns what personnel shows of the studio's host: the offices' mutation asks as its
 * caller, an event consumer as the system. The rule applied to the answer is the same.
 */
export interface HostLookup {
  teacher(id: string): Promise<PersonnelTeacher | null>;
  minimumTitles: Record<WorkshopLevel, MinimumTitle>;
}

export interface StatusMoved {
  from: WorkshopStatus;
  studio: WorkshopEntity;
  effects: TransitionEffects;
}

/**
 * Checks a move's reason and rectification deadline into `check` (the caller names the path:
 * `input`, or an event's payload), answering the reason as it will be kept.
 */
export function checkMoveFacts(
  check: InputCheck,
  facts: { to: WorkshopStatus; reason: string; rectificationDeadline?: string | null },
): string {
  const reason = check.text(facts.reason, 'reason', MAX_REASON);
  const deadline = facts.rectificationDeadline;
  if (deadline != null && !isIsoDate(deadline)) {
    check.refuse('rectificationDeadline', 'must be a date written YYYY-MM-DD');
  } else {
    check.expect('rectificationDeadline', deadlineProblem(facts.to, deadline, chinaToday()));
  }
  return reason;
}

/**
 * Moves a studio along its lifecycle (rules/workshop-lifecycle.ts) under the studio's lock, with
 * the move's effects — ending memberships, closing waiting applications, starting the next cycle —
 * a history entry saying who moved it and why, and the `workshop.status-changed` event, all in
 * `manager`'s transaction. The one way a status changes: the offices' mutation and the assessment
 * consumer both come here. Refuses (CONFLICT) a move the rules forbid, naming the rule.
 */
export async function moveWorkshopStatus(
  manager: EntityManager,
  move: StatusMove,
  hosts: HostLookup,
): Promise<StatusMoved> {
  const current = await lockWorkshop(manager, move.workshopId);
  const problem = transitionProblem(current.status, move.to);
  if (problem) throw new ConflictError(problem);
  const effects = effectsOf(move.to);
  if (effects.needsQualifiedHost) await assertHostStillQualifies(manager, current, hosts);

  const studio = await manager.getRepository(WorkshopEntity).save({
    ...current,
    status: move.to,
    // The deadline belongs to the rectification: set entering RECTIFYING, cleared leaving it.
    rectificationDeadline: move.to === 'RECTIFYING' ? move.rectificationDeadline : null,
    cycleStartYear: effects.startsNextCycle ? nextCycleStart(current.cycleStartYear) : current.cycleStartYear,
  });
  const note = closingNote(move.to, move.reason);
  if (effects.endsMemberships.length > 0) {
    await endOpenMemberships(manager, current.id, effects.endsMemberships, chinaToday(), note);
  }
  if (effects.closesLiveApplications) {
    await closeLiveApplications(manager, current.id, note, move.changedBy);
  }
  await manager.getRepository(WorkshopStatusChangeEntity).insert({
    workshopId: current.id,
    fromStatus: current.status,
    toStatus: move.to,
    reason: move.reason,
    changedBy: move.changedBy,
  });
  await recordEvent<WorkshopStatusChanged>(manager, WORKSHOP_SCHEMA, current.regionCode, {
    type: 'workshop.status-changed',
    workshopId: current.id,
    from: current.status,
    to: move.to,
    reason: move.reason,
    changedBy: move.changedBy,
  });
  return { from: current.status, studio, effects };
}

/**
 * A new cycle is a new appointment: the host must still teach in the studio's jurisdiction and
 * hold the title a host needs at the studio's level (titles lapse; the minimum may have been
 * raised since founding).
 */
async function assertHostStillQualifies(
  manager: EntityManager,
  studio: WorkshopEntity,
  hosts: HostLookup,
): Promise<void> {
  const host = await manager
    .getRepository(MembershipEntity)
    .findOneBy({ workshopId: studio.id, role: 'HOST', leftOn: IsNull() });
  if (!host) throw new ConflictError('The studio has no host; a new cycle needs one');
  const teacher = await hosts.teacher(host.teacherId);
  if (!teacher || !covers(studio.regionCode, teacher.regionCode)) {
    throw new ConflictError(
      "The host no longer teaches in the studio's jurisdiction; the studio cannot start a new cycle under them",
    );
  }
  const minimum = hosts.minimumTitles[studio.level];
  if (!qualifiesAsHost(teacher.talentTitles, minimum)) {
    throw new ConflictError(
      `The host no longer holds ${describeMinimum(minimum)} or a higher talent title, which a new cycle needs`,
    );
  }
}

async function endOpenMemberships(
  manager: EntityManager,
  workshopId: string,
  roles: readonly MembershipRole[],
  today: string,
  reason: string,
): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(MembershipEntity)
    .set({ leftOn: today, endReason: reason })
    .where('workshop_id = :workshopId AND left_on IS NULL AND role IN (:...roles)', {
      workshopId,
      roles: [...roles],
    })
    .execute();
}

/** Applications still waiting when the studio closes end as the office's rejection. */
async function closeLiveApplications(
  manager: EntityManager,
  workshopId: string,
  note: string,
  userId: string,
): Promise<void> {
  const close = stepRule('CLOSE');
  await manager
    .createQueryBuilder()
    .update(TraineeApplicationEntity)
    .set({ status: close.to, officeComment: note, decidedAt: () => 'now()', decidedBy: userId })
    .where('workshop_id = :workshopId AND status IN (:...live)', { workshopId, live: [...close.from] })
    .execute();
}
