import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '@mingshi/db';

/**
 * A teacher's continuing-education year summed: kept by the database from the training records
 * (migration 1732250000003); the service only reads it, joining it to filter, order and
 * count teachers by their hours without summing records per teacher.
 */
@Entity({ name: 'training_year' })
export class TrainingYearEntity {
  @PrimaryColumn({ type: 'uuid' })
  teacherId!: string;

  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  /** The teacher's county, moved with the teacher, for row-level security. */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'numeric', precision: 8, scale: 1, transformer: numericTransformer })
  hours!: number;

  @Column({ type: 'integer' })
  records!: number;
}
