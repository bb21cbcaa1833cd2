import { InvalidObjectKeyError, parseObjectPrefix } from './object-key';
import type { ObjectStore } from './object-store';

/** Deletes in flight at once: enough to hide S3's round trips, few enough to stay polite. */
const CONCURRENT_DELETES = 8;

/**
 * Removes every object in a folder (`reports/<id>/`), as retention removes a report, and answers
 * how many there were. The prefix must end with `/`: `reports/12` would also take `reports/123/`,
 * and the empty prefix the whole store. Objects are deleted as the listing reaches them, a few at
 * a time, so a folder of any size is removed without holding its listing in memory.
 */
export async function deletePrefix(store: ObjectStore, prefix: string): Promise<number> {
  const { folder, partial } = parseObjectPrefix(prefix);
  if (folder.length === 0 || partial !== '') {
    throw new InvalidObjectKeyError(prefix, 'is not a folder: it must be non-empty and end with "/"');
  }
  let deleted = 0;
  let batch: string[] = [];
  const flush = async () => {
    await Promise.all(batch.map((key) => store.delete(key)));
    deleted += batch.length;
    batch = [];
  };
  for await (const object of store.list(prefix)) {
    batch.push(object.key);
    if (batch.length === CONCURRENT_DELETES) await flush();
  }
  await flush();
  return deleted;
}
