import { frozenDetail } from './carry-out-funds-decision';

describe('the answer to a carried-out freeze', () => {
  it('counts the allocations it froze', () => {
    expect(frozenDetail(2)).toBe('已冻结 2 笔经费 (2 allocations frozen)');
    expect(frozenDetail(1)).toBe('已冻结 1 笔经费 (1 allocation frozen)');
    expect(frozenDetail(0)).toBe('已冻结 0 笔经费 (0 allocations frozen)');
  });
});
