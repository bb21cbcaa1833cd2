import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import { IdempotentConsumer, QueueName } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { SubgraphClient } from '@mingshi/subgraph-server';
import type { WorkshopSettings } from '../context';
import { WORKSHOP_SCHEMA } from '../data-source';
import { PersonnelClient } from '../personnel-client';
import { carryOutStatusDecision } from './carry-out-status-decision';

/** Workshop's inbox: the events other services send it, each handled once. */
export function workshopConsumer(deps: {
  dataSource: DataSource;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
  /** Personnel, asked whether a studio's host still qualifies for a new cycle. */
  personnelUrl: string;
  identitySecret: string;
  settings: Pick<WorkshopSettings, 'hostMinimumTitles'>;
}): IdempotentConsumer {
  const { personnelUrl, identitySecret, settings, ...consumer } = deps;
  const personnel = new PersonnelClient(new SubgraphClient('personnel', personnelUrl));
  return new IdempotentConsumer({
    queue: QueueName.WORKSHOP_INBOX,
    schema: WORKSHOP_SCHEMA,
    handlers: {
      'evaluation.studio-status-decided': carryOutStatusDecision({
        personnel,
        identitySecret,
        hostMinimumTitles: settings.hostMinimumTitles,
      }),
    },
    ...consumer,
  });
}
