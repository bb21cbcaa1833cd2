import { createHash } from 'node:crypto';
import type { ReportRequest, ReportFormat } from '@mingshi/reports';

/**
 * What makes two requests the same: kind, region, year, format and masking. Who asked does not
 * enter: offices and analysts whose scope covers the region see the same data for it, and
 * masking, the one difference between them, is part of the key.
 */
export function requestKey(request: ReportRequest, format: ReportFormat): string {
  return createHash('sha256')
    .update(JSON.stringify([request.kind, request.regionCode, request.year, format, request.masked]))
    .digest('hex');
}
