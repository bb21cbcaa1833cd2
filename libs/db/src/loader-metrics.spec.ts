import DataLoader from 'dataloader';
import { metricsRegistry } from '@mingshi/telemetry';
import { sampleValue } from '@mingshi/testing';
import { measuredLoaders } from './loader-metrics';

async function batchSizes(loader: string): Promise<{ count: number; sum: number }> {
  const text = await metricsRegistry.metrics();
  return {
    count: sampleValue(text, `mingshi_dataloader_batch_size_count{loader="${loader}"}`),
    sum: sampleValue(text, `mingshi_dataloader_batch_size_sum{loader="${loader}"}`),
  };
}

describe('measured loaders', () => {
  it("records each batch's size under the loader's name in its set, answers unchanged", async () => {
    const batches: (readonly string[])[] = [];
    const loaders = measuredLoaders({
      teacher: new DataLoader<string, string>(async (ids) => {
        batches.push(ids);
        return ids.map((id) => `teacher ${id}`);
      }),
      settings: { notALoader: true },
    });
    const answers = await Promise.all(['a', 'b', 'c', 'a'].map((id) => loaders.teacher.load(id)));
    await loaders.teacher.load('d');

    expect(answers).toEqual(['teacher a', 'teacher b', 'teacher c', 'teacher a']);
    expect(batches).toEqual([['a', 'b', 'c'], ['d']]);
    expect(await batchSizes('teacher')).toEqual({ count: 2, sum: 4 });
    expect(loaders.settings).toEqual({ notALoader: true });
  });
});
