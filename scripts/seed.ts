import { parseArgs } from 'node:util';
import { SCALE_NAMES, generate, isScale } from './seed/generate';

/**
 * `npm run seed -- --scale county`: generates deterministic data into the database at
 * MIGRATION_DATABASE_URL (the owner role; run `npm run migrate` first). Re-running adds nothing.
 */
const usage = `usage: MIGRATION_DATABASE_URL=postgres://mingshi_owner:…@host:5432/mingshi npm run seed -- --scale <${SCALE_NAMES.join('|')}>
  demo      the regions of the users' documents, a few schools each (what npm start loads)
  county    510403 攀枝花市西区: ~60 schools, ~3,000 teachers
  city      530800 普洱市: ~1,000 schools, ~40,000 teachers
  province  520000 贵州省: ~10,000 schools, ~400,000 teachers`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, help: { type: 'boolean' } } });
  const ownerUrl = process.env.MIGRATION_DATABASE_URL;
  if (values.help || !ownerUrl || !values.scale || !isScale(values.scale)) {
    if (!values.help) {
      if (!ownerUrl) console.error('MIGRATION_DATABASE_URL is not set');
      if (!values.scale || !isScale(values.scale))
        console.error(`--scale must be one of ${SCALE_NAMES.join(', ')}`);
    }
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  console.log(`seeding scale ${values.scale}`);
  const summary = await generate(ownerUrl, values.scale, { log: (line) => console.log(`  ${line}`) });
  const total = Object.values(summary.tables).reduce((sum, t) => sum + t.inserted, 0);
  console.log(`done in ${summary.seconds} s: ${total} rows inserted`);
  console.table(summary.tables);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
