import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type express from 'express';
import { ErrorCode } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';
import { methodNotAllowed, sendHttpError } from '@mingshi/subgraph-server';

/** The response headers a download keeps on its way through. */
const PASSED_HEADERS = ['content-type', 'content-length', 'content-disposition', 'cache-control'];

/**
 * GET /reports/downloads/:token — report files, passed through from the reports subgraph. Only
 * the gateway is reachable from outside, so a signed download link points here; the link is its
 * own authorisation (a browser following it sends no bearer token), checked by the reports
 * service, which also records the download.
 */
export function mountReportDownloads(app: express.Express, reportsGraphqlUrl: string, logger: Logger): void {
  const base = reportsGraphqlUrl.replace(/\/graphql$/, '');
  app
    .route('/reports/downloads/:token')
    .get(async (req, res) => {
      try {
        const upstream = await fetch(`${base}/downloads/${encodeURIComponent(req.params.token ?? '')}`, {
          headers: {
            'x-forwarded-for': req.ip ?? '',
            'user-agent': req.get('user-agent') ?? '',
          },
        });
        res.status(upstream.status);
        for (const name of PASSED_HEADERS) {
          const value = upstream.headers.get(name);
          if (value !== null) res.setHeader(name, value);
        }
        if (!upstream.body) {
          res.end();
          return;
        }
        await pipeline(Readable.fromWeb(upstream.body as import('node:stream/web').ReadableStream), res);
      } catch (error) {
        logger.warn({ err: (error as Error).message }, 'report download failed');
        if (!res.headersSent) {
          sendHttpError(
            res,
            502,
            ErrorCode.SERVICE_UNAVAILABLE,
            'The reports service is unavailable; try again',
          );
        } else {
          res.destroy();
        }
      }
    })
    .all(methodNotAllowed('GET'));
}
