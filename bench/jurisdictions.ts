import { Role, regionLevel, regionRange } from '@mingshi/auth';
import { asSuperuser } from './database';
import type { Jurisdictions } from './scenarios';

/**
 * Picks the callers' regions from what was seeded under `root` (the scale's county, city or
 * province): the county with the most teachers, and the city or province office above it. Asked
 * as the superuser because row-level security hides every row from a session without a scope.
 */
export async function chooseJurisdictions(
  adminUrl: string,
  database: string,
  root: string,
): Promise<Jurisdictions> {
  const { lo, hi } = regionRange(root);
  const { rows } = await asSuperuser(adminUrl, database, (client) =>
    client.query<{ region_code: string }>(
      `SELECT region_code FROM personnel.teacher WHERE region_code BETWEEN $1 AND $2
       GROUP BY region_code ORDER BY count(*) DESC, region_code LIMIT 1`,
      [lo, hi],
    ),
  );
  if (!rows[0]) throw new Error(`No teachers are seeded under ${root}`);
  const county = rows[0].region_code;
  const rounds = await asSuperuser(adminUrl, database, (client) =>
    client.query<{ id: string }>(
      `SELECT r.id FROM evaluation.assessment_round r
        WHERE r.region_code = $1 AND r.kind = 'ANNUAL'
          AND EXISTS (SELECT 1 FROM evaluation.assessment a WHERE a.round_id = r.id AND a.grade IS NOT NULL)
        ORDER BY r.period_to DESC, r.id LIMIT 1`,
      [county],
    ),
  );
  if (!rounds.rows[0]) throw new Error(`No annual assessment round with results is seeded for ${county}`);
  const round = rounds.rows[0].id;
  return regionLevel(root) === 'PROVINCE'
    ? { county, round, wide: { role: Role.PROVINCE_OFFICE, region: root } }
    : { county, round, wide: { role: Role.CITY_OFFICE, region: `${county.slice(0, 4)}00` } };
}
