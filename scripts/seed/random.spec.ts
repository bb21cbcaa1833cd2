import { Random, stableUuid } from './random';

const draws = (random: Random, n: number) => Array.from({ length: n }, () => random.next());

describe('seed randomness', () => {
  it('draws the same sequence for the same key, and another for another key', () => {
    expect(draws(new Random('teacher:510403:1'), 20)).toEqual(draws(new Random('teacher:510403:1'), 20));
    expect(draws(new Random('teacher:510403:1'), 20)).not.toEqual(draws(new Random('teacher:510403:2'), 20));
  });

  it('draws floats in [0, 1) and integers within both bounds', () => {
    const random = new Random('bounds');
    const floats = draws(random, 10_000);
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
    const ints = new Set(Array.from({ length: 1000 }, () => random.int(3, 5)));
    expect([...ints].sort()).toEqual([3, 4, 5]);
  });

  it('draws weighted keys in proportion and never a zero-weight one', () => {
    const random = new Random('weights');
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 20_000; i++) counts[random.weighted({ a: 3, b: 1, never: 0 })]++;
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.7);
    expect(counts.a / counts.b).toBeLessThan(3.3);
    expect(() => random.weighted({ never: 0 })).toThrow(RangeError);
  });

  it('steps values to the given precision within the range', () => {
    const random = new Random('steps');
    for (let i = 0; i < 1000; i++) {
      const hours = random.stepped(10, 50, 0.5);
      expect(hours).toBeGreaterThanOrEqual(10);
      expect(hours).toBeLessThanOrEqual(50);
      expect(Math.round(hours * 2)).toBe(hours * 2);
    }
  });

  it('samples distinct items, all of a shorter list, each about equally often', () => {
    const random = new Random('sample');
    const items = Array.from({ length: 10 }, (_, i) => i);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 5000; i++) {
      const picked = random.sample(items, 3);
      expect(new Set(picked).size).toBe(3);
      for (const item of picked) counts[item]!++;
    }
    expect(Math.min(...counts)).toBeGreaterThan(1350);
    expect(Math.max(...counts)).toBeLessThan(1650);
    expect(random.sample(items, 20).sort((a, b) => a - b)).toEqual(items);
    expect(random.sample(items, 0)).toEqual([]);
  });

  it('gives each key one version-5 UUID', () => {
    const id = stableUuid('school:510403:0');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('school:510403:0')).toBe(id);
    expect(stableUuid('school:510403:1')).not.toBe(id);
  });
});
