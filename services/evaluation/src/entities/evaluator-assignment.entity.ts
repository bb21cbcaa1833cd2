import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A teacher assigned to assess one studio as an expert (评审专家). */
@Entity({ name: 'evaluator_assignment' })
export class EvaluatorAssignmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'varchar', length: 100 })
  assignedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt!: Date;
}
