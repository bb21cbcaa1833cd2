import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Principal } from '@mingshi/auth';
import { numericTransformer } from '@mingshi/db';
import type { ReportFormat, ReportKind, SectionService } from '@mingshi/reports';

export type ReportStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/** One section of a job as last seen in its flow. */
export interface SectionState {
  service: SectionService;
  status: ReportStatus;
  progress: number;
  rows: number | null;
  error: string | null;
}

/** A requested report: what was asked, by whom, how far it is, and where its file is. */
@Entity({ name: 'report_job' })
export class ReportJobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: ReportKind;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'varchar', length: 4 })
  format!: ReportFormat;

  @Column({ type: 'boolean' })
  masked!: boolean;

  /** Digest of what was asked (request-key.ts): equal keys ask for the same file. */
  @Column({ type: 'char', length: 64 })
  requestKey!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: ReportStatus;

  /** 0–100: the sections' progress, then the rendering (rules/job-progress.ts). */
  @Column({ type: 'smallint' })
  progress!: number;

  @Column({ type: 'jsonb' })
  sections!: SectionState[];

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'varchar', length: 100 })
  requestedBy!: string;

  /** The principal the sections are computed as. */
  @Column({ type: 'jsonb' })
  requester!: Principal;

  /** A finished job with the same key whose file is reused if the sections come out the same. */
  @Column({ type: 'uuid', nullable: true })
  reuseCandidateId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  reusedFromId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fileKey!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  fileSha256!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: numericTransformer })
  sizeBytes!: number | null;

  /** SHA-256 of each section file, by service: equal digests mean the data has not changed. */
  @Column({ type: 'jsonb', nullable: true })
  sectionDigests!: Partial<Record<SectionService, string>> | null;

  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** When retention removes the file. */
  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  fileRemovedAt!: Date | null;
}
