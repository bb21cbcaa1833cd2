import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  Stage,
  Subject,
  WorkshopLevel,
  WorkshopStatus,
  WorkshopType,
} from '../generated/resolvers-types';

/**
 * A master-teacher studio (名师工作室). `region_code` is the founding jurisdiction (county, city
 * or province code): row-level security shows it to callers in that range and below.
 */
@Entity({ name: 'workshop' })
export class WorkshopEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: WorkshopType;

  @Column({ type: 'varchar', length: 8 })
  level!: WorkshopLevel;

  @Column({ type: 'varchar', length: 32 })
  subject!: Subject;

  @Column({ type: 'varchar', length: 32 })
  stage!: Stage;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'uuid' })
  hostSchoolId!: string;

  @Column({ type: 'smallint' })
  cycleStartYear!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: WorkshopStatus;

  @Column({ type: 'date', nullable: true })
  rectificationDeadline!: string | null;

  @Column({ type: 'varchar', length: 100 })
  foundedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
