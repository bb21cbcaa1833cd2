import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One evaluator's points (hundredths) for one EXPERT indicator of an assessment. */
@Entity({ name: 'expert_score' })
export class ExpertScoreEntity {
  @PrimaryColumn({ type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  indicatorCode!: string;

  @PrimaryColumn({ type: 'uuid' })
  evaluatorTeacherId!: string;

  @Column({ type: 'integer' })
  points!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
