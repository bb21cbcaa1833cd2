import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MembershipRole } from '../generated/resolvers-types';

/** A teacher's place in a studio. Open while `left_on` is null. */
@Entity({ name: 'membership' })
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  /** A personnel teacher id; the teacher's data stays in personnel. */
  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'varchar', length: 8 })
  role!: MembershipRole;

  @Column({ type: 'date' })
  joinedOn!: string;

  @Column({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  endReason!: string | null;
}
