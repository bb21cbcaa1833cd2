import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import {
  IdempotentConsumer,
  QueueName,
  type EventHandler,
  type FinanceConsequenceSettled,
  type WorkshopConsequenceSettled,
} from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { EVALUATION_SCHEMA } from '../data-source';
import { settle } from '../services/consequence-issuer';

/** A service reports how it carried out a consequence: the assessment shows it. */
const recordSettlement: EventHandler<WorkshopConsequenceSettled | FinanceConsequenceSettled> = async (
  manager,
  envelope,
) => {
  const { consequenceId, applied, detail } = envelope.payload;
  await settle(manager, consequenceId, applied ? 'APPLIED' : 'REFUSED', detail, 'SENT');
};

/** Evaluation's inbox: the answers of the services its consequences were sent to. */
export function evaluationConsumer(deps: {
  dataSource: DataSource;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
}): IdempotentConsumer {
  return new IdempotentConsumer({
    queue: QueueName.EVALUATION_INBOX,
    schema: EVALUATION_SCHEMA,
    handlers: {
      'workshop.consequence-settled': recordSettlement,
      'finance.consequence-settled': recordSettlement,
    },
    ...deps,
  });
}
