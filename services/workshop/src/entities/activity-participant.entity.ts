import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ActivityType } from '../generated/resolvers-types';

/** A teacher who took part in an activity. */
@Entity({ name: 'activity_participant' })
export class ActivityParticipantEntity {
  @PrimaryColumn({ type: 'uuid' })
  activityId!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;

  /** The activity's studio, copied so that row-level security admits the row without reading the activity. */
  @Column({ type: 'uuid' })
  workshopId!: string;

  /** The activity's date and type, copied so a period's participations are read without their activities. */
  @Column({ type: 'date' })
  activityDate!: string;

  @Column({ type: 'varchar', length: 32 })
  activityType!: ActivityType;
}
