import type { Principal } from '@mingshi/auth';
import type { ReportKind, SectionService } from './report-kinds';

/** What the report asks of every section: the same for all of them. */
export interface ReportRequest {
  kind: ReportKind;
  /** GB/T 2260 code of the county, city or province the report covers. */
  regionCode: string;
  /** The calendar year the report covers (活动、经费、考核 of that year; the roster as of its end). */
  year: number;
  /** Personal data (national ID, phone) masked, as it is for analysts. */
  masked: boolean;
}

/**
 * One section job's data. The requester travels with it: the section is computed in the
 * requester's scope, under the same row-level security as the requester's own reads, by a worker
 * that trusts this payload as it trusts every job on the system's Redis.
 */
export interface SectionJobData {
  reportId: string;
  service: SectionService;
  request: ReportRequest;
  requester: Principal;
}

/** What a section hands to the flow: where its rows are, never the rows themselves. */
export interface SectionOutput {
  service: SectionService;
  /** The section file in the shared object store (NDJSON, see section-file.ts). */
  key: string;
  rows: number;
  bytes: number;
  /** SHA-256 of the file: equal digests mean equal data, so an unchanged report is reused. */
  sha256: string;
  /** Outputs of the sections this one needed, passed on so the assembler sees every section. */
  forwarded?: SectionOutput[];
}

/** Where a section's file goes: one folder per report, so retention removes a report whole. */
export function sectionKey(reportId: string, service: SectionService): string {
  return `reports/${reportId}/sections/${service}.ndjson`;
}

/** The BullMQ job id of a report's section: one per report and service, so a retry is the same job. */
export function sectionJobId(reportId: string, service: SectionService): string {
  return `${reportId}.${service}`;
}
