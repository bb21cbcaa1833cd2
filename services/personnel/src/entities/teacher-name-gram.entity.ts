import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProfessionalRank, Stage, Subject } from '../generated/resolvers-types';

/**
 * One of a teacher's name grams — each distinct substring of one or two characters — with what a
 * search reads beside the name: kept by the database on every write of a teacher (migration
 * 1733013000000), only read by the service, which searches names through it (teacher-name-search.ts).
 */
@Entity({ name: 'teacher_name_gram' })
export class TeacherNameGramEntity {
  @PrimaryColumn({ type: 'varchar', length: 2 })
  gram!: string;

  /** The teacher's name: the index is in name order, the teacher list's own. */
  @PrimaryColumn({ type: 'varchar', length: 50 })
  name!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;

  /** The teacher's county, moved with the teacher, for row-level security. */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 32 })
  subject!: Subject;

  @Column({ type: 'varchar', length: 32 })
  stage!: Stage;

  @Column({ type: 'varchar', length: 32 })
  rank!: ProfessionalRank;
}
