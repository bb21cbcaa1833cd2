import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EvidenceKind } from '../generated/resolvers-types';

export interface EvidenceRecord {
  kind: EvidenceKind;
  recordId: string;
  note: string | null;
}

/** The host's self-report (自评报告) for an assessment; resubmitting replaces it. */
@Entity({ name: 'self_report' })
export class SelfReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  assessmentId!: string;

  @Column({ type: 'varchar', length: 5000 })
  summary!: string;

  @Column({ type: 'jsonb' })
  evidence!: EvidenceRecord[];

  @Column({ type: 'varchar', length: 100 })
  submittedBy!: string;

  @Column({ type: 'timestamptz' })
  submittedAt!: Date;
}
