import type { QueueRedis } from '@mingshi/events';
import type { DataSource } from 'typeorm';
import { IdempotentConsumer, QueueName } from '@mingshi/events';
import type { Logger } from '@mingshi/logger';
import { PERSONNEL_SCHEMA } from '../data-source';
import { creditCertificateHours } from './credit-certificate-hours';

/** Personnel's inbox: the events other services send it, each handled once. */
export function personnelConsumer(deps: {
  dataSource: DataSource;
  connection: QueueRedis;
  prefix: string;
  logger: Logger;
}): IdempotentConsumer {
  return new IdempotentConsumer({
    queue: QueueName.PERSONNEL_INBOX,
    schema: PERSONNEL_SCHEMA,
    handlers: { 'workshop.certificate-issued': creditCertificateHours },
    ...deps,
  });
}
