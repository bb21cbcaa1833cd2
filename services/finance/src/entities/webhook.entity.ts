import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type {
  FundEventType,
  WebhookDeliveryStatus,
  WebhookEndpointStatus,
} from '../generated/resolvers-types';

/** Where a finance system receives fund events. `deliveredThrough` is its place in the log. */
@Entity({ name: 'webhook_endpoint' })
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 24, array: true, default: () => `'{}'` })
  eventTypes!: FundEventType[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 8, default: 'ACTIVE' })
  status!: WebhookEndpointStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason!: string | null;

  @Column({ type: 'varchar', length: 200 })
  secret!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  previousSecret!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ type: 'bigint', default: 0 })
  deliveredThrough!: string;

  @Column({ type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** One event sent to one endpoint. */
@Entity({ name: 'webhook_delivery' })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  endpointId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'bigint' })
  position!: string;

  @Column({ type: 'varchar', length: 9, default: 'PENDING' })
  status!: WebhookDeliveryStatus;

  @Column({ type: 'smallint', default: 0 })
  attemptCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** When the dispatcher handed it to the queue; null until then (the row is the job's outbox). */
  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** One HTTP attempt of a delivery. */
@Entity({ name: 'webhook_attempt' })
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  deliveryId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  attemptedAt!: Date;

  @Column({ type: 'smallint', nullable: true })
  statusCode!: number | null;

  @Column({ type: 'integer' })
  durationMs!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  responseSnippet!: string | null;
}
