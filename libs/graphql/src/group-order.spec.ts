import { compareValues, orderGroups, type ValueOrder } from './group-order';

describe('the order of grouped figures', () => {
  const declared: ValueOrder = { kind: 'declared', values: ['PROVINCE', 'CITY', 'COUNTY'] };

  it('puts none after every value, whatever the kind', () => {
    for (const order of [
      { kind: 'text' },
      { kind: 'number' },
      { kind: 'boolean' },
      declared,
    ] as ValueOrder[]) {
      expect(compareValues(order, null, 'x')).toBeGreaterThan(0);
      expect(compareValues(order, 'x', null)).toBeLessThan(0);
      expect(compareValues(order, null, null)).toBe(0);
    }
  });

  it('orders enums as declared, numbers by value, false before true and text by code point', () => {
    expect([true, false].sort((a, b) => compareValues({ kind: 'boolean' }, a, b))).toEqual([false, true]);
    expect(['COUNTY', 'PROVINCE', 'CITY'].sort((a, b) => compareValues(declared, a, b))).toEqual([
      'PROVINCE',
      'CITY',
      'COUNTY',
    ]);
    expect([2025, 900, 2023].sort((a, b) => compareValues({ kind: 'number' }, a, b))).toEqual([
      900, 2023, 2025,
    ]);
    expect(['510403', '510402', '510411'].sort((a, b) => compareValues({ kind: 'text' }, a, b))).toEqual([
      '510402',
      '510403',
      '510411',
    ]);
  });

  it('orders by the first key, then the next, as the dimensions were asked', () => {
    const groups = [
      { county: null, level: 'CITY' },
      { county: '510403', level: 'COUNTY' },
      { county: '510402', level: 'COUNTY' },
      { county: '510402', level: 'CITY' },
    ];
    expect(orderGroups(groups, [{ kind: 'text' }, declared], (g) => [g.county, g.level])).toEqual([
      { county: '510402', level: 'CITY' },
      { county: '510402', level: 'COUNTY' },
      { county: '510403', level: 'COUNTY' },
      { county: null, level: 'CITY' },
    ]);
    expect(orderGroups(groups, [declared, { kind: 'text' }], (g) => [g.level, g.county])).toEqual([
      { county: '510402', level: 'CITY' },
      { county: null, level: 'CITY' },
      { county: '510402', level: 'COUNTY' },
      { county: '510403', level: 'COUNTY' },
    ]);
  });
});
