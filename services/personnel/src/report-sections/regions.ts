import type { RegionEntry } from '@mingshi/reports';
import type { PersonnelSectionContext } from './context';

/**
 * `regions`: the report's region (named in its title even when the requester's scope narrows what
 * it covers) and every region of the range, so the assembler names whatever code a section shows.
 */
export async function emitRegions(ctx: PersonnelSectionContext): Promise<void> {
  const rows: RegionEntry[] = await ctx.manager.query(
    `SELECT code, name, level, parent_code AS "parentCode"
     FROM personnel.region
     WHERE code = $1 OR code BETWEEN $2 AND $3
     ORDER BY code`,
    [ctx.request.regionCode, ctx.range.lo, ctx.range.hi],
  );
  for (const row of rows) await ctx.emit('regions', row);
}
