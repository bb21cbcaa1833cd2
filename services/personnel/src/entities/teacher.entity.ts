import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Gender, ProfessionalRank, Stage, Subject } from '../generated/resolvers-types';

/** A stretch of service at a rural school (农村任支教经历). */
export interface RuralServiceRecord {
  place: string;
  startDate: string;
  endDate: string | null;
}

/**
 * A teacher (教师). `region_code` repeats the school's county so that scope checks and row-level
 * security filter on an indexed column without a join; it changes only with the school.
 */
@Entity({ name: 'teacher' })
@Index(['name', 'id'])
@Index(['regionCode', 'name', 'id'])
export class TeacherEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 6 })
  gender!: Gender;

  @Column({ type: 'date' })
  birthDate!: string;

  @Index()
  @Column({ type: 'uuid' })
  schoolId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  subject!: Subject;

  @Column({ type: 'varchar', length: 32 })
  stage!: Stage;

  @Column({ type: 'varchar', length: 32 })
  rank!: ProfessionalRank;

  /** Unique nationwide: the same person cannot be registered twice, whichever county tries. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18 })
  nationalId!: string;

  @Column({ type: 'varchar', length: 11 })
  phone!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  ruralService!: RuralServiceRecord[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
