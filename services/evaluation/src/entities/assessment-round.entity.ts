import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { fenTransformer } from '@mingshi/db';
import type { RoundKind, WorkshopLevel } from '../generated/resolvers-types';

/** An assessment round an office runs for the studios of its level in its jurisdiction. */
@Entity({ name: 'assessment_round' })
export class AssessmentRoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  schemeId!: string;

  @Column({ type: 'varchar', length: 10 })
  kind!: RoundKind;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  /** FOLLOW_UP rounds only: the round whose BASIC results this one assesses again. */
  @Column({ type: 'uuid', nullable: true })
  followUpOf!: string | null;

  @Column({ type: 'varchar', length: 8 })
  level!: WorkshopLevel;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'date' })
  periodFrom!: string;

  @Column({ type: 'date' })
  periodTo!: string;

  @Column({ type: 'date' })
  deadline!: string;

  @Column({ type: 'smallint' })
  appealWindowDays!: number;

  @Column({ type: 'smallint' })
  rectificationDays!: number;

  @Column({ type: 'bigint', nullable: true, transformer: fenTransformer })
  rewardFen!: bigint | null;

  @Column({ type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
