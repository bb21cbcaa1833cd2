import { ancestorsOf } from '@mingshi/auth';
import type { RegionEntry } from '@mingshi/reports';
import type { PersonnelSectionContext } from './context';

/**
 * `regions`: the report's region (named in its title even when the requester's scope narrows what
 * it covers), every region of the range, and the jurisdictions above it, so the assembler names
 * whatever code a section shows — a city's studio hosted in a county is 攀枝花市本级, not 510400.
 */
export async function emitRegions(ctx: PersonnelSectionContext): Promise<void> {
  const rows: RegionEntry[] = await ctx.manager.query(
    `SELECT code, name, level, parent_code AS "parentCode"
     FROM personnel.region
     WHERE code = $1 OR code BETWEEN $2 AND $3 OR code = ANY($4)
     ORDER BY code`,
    [ctx.request.regionCode, ctx.range.lo, ctx.range.hi, ancestorsOf(ctx.request.regionCode)],
  );
  for (const row of rows) await ctx.emit('regions', row);
}
