import { loadConfig } from '@mingshi/config';
import { hashTaggedPrefix, queuePrefixSetting } from './queues';

describe('the queue prefix', () => {
  it('wraps a prefix without a hash tag in braces', () => {
    expect(hashTaggedPrefix('mingshi')).toBe('{mingshi}');
    expect(hashTaggedPrefix('mingshi-bench-county')).toBe('{mingshi-bench-county}');
    // Braces that make no tag as Redis reads them (none between, or no closing one after).
    expect(hashTaggedPrefix('{}x')).toBe('{{}x}');
    expect(hashTaggedPrefix('a}b{')).toBe('{a}b{}');
  });

  it('keeps a prefix that already has one, wherever it is', () => {
    expect(hashTaggedPrefix('{mingshi}')).toBe('{mingshi}');
    expect(hashTaggedPrefix('prod:{mingshi}:v2')).toBe('prod:{mingshi}:v2');
  });

  it('is what QUEUE_PREFIX reads as, by default {mingshi}', () => {
    const read = (env: NodeJS.ProcessEnv) =>
      loadConfig({ QUEUE_PREFIX: queuePrefixSetting() }, env).QUEUE_PREFIX;
    expect(read({})).toBe('{mingshi}');
    expect(read({ QUEUE_PREFIX: 'province-51' })).toBe('{province-51}');
    expect(read({ QUEUE_PREFIX: '{province-51}' })).toBe('{province-51}');
    expect(() => read({ QUEUE_PREFIX: '' })).toThrow(/QUEUE_PREFIX: must not be empty/);
  });
});
