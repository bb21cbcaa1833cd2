import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import { IdempotentConsumer, QueueName } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { FINANCE_SCHEMA } from '../data-source';
import { carryOutFundsDecision } from './carry-out-funds-decision';
import { freezeRevokedStudioFunds } from './freeze-revoked-studio-funds';

/** Finance's inbox: the events other services send it, each handled once. */
export function financeConsumer(deps: {
  dataSource: DataSource;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
}): IdempotentConsumer {
  return new IdempotentConsumer({
    queue: QueueName.FINANCE_INBOX,
    schema: FINANCE_SCHEMA,
    handlers: {
      'workshop.status-changed': freezeRevokedStudioFunds,
      'evaluation.studio-funds-decided': carryOutFundsDecision,
    },
    ...deps,
  });
}
