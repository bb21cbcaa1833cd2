import { hash } from 'node:crypto';

/**
 * Deterministic randomness for the seed data. Every generated row draws from a generator seeded
 * by its own stable key (e.g. `teacher:510403:12:7`), never from one stream shared by the whole
 * run: a row therefore comes out the same whatever was generated before it, so a larger scale
 * repeats a smaller one's rows exactly and re-running a scale inserts nothing new.
 */
export class Random {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(key: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(key);
    // sfc32's first outputs still correlate with the seed words; the authors discard a dozen.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1): sfc32, small and fast, passes PractRand; Math.random cannot be seeded. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of the keys, with probability proportional to its weight; absent or zero never drawn. */
  weighted<K extends string>(weights: Readonly<Partial<Record<K, number>>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, weight]) => weight > 0);
    if (entries.length === 0) throw new RangeError('no key has a positive weight');
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [key, weight] of entries) {
      point -= weight;
      if (point < 0) return key;
    }
    return entries[entries.length - 1]![0];
  }

  /**
   * `count` distinct items of the list (all of them when it is shorter), in random order. Floyd's
   * algorithm draws `count` times however long the list is, where shuffling a copy would touch
   * every item: studios sample a few teachers from a province's hundreds of thousands.
   */
  sample<T>(items: readonly T[], count: number): T[] {
    const n = items.length;
    const chosen = new Set<number>();
    for (let j = n - Math.min(count, n); j < n; j++) {
      const index = this.int(0, j);
      chosen.add(chosen.has(index) ? j : index);
    }
    const picked = [...chosen].map((index) => items[index]!);
    // Floyd's picks are uniform as a set but not in order: the late indexes come last.
    for (let i = picked.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [picked[i], picked[j]] = [picked[j]!, picked[i]!];
    }
    return picked;
  }

  /** A multiple of `step` in [min, max]: hours to the tenth, money to the yuan. */
  stepped(min: number, max: number, step: number): number {
    const steps = this.int(0, Math.round((max - min) / step));
    return Math.round((min + steps * step) * 1000) / 1000;
  }
}

/**
 * cyrb128 (bryc, public domain): a fast 128-bit string hash, used only to seed sfc32. Row ids use
 * SHA-1 (stableUuid) instead, where collisions would matter.
 */
function cyrb128(key: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < key.length; i++) {
    const k = key.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Namespace of the seed's UUIDs, so they cannot coincide with v5 ids minted elsewhere: the bytes
 * 6d696e6773686953656564446174612e, ASCII, so the name can follow them in one string.
 */
const SEED_NAMESPACE = 'mingshiSeedData.';

/** The hex digit of byte 8's high half with the RFC 4122 variant bits (10xx) set. */
const VARIANT_DIGIT: Record<string, string> = Object.fromEntries(
  [...'0123456789abcdef'].map((digit) => [digit, ((parseInt(digit, 16) & 0x3) | 0x8).toString(16)]),
);

/**
 * A name-based UUID (RFC 9562 version 5) for a stable key: the same key is the same row on every
 * run, which is what makes `ON CONFLICT DO NOTHING` an idempotent re-run. Built on the hex digest
 * (crypto.hash, one call): a province mints tens of millions of these.
 */
export function stableUuid(key: string): string {
  const hex = hash('sha1', SEED_NAMESPACE + key, 'hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${VARIANT_DIGIT[hex[16]!]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
