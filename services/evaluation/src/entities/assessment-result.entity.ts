import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Grade } from '../generated/resolvers-types';
import type { IndicatorScoreRecord } from '../rules/indicator-score';

/** A finalised result; insert-only (a trigger refuses changes), one per finalisation. */
@Entity({ name: 'assessment_result' })
export class AssessmentResultEntity {
  @PrimaryColumn({ type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ type: 'smallint' })
  finalisation!: number;

  @Column({ type: 'integer' })
  totalPoints!: number;

  @Column({ type: 'varchar', length: 12 })
  grade!: Grade;

  @Column({ type: 'jsonb' })
  indicatorScores!: IndicatorScoreRecord[];

  @Column({ type: 'varchar', length: 100 })
  finalisedBy!: string;

  @Column({ type: 'timestamptz' })
  finalisedAt!: Date;
}
