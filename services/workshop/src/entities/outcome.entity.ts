import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AchievementLevel, OutcomeKind } from '../generated/resolvers-types';

/** An outcome (成果) of a studio; its authors are rows of outcome_author. */
@Entity({ name: 'outcome' })
export class OutcomeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: OutcomeKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: AchievementLevel;

  @Column({ type: 'date' })
  achievedOn!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
