import DataLoader from 'dataloader';
import type { RegionRange } from '@mingshi/auth';

/** One aggregate over one region range, with the rest of its arguments: a range loader's key. */
export interface RangeKey<A> {
  range: RegionRange;
  /** The aggregate's other arguments, already read (validated and normalised) by the service. */
  args: A;
}

/**
 * A per-request loader of aggregates over region ranges, batched by arguments: the keys that ask
 * the same arguments go to one call of `load` with all their ranges — one SQL statement that
 * groups rows by the range they fall in (`unnest` of the ranges joined on `region_code BETWEEN
 * lo AND hi`) — so `regions(parentCode:) { workshopStats }` is one statement for every region, not
 * one per region. `load` answers each range in order; an Error fails that key alone (one region's
 * grouping too large), not its neighbours.
 *
 * Arguments are told apart by their JSON, so the service must read them into one canonical form.
 */
export function rangeLoader<A, R>(
  load: (ranges: RegionRange[], args: A) => Promise<(R | Error)[]>,
): DataLoader<RangeKey<A>, R, string> {
  return new DataLoader<RangeKey<A>, R, string>(
    async (keys) => {
      const batches = new Map<string, number[]>();
      keys.forEach((key, i) => {
        const signature = JSON.stringify(key.args);
        batches.set(signature, [...(batches.get(signature) ?? []), i]);
      });
      const answers: (R | Error)[] = new Array<R | Error>(keys.length);
      // One after another: the statements share the request's one connection anyway.
      for (const indexes of batches.values()) {
        const results = await load(
          indexes.map((i) => keys[i]!.range),
          keys[indexes[0]!]!.args,
        );
        indexes.forEach((keyIndex, i) => (answers[keyIndex] = results[i]!));
      }
      return answers;
    },
    { cacheKeyFn: (key) => JSON.stringify([key.range.lo, key.range.hi, key.args]) },
  );
}
