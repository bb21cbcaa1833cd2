import { createTestDatabase, uniqueName } from '@mingshi/testing';
import { migrateAll } from '../../scripts/service-databases';

/** Migrates one template database per run; each test file copies it (see createTestDatabase). */
export default async function globalSetup(): Promise<void> {
  const template = await createTestDatabase({ name: uniqueName('mingshi_tpl') });
  await migrateAll(template.ownerUrl);
  process.env.MINGSHI_TEST_TEMPLATE = template.name;
}
