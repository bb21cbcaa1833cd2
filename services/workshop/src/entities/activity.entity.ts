import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityType, ResourceKind } from '../generated/resolvers-types';
import { numericTransformer } from '@mingshi/db';

/** Material published with an activity. */
export interface ActivityResourceRecord {
  title: string;
  url: string;
  kind: ResourceKind;
}

/** A studio activity (研修活动). Participants are rows of activity_participant. */
@Entity({ name: 'activity' })
export class ActivityEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: ActivityType;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'date' })
  date!: string;

  @Column({ type: 'varchar', length: 200 })
  place!: string;

  @Column({ type: 'numeric', precision: 4, scale: 1, transformer: numericTransformer })
  hoursCredited!: number;

  /** A personnel school id: the school visited by an outreach activity. */
  @Column({ type: 'uuid', nullable: true })
  targetSchoolId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  resources!: ActivityResourceRecord[];

  @Column({ type: 'integer', default: 0 })
  viewCount!: number;

  /** How many participant rows it has, written with them: figures sum it instead of counting them. */
  @Column({ type: 'integer', default: 0 })
  participantCount!: number;

  @Column({ type: 'varchar', length: 100 })
  recordedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
