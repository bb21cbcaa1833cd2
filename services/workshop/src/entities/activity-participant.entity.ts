import { Column, Entity, PrimaryColumn } from 'typeorm';

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
}
