import { migrateAll } from './service-databases';

/**
 * `npm run migrate`: runs every service's pending migrations as the owner role at
 * MIGRATION_DATABASE_URL, and says which ran. Also the one-shot job of the deployment.
 */
async function main(): Promise<void> {
  const ownerUrl = process.env.MIGRATION_DATABASE_URL;
  if (!ownerUrl) {
    console.error(
      'MIGRATION_DATABASE_URL is not set\nusage: MIGRATION_DATABASE_URL=postgres://mingshi_owner:…@host:5432/mingshi npm run migrate',
    );
    process.exit(2);
  }
  const applied = await migrateAll(ownerUrl);
  console.log(applied.length ? `applied:\n  ${applied.join('\n  ')}` : 'no pending migrations');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
