import DataLoader from 'dataloader';
import { groupToKeys, measuredLoaders, rowsById, type RequestTransaction } from '@mingshi/db';
import { isUuid } from '@mingshi/graphql';
import { ReportDownloadEntity, ReportJobEntity } from './entities';

/** How many downloads a job lists at most. */
export const MAX_DOWNLOADS_LISTED = 100;

/**
 * One set of loaders per request; row-level security on the request's transaction keeps every
 * job outside the caller's region out, the services apply the role rules on top.
 */
export function createLoaders(tx: RequestTransaction) {
  return measuredLoaders({
    job: rowsById(tx, ReportJobEntity),
    /** Newest first, at most MAX_DOWNLOADS_LISTED per job, in one query for the page. */
    downloads: new DataLoader<string, ReportDownloadEntity[]>(async (reportIds) => {
      const rows: ReportDownloadEntity[] = await (
        await tx.manager()
      ).query(
        `SELECT id, report_id AS "reportId", region_code AS "regionCode", user_id AS "userId",
                remote_address AS "remoteAddress", user_agent AS "userAgent", bytes::float8 AS bytes,
                downloaded_at AS "downloadedAt"
           FROM (SELECT d.*, row_number() OVER (PARTITION BY report_id ORDER BY downloaded_at DESC, id DESC) AS n
                   FROM reports.report_download d WHERE report_id = ANY($1)) ranked
          WHERE n <= $2`,
        [reportIds.filter(isUuid), MAX_DOWNLOADS_LISTED],
      );
      return groupToKeys(reportIds, rows, (row) => row.reportId);
    }),
  });
}

export type ReportsLoaders = ReturnType<typeof createLoaders>;
