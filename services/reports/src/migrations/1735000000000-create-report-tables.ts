import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, enablePolicy, grantAppRole, inScope } from '@mingshi/db';

const STATUSES = `'QUEUED','RUNNING','SUCCEEDED','FAILED','CANCELLED'`;

/**
 * Report jobs and their download audit. A job is the region's: row-level security admits it to
 * callers whose scope covers the region it reports on, as for every other region-scoped table.
 * Only one job per request key is in flight at a time (the partial unique index), so two
 * identical requests racing each other still end up sharing one job.
 */
export class CreateReportTables1735000000000 implements MigrationInterface {
  name = 'CreateReportTables1735000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reports.report_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(24) NOT NULL,
        region_code varchar(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
        year smallint NOT NULL,
        format varchar(4) NOT NULL CHECK (format IN ('XLSX', 'CSV', 'PDF')),
        masked boolean NOT NULL,
        request_key char(64) NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'QUEUED' CHECK (status IN (${STATUSES})),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        sections jsonb NOT NULL,
        error text,
        requested_by varchar(100) NOT NULL,
        requester jsonb NOT NULL,
        reuse_candidate_id uuid REFERENCES reports.report_job (id) ON DELETE SET NULL,
        reused_from_id uuid REFERENCES reports.report_job (id) ON DELETE SET NULL,
        file_key varchar(200),
        file_sha256 char(64),
        size_bytes bigint CHECK (size_bytes >= 0),
        section_digests jsonb,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        expires_at timestamptz,
        file_removed_at timestamptz,
        CONSTRAINT report_job_finished CHECK (
          (status IN ('QUEUED', 'RUNNING')) = (finished_at IS NULL)),
        CONSTRAINT report_job_file CHECK ((status = 'SUCCEEDED') = (file_key IS NOT NULL))
      )`);
    await q.query(`
      CREATE UNIQUE INDEX report_job_in_flight ON reports.report_job (request_key)
        WHERE status IN ('QUEUED', 'RUNNING')`);
    await q.query(
      `CREATE INDEX report_job_region_idx ON reports.report_job (region_code, requested_at DESC, id)`,
    );
    await q.query(`CREATE INDEX report_job_reuse_idx ON reports.report_job (request_key, finished_at DESC)
        WHERE status = 'SUCCEEDED' AND file_removed_at IS NULL`);
    await q.query(
      `CREATE INDEX report_job_open_idx ON reports.report_job (requested_at) WHERE finished_at IS NULL`,
    );
    await q.query(`CREATE INDEX report_job_expiry_idx ON reports.report_job (expires_at)
        WHERE file_removed_at IS NULL AND expires_at IS NOT NULL`);
    await enablePolicy(q, 'reports.report_job', inScope());

    await q.query(`
      CREATE TABLE reports.report_download (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_id uuid NOT NULL REFERENCES reports.report_job (id) ON DELETE CASCADE,
        region_code varchar(6) NOT NULL,
        user_id varchar(100) NOT NULL,
        remote_address varchar(64),
        user_agent varchar(300),
        bytes bigint NOT NULL,
        downloaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX report_download_report_idx ON reports.report_download (report_id, downloaded_at)`,
    );
    await enablePolicy(q, 'reports.report_download', inScope());
    await grantAppRole(q, 'reports');
    // The audit is append-only for the service: it records downloads and never rewrites them.
    await q.query(`REVOKE UPDATE, DELETE ON reports.report_download FROM ${appRole()}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reports.report_download`);
    await q.query(`DROP TABLE reports.report_job`);
  }
}
