import { CreateFinanceTables1733000000000 } from './1733000000000-create-finance-tables';
import { WebhookDeliveryQueue1733000000001 } from './1733000000001-webhook-delivery-queue';
import { AllocationsRecordStudioType1733000000002 } from './1733000000002-allocations-record-studio-type';
import { CreateFinanceOutbox1733000000003 } from './1733000000003-create-finance-outbox';
import { CarryTraceContext1736000000000 } from './1736000000000-carry-trace-context';

/** In order; TypeORM records each in finance.migrations and runs only the new ones. */
export const financeMigrations = [
  CreateFinanceTables1733000000000,
  WebhookDeliveryQueue1733000000001,
  AllocationsRecordStudioType1733000000002,
  CreateFinanceOutbox1733000000003,
  CarryTraceContext1736000000000,
];
