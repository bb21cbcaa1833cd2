import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';
import type { TraceCarrier } from '@mingshi/telemetry';
import type { FundEventType } from '../generated/resolvers-types';

/**
 * One change to money. `entry` is taken inside the writing transaction and so may commit out of
 * order; `position` is stamped by the sequencer after commit, in one gap-free order (see
 * services/event-sequencer.ts). Readers only ever see sequenced events.
 */
@Entity({ name: 'fund_event' })
export class FundEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  entry!: string;

  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id!: string;

  @Column({ type: 'bigint', nullable: true })
  position!: string | null;

  @Column({ type: 'varchar', length: 24 })
  type!: FundEventType;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'uuid' })
  allocationId!: string;

  @Column({ type: 'uuid', nullable: true })
  expenseId!: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'bigint', name: 'amount_fen', nullable: true, transformer: fenTransformer })
  amount!: bigint | null;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sequencedAt!: Date | null;

  /** The trace of the change that recorded it, continued by its webhook deliveries; null untraced. */
  @Column({ type: 'jsonb', nullable: true })
  traceContext!: TraceCarrier | null;
}
