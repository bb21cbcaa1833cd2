import { ExpenseEntity } from './expense.entity';
import { FundAdjustmentEntity } from './fund-adjustment.entity';
import { FundAllocationEntity } from './fund-allocation.entity';
import { FundDisbursementEntity } from './fund-disbursement.entity';
import { FundEventEntity } from './fund-event.entity';
import { FundPolicyEntity } from './fund-policy.entity';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookEndpointEntity } from './webhook.entity';

export {
  ExpenseEntity,
  FundAdjustmentEntity,
  FundAllocationEntity,
  FundDisbursementEntity,
  FundEventEntity,
  FundPolicyEntity,
  WebhookAttemptEntity,
  WebhookDeliveryEntity,
  WebhookEndpointEntity,
};

export const financeEntities = [
  FundPolicyEntity,
  FundAllocationEntity,
  FundAdjustmentEntity,
  FundDisbursementEntity,
  ExpenseEntity,
  FundEventEntity,
  WebhookEndpointEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];
