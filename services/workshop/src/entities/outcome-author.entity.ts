import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A teacher credited with an outcome. */
@Entity({ name: 'outcome_author' })
export class OutcomeAuthorEntity {
  @PrimaryColumn({ type: 'uuid' })
  outcomeId!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;

  /** The outcome's studio, copied so that row-level security admits the row without reading the outcome. */
  @Column({ type: 'uuid' })
  workshopId!: string;
}
