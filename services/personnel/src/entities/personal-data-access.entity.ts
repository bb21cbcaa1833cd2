import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Audit log: one row per unmasked read of a teacher's personal data. The app role may only
 * insert here, never read or change it.
 */
@Entity({ name: 'personal_data_access' })
export class PersonalDataAccessEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  /** Which field was read unmasked: nationalId or phone. */
  @Column({ type: 'varchar', length: 32 })
  field!: string;

  @Column({ type: 'varchar', length: 100 })
  actorId!: string;

  @Column({ type: 'text', array: true })
  actorRoles!: string[];

  @Column({ type: 'varchar', length: 64 })
  requestId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  accessedAt!: Date;
}
