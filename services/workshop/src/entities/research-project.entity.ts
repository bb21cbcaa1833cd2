import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AchievementLevel, ResearchProjectStatus } from '../generated/resolvers-types';

/** A research project (课题) of a studio. */
@Entity({ name: 'research_project' })
export class ResearchProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workshopId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: AchievementLevel;

  @Column({ type: 'varchar', length: 16 })
  status!: ResearchProjectStatus;

  @Column({ type: 'uuid' })
  leaderId!: string;

  @Column({ type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ type: 'date', nullable: true })
  concludedOn!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
