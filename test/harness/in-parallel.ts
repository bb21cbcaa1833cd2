/**
 * Runs `work` over `items` with at most `limit` at a time: requests through the in-process system
 * spend most of their time waiting on PostgreSQL, so a few in flight use the time better.
 */
export async function inParallel<T>(items: T[], work: (item: T) => Promise<void>, limit = 4): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
