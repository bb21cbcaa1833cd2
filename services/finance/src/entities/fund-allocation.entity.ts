import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';
import type {
  ExpenseCategory,
  FundAllocationStatus,
  FundSourceLevel,
  WorkshopType,
} from '../generated/resolvers-types';

const fen = { type: 'bigint', transformer: fenTransformer } as const;

/**
 * A studio's funds for one year from one source (专项经费), paid to its host school. The running
 * totals live on the row so that CHECK constraints hold the money rules under concurrency (see the
 * migration). `regionCode` is the studio's founding jurisdiction, `hostRegionCode` its host
 * school's county.
 */
@Entity({ name: 'fund_allocation' })
export class FundAllocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  /**
   * The studio's type (a studio's type never changes), recorded with the allocation so summaries
   * group by it without asking workshop per studio. Null for allocations made before it was recorded.
   */
  @Column({ type: 'varchar', length: 16, nullable: true })
  workshopType!: WorkshopType | null;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 8 })
  sourceLevel!: FundSourceLevel;

  @Column({ type: 'varchar', length: 6 })
  sourceRegionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'uuid' })
  hostSchoolId!: string;

  @Column({ type: 'varchar', length: 100 })
  documentNumber!: string;

  @Column({ ...fen, name: 'amount_fen' })
  amount!: bigint;

  @Column({ ...fen, name: 'disbursed_fen', default: 0 })
  disbursed!: bigint;

  @Column({ ...fen, name: 'approved_fen', default: 0 })
  approved!: bigint;

  @Column({ ...fen, name: 'pending_fen', default: 0 })
  pending!: bigint;

  @Column({ ...fen, name: 'lecture_fee_fen', default: 0 })
  lectureFees!: bigint;

  @Column({ type: 'varchar', length: 32, array: true })
  allowedCategories!: ExpenseCategory[];

  @Column({ type: 'smallint' })
  lectureFeeCapPercent!: number;

  @Column({ type: 'varchar', length: 8, default: 'ACTIVE' })
  status!: FundAllocationStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  frozenReason!: string | null;

  @Column({ type: 'varchar', length: 100 })
  allocatedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
