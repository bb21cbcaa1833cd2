import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';
import type { ExpenseCategory, ExpenseStatus } from '../generated/resolvers-types';

/** An expense of a studio's funds (支出), charged to one allocation. */
@Entity({ name: 'expense' })
export class ExpenseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  allocationId!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  category!: ExpenseCategory;

  @Column({ type: 'bigint', name: 'amount_fen', transformer: fenTransformer })
  amount!: bigint;

  @Column({ type: 'date' })
  spentOn!: string;

  @Column({ type: 'varchar', length: 100 })
  payee!: string;

  @Column({ type: 'varchar', length: 100 })
  voucherNumber!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ExpenseStatus;

  @Column({ type: 'varchar', length: 100 })
  submittedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reversedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reversedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reversalReason!: string | null;
}
