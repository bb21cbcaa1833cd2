import type { EntityManager } from 'typeorm';
import { SYSTEM_PRINCIPAL, signIdentity } from '@mingshi/auth';
import { settleConsequence, type EventHandler, type StudioStatusDecided } from '@mingshi/events';
import { InputCheck, NotFoundError, isUuid } from '@mingshi/graphql';
import type { SubgraphCaller } from '@mingshi/subgraph-server';
import { WORKSHOP_SCHEMA } from '../data-source';
import type { WorkshopLevel, WorkshopStatus } from '../generated/resolvers-types';
import type { PersonnelClient } from '../personnel-client';
import type { MinimumTitle } from '../rules/host-eligibility';
import { cycleEndYear, effectsOf } from '../rules/workshop-lifecycle';
import { lockWorkshop } from '../services/workshop.service';
import {
  checkMoveFacts,
  moveWorkshopStatus,
  type HostLookup,
  type StatusMoved,
} from '../services/workshop-status-move';

type Decision = StudioStatusDecided['decision'];

/** The status each assessment decision (动态管理) leads to. */
const DECIDED_STATUS: Record<Decision, WorkshopStatus> = {
  REVOKE: 'REVOKED',
  RECTIFY: 'RECTIFYING',
  RETAIN: 'RENEWED',
  REORGANISE: 'REORGANIZED',
  // 整改复评 passed: the studio runs again.
  RESTORE: 'ACTIVE',
};

/**
 * The moves that carry out a decision from a studio's status. 续建 and 重组 start the next cycle,
 * which only a concluded studio does, so a studio whose final assessment came in before its office
 * concluded it concludes first. Every move still goes through the lifecycle rules: a decision the
 * rules refuse from this status (a revoked studio renewed) is refused at its first illegal move.
 */
export function movesFor(decision: Decision, from: WorkshopStatus): WorkshopStatus[] {
  const to = DECIDED_STATUS[decision];
  return effectsOf(to).startsNextCycle && from !== 'CONCLUDED' ? ['CONCLUDED', to] : [to];
}

/**
 * What was done, in the users' words, with the statuses passed through (`path`, from the one the
 * studio was in): 工作室已取消资格 (ACTIVE → REVOKED); `studio` is as the last move left it.
 * Exported for the data generator, whose seeded consequences read as this consumer settled them.
 */
export function settledDetail(
  path: readonly WorkshopStatus[],
  studio: { rectificationDeadline: string | null; cycleStartYear: number },
): string {
  const { rectificationDeadline, cycleStartYear } = studio;
  const cycle = `${cycleStartYear}—${cycleEndYear(cycleStartYear)}`;
  const done: Partial<Record<WorkshopStatus, string>> = {
    REVOKED: '工作室已取消资格',
    RECTIFYING: `工作室已进入整改，整改期限 ${rectificationDeadline}`,
    RENEWED: `工作室已续建，新周期 ${cycle}`,
    REORGANIZED: `工作室已重组，成员与学员离任，新周期 ${cycle}`,
    ACTIVE: '整改复评合格，工作室恢复运行',
  };
  return `${done[path.at(-1)!]} (${path.join(' → ')})`;
}

export interface StatusDecisionDeps {
  personnel: PersonnelClient;
  /** The secret the gateway signs identities with, to ask personnel as the system. */
  identitySecret: string;
  hostMinimumTitles: Record<WorkshopLevel, MinimumTitle>;
}

/**
 * An assessment's final result decides a studio's status: carried out through the same lifecycle
 * moves, rules and effects as an office's changeWorkshopStatus, authored by whoever finalised the
 * result, and answered with `workshop.consequence-settled` in the same transaction — applied, or
 * refused with the rule's words. Runs once per event (the inbox), acting for the system.
 */
export function carryOutStatusDecision(deps: StatusDecisionDeps): EventHandler<StudioStatusDecided> {
  return async (manager, envelope) => {
    const decision = envelope.payload;
    await settleConsequence(
      manager,
      {
        schema: WORKSHOP_SCHEMA,
        regionCode: envelope.regionCode,
        type: 'workshop.consequence-settled',
        consequenceId: decision.consequenceId,
      },
      (savepoint) => carryOut(savepoint, decision, systemHostLookup(deps, envelope.id)),
    );
  };
}

async function carryOut(
  manager: EntityManager,
  decision: StudioStatusDecided,
  hosts: HostLookup,
): Promise<string> {
  const to = DECIDED_STATUS[decision.decision];
  const rectificationDeadline = to === 'RECTIFYING' ? (decision.rectificationDeadline ?? null) : null;
  const check = new InputCheck('payload');
  const reason = checkMoveFacts(check, { to, reason: decision.reason, rectificationDeadline });
  check.done();
  // A mistyped id would fail the query and so be retried for ever; it names no studio.
  if (!isUuid(decision.workshopId)) throw new NotFoundError('Workshop', decision.workshopId);

  // Held across the moves (they take the same lock again), so no office's move slips in between.
  const current = await lockWorkshop(manager, decision.workshopId);
  const moves: StatusMoved[] = [];
  for (const status of movesFor(decision.decision, current.status)) {
    moves.push(
      await moveWorkshopStatus(
        manager,
        {
          workshopId: current.id,
          to: status,
          reason,
          rectificationDeadline: status === 'RECTIFYING' ? rectificationDeadline : null,
          changedBy: decision.decidedBy,
        },
        hosts,
      ),
    );
  }
  return settledDetail([moves[0]!.from, ...moves.map((move) => move.studio.status)], moves.at(-1)!.studio);
}

/**
 * Personnel asked as the system. An event has no caller whose scope could apply, and the rule
 * needs the host as they are wherever they now teach (the jurisdiction check is the rule's own),
 * so the consumer signs the SYSTEM principal, which personnel serves nationwide. Signed per ask:
 * the identity lives 60 seconds, and the event id ties personnel's log to the event.
 */
function systemHostLookup(deps: StatusDecisionDeps, eventId: string): HostLookup {
  return {
    minimumTitles: deps.hostMinimumTitles,
    teacher: async (id) => {
      const caller: SubgraphCaller = {
        identity: await signIdentity(SYSTEM_PRINCIPAL, deps.identitySecret),
        requestId: eventId,
      };
      const [teacher] = await deps.personnel.teachers(caller, [id]);
      return teacher ?? null;
    },
  };
}
