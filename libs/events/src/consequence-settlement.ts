import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '@mingshi/graphql';
import type { FinanceConsequenceSettled, WorkshopConsequenceSettled } from './events';
import { recordEvent } from './outbox';

type ConsequenceSettled = WorkshopConsequenceSettled | FinanceConsequenceSettled;

/** How a service carried out a consequence it was sent: what it did, or why its rules refused. */
export interface Settlement {
  applied: boolean;
  detail: string;
}

/**
 * Refusals by the receiving service's rules (the move is illegal, the studio is gone, the event's
 * facts do not fit): the same event sent again would be refused again, so retrying is pointless.
 */
const REFUSALS: readonly ErrorCode[] = [ErrorCode.CONFLICT, ErrorCode.NOT_FOUND, ErrorCode.BAD_USER_INPUT];

/**
 * Carries out a consequence (动态管理) inside the consumer's transaction and answers the service
 * that sent it with a `*.consequence-settled` event in the same transaction. `carryOut` applies the
 * service's own rules and says what it did; a rule's refusal (a DomainError such as CONFLICT) rolls
 * back whatever the attempt wrote — a savepoint, so a two-step move never stops half-way — and is
 * answered as `applied: false` with the rule's words instead of thrown, because a thrown error makes
 * BullMQ retry an event that can only be refused again. Any other error (the database, another
 * service unreachable) is thrown, and the event is retried later.
 */
export async function settleConsequence(
  manager: EntityManager,
  answer: { schema: string; regionCode: string; type: ConsequenceSettled['type']; consequenceId: string },
  carryOut: (manager: EntityManager) => Promise<string>,
): Promise<Settlement> {
  const settlement = await attempt(manager, carryOut);
  await recordEvent<ConsequenceSettled>(manager, answer.schema, answer.regionCode, {
    type: answer.type,
    consequenceId: answer.consequenceId,
    ...settlement,
  });
  return settlement;
}

async function attempt(
  manager: EntityManager,
  carryOut: (manager: EntityManager) => Promise<string>,
): Promise<Settlement> {
  try {
    // Inside the consumer's transaction, TypeORM opens a savepoint rather than a transaction.
    return { applied: true, detail: await manager.transaction(carryOut) };
  } catch (error) {
    if (error instanceof DomainError && REFUSALS.includes(error.code)) {
      return { applied: false, detail: error.message };
    }
    throw error;
  }
}
