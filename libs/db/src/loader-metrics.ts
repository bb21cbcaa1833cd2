import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';
import { metricsRegistry } from '@mingshi/telemetry';

/** Keys per batch each loader sent: near 1 everywhere means the batching buys nothing. */
export const dataloaderBatchSize = new Histogram({
  name: 'mingshi_dataloader_batch_size',
  help: 'Keys in one DataLoader batch, by loader (its name in the request’s set of loaders)',
  labelNames: ['loader'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  registers: [metricsRegistry],
});

type BatchFunction = (keys: readonly unknown[]) => PromiseLike<ArrayLike<unknown>>;

/** Each loader name's histogram, bound once (loaders are made anew for every request). */
const byLoader = new Map<string, Histogram.Internal<'loader'>>();

/**
 * Measures the batches of every loader in a request's set (`createLoaders` answers it through
 * this), each under its name in the set, so a loader added to a set is measured without anyone
 * remembering to.
 *
 * DataLoader has no hook on its batches: the batch function it was built with is swapped for one
 * that observes the batch's size first. `_batchLoadFn` is DataLoader's own field (unchanged since
 * 2.0); the unit test of this file fails should a release rename it.
 */
export function measuredLoaders<T extends object>(loaders: T): T {
  for (const name in loaders) {
    const loader = loaders[name];
    if (loader instanceof DataLoader) measureBatches(name, loader);
  }
  return loaders;
}

function measureBatches(name: string, loader: DataLoader<unknown, unknown, unknown>): void {
  const sizes = byLoader.get(name) ?? boundSizes(name);
  const internals = loader as unknown as { _batchLoadFn: BatchFunction };
  const batch = internals._batchLoadFn;
  if (typeof batch !== 'function')
    throw new Error('DataLoader no longer keeps its batch function in _batchLoadFn');
  internals._batchLoadFn = (keys) => {
    sizes.observe(keys.length);
    return batch(keys);
  };
}

function boundSizes(name: string): Histogram.Internal<'loader'> {
  const sizes = dataloaderBatchSize.labels(name);
  byLoader.set(name, sizes);
  return sizes;
}
