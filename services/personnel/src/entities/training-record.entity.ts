import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@mingshi/db';
import type { TrainingSource } from '../generated/resolvers-types';

/** Continuing-education hours (继续教育学时) credited to a teacher for a year. */
@Entity({ name: 'training_record' })
@Index(['teacherId', 'year'])
export class TrainingRecordEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'numeric', precision: 5, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'varchar', length: 32 })
  source!: TrainingSource;

  @Column({ type: 'varchar', length: 200 })
  description!: string;

  /**
   * The id of what produced the credit (e.g. a completion certificate). Unique, so an event
   * delivered twice credits once.
   */
  @Index({ unique: true, where: 'source_ref IS NOT NULL' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  sourceRef!: string | null;

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
