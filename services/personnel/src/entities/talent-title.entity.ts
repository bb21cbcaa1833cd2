import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { TalentTitleKind, TitleLevel } from '../generated/resolvers-types';

/** A talent title (人才称号) awarded to a teacher. Visible exactly when its teacher is. */
@Entity({ name: 'talent_title' })
@Index(['teacherId', 'kind', 'level', 'year'], { unique: true })
@Index(['kind', 'level'])
export class TalentTitleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  teacherId!: string;

  @Column({ type: 'varchar', length: 40 })
  kind!: TalentTitleKind;

  @Column({ type: 'varchar', length: 8 })
  level!: TitleLevel;

  @Column({ type: 'smallint' })
  year!: number;

  /** The region of the office that recorded the award. */
  @Column({ type: 'varchar', length: 6 })
  awardedByRegionCode!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
