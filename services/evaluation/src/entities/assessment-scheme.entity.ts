import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ScoreCombination, SchemeStatus, WorkshopLevel } from '../generated/resolvers-types';
import type { IndicatorNode } from '../rules/scheme-tree';

/**
 * One version of an assessment scheme (考核方案). Versions of one scheme share `schemeKey`; points
 * are integer hundredths. A PUBLISHED row is frozen by a trigger (see the migration).
 */
@Entity({ name: 'assessment_scheme' })
export class AssessmentSchemeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schemeKey!: string;

  @Column({ type: 'smallint' })
  version!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: WorkshopLevel;

  /** The office's jurisdiction. */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: SchemeStatus;

  @Column({ type: 'varchar', length: 12 })
  combination!: ScoreCombination;

  @Column({ type: 'jsonb' })
  indicators!: IndicatorNode[];

  @Column({ type: 'integer' })
  totalPoints!: number;

  @Column({ type: 'integer' })
  excellentPoints!: number;

  @Column({ type: 'integer' })
  qualifiedPoints!: number;

  @Column({ type: 'integer' })
  basicPoints!: number;

  @Column({ type: 'date', nullable: true })
  commentsCloseOn!: string | null;

  @Column({ type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
