import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Stage } from '../generated/resolvers-types';

/** A school (学校) in one county. Region-scoped by row-level security on `region_code`. */
@Entity({ name: 'school' })
@Index(['name', 'id'])
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** The county (GB/T 2260) the school belongs to. */
  @Index()
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'text', array: true })
  stages!: Stage[];

  @Column({ type: 'boolean' })
  rural!: boolean;

  @Column({ type: 'boolean' })
  weak!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
