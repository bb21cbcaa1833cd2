import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from '@mingshi/db';

/** Audit: one row per download of a report file (insert-only for the service). */
@Entity({ name: 'report_download' })
export class ReportDownloadEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid' })
  reportId!: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  /** Who the signed link was issued to. */
  @Column({ type: 'varchar', length: 100 })
  userId!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  remoteAddress!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'bigint', transformer: numericTransformer })
  bytes!: number;

  @Column({ type: 'timestamptz' })
  downloadedAt!: Date;
}
