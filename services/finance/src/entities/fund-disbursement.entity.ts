import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';

/** A payment of allocated funds to the host school (拨付). */
@Entity({ name: 'fund_disbursement' })
export class FundDisbursementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  allocationId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fenTransformer })
  amount!: bigint;

  @Column({ type: 'varchar', length: 100 })
  voucherNumber!: string;

  @Column({ type: 'date' })
  paidOn!: string;

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
