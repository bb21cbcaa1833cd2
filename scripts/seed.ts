import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SCALE_NAMES, generate, isScale } from './seed/generate';
import { checkSeedInvariants } from './seed/invariants';
import { streamProgress } from './seed/progress';

/**
 * `npm run seed -- --scale county`: generates deterministic data into the database at
 * MIGRATION_DATABASE_URL (the owner role; run `npm run migrate` first). Re-running adds nothing.
 */
const usage = `usage: MIGRATION_DATABASE_URL=postgres://mingshi_owner:…@host:5432/mingshi npm run seed -- --scale <${SCALE_NAMES.join('|')}> [--check]
  demo      the regions of the users' documents, a few schools and studios each (what npm start loads)
  county    510403 攀枝花市西区: ~60 schools, ~3,000 teachers, ~20 studios, ~7,000 activities, ~80 assessments
  city      530800 普洱市: ~1,000 schools, ~40,000 teachers, ~300 studios, ~100,000 activities, ~1,100 assessments
  province  520000 贵州省: ~10,000 schools, ~400,000 teachers, ~3,000 studios, ~1,000,000 activities,
            ~11,000 assessments (under 2 minutes on two cores)
  --check   afterwards, check every row against the rules the services enforce`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean' } },
  });
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
  const summary = await generate(ownerUrl, values.scale, { progress: streamProgress(process.stdout) });
  const total = Object.values(summary.tables).reduce((sum, t) => sum + t.inserted, 0);
  console.log(
    `done in ${summary.seconds} s: ${total} rows inserted, peak memory ${summary.peakMemoryMiB} MiB`,
  );
  console.table(summary.tables);
  if (values.check) await check(ownerUrl);
}

/** Checks the whole database, not only this run's rows, against the rules the services enforce. */
async function check(ownerUrl: string): Promise<void> {
  const client = new Client({ connectionString: ownerUrl, application_name: 'seed-check' });
  await client.connect();
  try {
    const results = await checkSeedInvariants(client);
    console.table(results);
    const broken = results.filter((result) => result.violations > 0);
    if (broken.length) {
      console.error(`${broken.length} of ${results.length} checks found rows breaking the services' rules`);
      process.exitCode = 1;
    }
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
