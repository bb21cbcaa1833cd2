import type { SectionContext } from '@mingshi/reports';
import type { PeriodSql } from '../services/metrics-sql';

/**
 * The studios a report covers and the year it covers, as SQL with their parameters. The studios
 * are those founded in the report's range (the report's region narrowed to the requester's scope),
 * as for the metrics aggregate: not the studios of the jurisdictions above that the requester may
 * also see, whose work belongs to their own region's report. Row-level security already applies.
 *
 * Every statement of a section takes `params` ($1–$4) and uses all four, so the studios and the
 * period read the same in each.
 */
export interface CoveredStudios {
  /** A SELECT of the covered studios' workshop rows, for a WITH clause. */
  studios: string;
  /** The calendar year of the report, first to last day. */
  period: PeriodSql;
  params: [lo: string, hi: string, from: string, to: string];
}

export function coveredStudios(ctx: SectionContext<object>): CoveredStudios {
  const year = ctx.request.year;
  return {
    studios: `SELECT w.* FROM workshop.workshop w WHERE w.region_code BETWEEN $1 AND $2`,
    period: { from: '$3::date', to: '$4::date' },
    params: [ctx.range.lo, ctx.range.hi, `${year}-01-01`, `${year}-12-31`],
  };
}
