import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TraineeApplicationStatus } from '../generated/resolvers-types';

/** A teacher's application to a studio as trainee: host response, then office decision. */
@Entity({ name: 'trainee_application' })
export class TraineeApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TraineeApplicationStatus;

  @Column({ type: 'varchar', length: 1000 })
  statement!: string;

  @Column({ type: 'smallint', nullable: true })
  hostRating!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  hostComment!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  respondedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  officeComment!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy!: string | null;

  /** The trainee membership confirmation started. */
  @Column({ type: 'uuid', nullable: true })
  membershipId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
