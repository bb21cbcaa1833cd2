import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkshopStatus } from '../generated/resolvers-types';

/** One step of a studio's lifecycle, kept forever: who moved it, when and why. */
@Entity({ name: 'workshop_status_change' })
export class WorkshopStatusChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  /** Null for the founding entry. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: WorkshopStatus | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus!: WorkshopStatus;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ type: 'varchar', length: 100 })
  changedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
