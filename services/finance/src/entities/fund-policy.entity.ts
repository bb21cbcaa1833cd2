import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExpenseCategory, FundSourceLevel } from '../generated/resolvers-types';

/** An office's fund policy (经费管理办法): what its allocations may be spent on, and the lecture-fee cap. */
@Entity({ name: 'fund_policy' })
export class FundPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: FundSourceLevel;

  @Column({ type: 'varchar', length: 32, array: true })
  allowedCategories!: ExpenseCategory[];

  @Column({ type: 'smallint' })
  lectureFeeCapPercent!: number;

  @Column({ type: 'varchar', length: 100 })
  updatedBy!: string;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
