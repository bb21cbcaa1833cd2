import { pipeline } from 'node:stream/promises';
import type express from 'express';
import type { DataSource } from 'typeorm';
import { NATIONWIDE, regionRange } from '@mingshi/auth';
import { withScopedTransaction } from '@mingshi/db';
import { ErrorCode } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import type { ObjectStore } from '@mingshi/storage';
import { methodNotAllowed, sendHttpError } from '@mingshi/subgraph-server';
import { ReportDownloadEntity, ReportJobEntity } from '../entities';
import { REPORT_FILE_TYPES } from '../render';
import type { DownloadLinks } from './download-links';

/**
 * GET /downloads/:token — the file of a finished report, for the holder of a signed link (the
 * gateway forwards /reports/downloads/* here). Each download is recorded before the first byte
 * goes out, so there is no download without its audit row.
 */
export function mountReportDownloads(
  app: express.Express,
  deps: { dataSource: DataSource; store: ObjectStore; links: DownloadLinks; logger: Logger },
): void {
  app
    .route('/downloads/:token')
    .get(async (req, res, next) => {
      try {
        const grant = await deps.links.verify(req.params.token ?? '');
        if ('refused' in grant) {
          sendHttpError(
            res,
            403,
            ErrorCode.FORBIDDEN,
            grant.refused === 'expired'
              ? 'This download link has expired; ask the report job for a new one'
              : 'This download link is not valid',
          );
          return;
        }
        const job = await withScopedTransaction(deps.dataSource, NATIONWIDE, (manager) =>
          manager.getRepository(ReportJobEntity).findOneBy({ id: grant.reportId }),
        );
        if (!job || job.status !== 'SUCCEEDED' || !job.fileKey || job.fileRemovedAt) {
          sendHttpError(
            res,
            404,
            ErrorCode.NOT_FOUND,
            'The report file is not available (cancelled or removed)',
          );
          return;
        }
        const body = await deps.store.get(job.fileKey);
        await withScopedTransaction(deps.dataSource, regionRange(job.regionCode), (manager) =>
          manager.getRepository(ReportDownloadEntity).insert({
            reportId: job.id,
            regionCode: job.regionCode,
            userId: grant.userId,
            // The gateway forwards the caller's address; only the gateway reaches this service.
            remoteAddress:
              (req.get('x-forwarded-for')?.split(',')[0]?.trim() || req.ip || '').slice(0, 64) || null,
            userAgent: (req.get('user-agent') ?? '').slice(0, 300) || null,
            bytes: job.sizeBytes ?? 0,
          }),
        );
        const type = REPORT_FILE_TYPES[job.format];
        res.setHeader('Content-Type', type.contentType);
        if (job.sizeBytes !== null) res.setHeader('Content-Length', String(job.sizeBytes));
        res.setHeader('Cache-Control', 'private, no-store');
        res.attachment(`${job.regionCode}-${job.year}-${job.kind}.${type.extension}`);
        await pipeline(body, res);
        deps.logger.info({ reportId: job.id, userId: grant.userId }, 'report downloaded');
      } catch (error) {
        next(error);
      }
    })
    .all(methodNotAllowed('GET'));
}
