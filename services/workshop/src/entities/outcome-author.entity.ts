import { Entity, PrimaryColumn } from 'typeorm';

/** A teacher credited with an outcome. */
@Entity({ name: 'outcome_author' })
export class OutcomeAuthorEntity {
  @PrimaryColumn({ type: 'uuid' })
  outcomeId!: string;

  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;
}
