import { dropDatabase } from '@mingshi/db';
import { adminUrl } from '@mingshi/testing';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.MINGSHI_TEST_TEMPLATE;
  if (template) await dropDatabase(adminUrl(), template);
}
