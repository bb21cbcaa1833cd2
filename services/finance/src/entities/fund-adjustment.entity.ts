import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';

/** A change of an allocation's amount, with its reason. */
@Entity({ name: 'fund_adjustment' })
export class FundAdjustmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  allocationId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'bigint', name: 'previous_amount_fen', transformer: fenTransformer })
  previousAmount!: bigint;

  @Column({ type: 'bigint', name: 'new_amount_fen', transformer: fenTransformer })
  newAmount!: bigint;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 100 })
  adjustedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  adjustedAt!: Date;
}
