import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssessmentStatus, Grade, WorkshopLevel, WorkshopType } from '../generated/resolvers-types';

/**
 * One studio's assessment in a round. The studio's level, type, host school and regions are
 * recorded when the round opens: they place the assessment in rankings and distributions, and
 * decide who may see it, as they were when it was assessed. `totalPoints` and `grade` repeat the
 * latest result for ranking in SQL.
 */
@Entity({ name: 'assessment' })
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  roundId!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  /** The studio's founding jurisdiction. */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  /** The county of the studio's host school. */
  @Column({ type: 'varchar', length: 6 })
  hostRegionCode!: string;

  @Column({ type: 'uuid' })
  hostSchoolId!: string;

  @Column({ type: 'varchar', length: 8 })
  workshopLevel!: WorkshopLevel;

  @Column({ type: 'varchar', length: 12 })
  workshopType!: WorkshopType;

  @Column({ type: 'varchar', length: 10 })
  status!: AssessmentStatus;

  @Column({ type: 'integer', nullable: true })
  totalPoints!: number | null;

  @Column({ type: 'varchar', length: 12, nullable: true })
  grade!: Grade | null;

  @Column({ type: 'smallint' })
  finalisations!: number;

  @Column({ type: 'timestamptz', nullable: true })
  appealClosesAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reopenedReason!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reopenedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
