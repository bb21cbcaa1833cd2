import type { RegionRange } from '@mingshi/auth';
import { rangeLoader } from './range-loader';

const range = (lo: string, hi = lo): RegionRange => ({ lo, hi });

describe('a loader of figures over region ranges', () => {
  it('sends every range asked with the same arguments in one call, in the order asked', async () => {
    const calls: { ranges: RegionRange[]; args: { year: number } }[] = [];
    const loader = rangeLoader(async (ranges: RegionRange[], args: { year: number }) => {
      calls.push({ ranges, args });
      return ranges.map((r) => `${r.lo}:${args.year}`);
    });
    const answers = await Promise.all([
      loader.load({ range: range('510402'), args: { year: 2024 } }),
      loader.load({ range: range('510403'), args: { year: 2024 } }),
      loader.load({ range: range('510403'), args: { year: 2023 } }),
      loader.load({ range: range('510411'), args: { year: 2024 } }),
    ]);
    expect(answers).toEqual(['510402:2024', '510403:2024', '510403:2023', '510411:2024']);
    expect(calls).toEqual([
      { ranges: [range('510402'), range('510403'), range('510411')], args: { year: 2024 } },
      { ranges: [range('510403')], args: { year: 2023 } },
    ]);
  });

  it('fails only the key whose answer is an error, and asks once for a key asked twice', async () => {
    let calls = 0;
    const loader = rangeLoader(async (ranges: RegionRange[]) => {
      calls++;
      return ranges.map((r) => (r.lo === '520100' ? new Error('too many groups') : r.lo));
    });
    const [bad, good, again] = await Promise.allSettled([
      loader.load({ range: range('520100', '520199'), args: {} }),
      loader.load({ range: range('520200', '520299'), args: {} }),
      loader.load({ range: range('520200', '520299'), args: {} }),
    ]);
    expect(bad).toMatchObject({ status: 'rejected', reason: new Error('too many groups') });
    expect(good).toEqual({ status: 'fulfilled', value: '520200' });
    expect(again).toEqual({ status: 'fulfilled', value: '520200' });
    expect(calls).toBe(1);
  });
});
