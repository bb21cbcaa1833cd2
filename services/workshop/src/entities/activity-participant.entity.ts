import { Entity, PrimaryColumn } from 'typeorm';

/** A teacher who took part in an activity. */
@Entity({ name: 'activity_participant' })
export class ActivityParticipantEntity {
  @PrimaryColumn({ type: 'uuid' })
  activityId!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;
}
