import { ancestorsOf, covers, intersect, regionLevel, regionRange } from './region-scope';

describe('region scope', () => {
  it('gives a province the whole of its two-digit prefix', () => {
    expect(regionLevel('520000')).toBe('PROVINCE');
    expect(regionRange('520000')).toEqual({ lo: '520000', hi: '529999' });
  });

  it('gives a city its four-digit prefix', () => {
    expect(regionLevel('520100')).toBe('CITY');
    expect(regionRange('520100')).toEqual({ lo: '520100', hi: '520199' });
  });

  it('gives a county only itself', () => {
    expect(regionLevel('520102')).toBe('COUNTY');
    expect(regionRange('520102')).toEqual({ lo: '520102', hi: '520102' });
  });

  it('lets a province and its city cover a county, but not a sibling county', () => {
    expect(covers('520000', '520102')).toBe(true);
    expect(covers('520100', '520102')).toBe(true);
    expect(covers('520102', '520102')).toBe(true);
    expect(covers('520102', '520103')).toBe(false);
    expect(covers('520100', '520201')).toBe(false);
    expect(covers('510000', '520102')).toBe(false);
  });

  it('refuses malformed codes instead of covering them', () => {
    expect(covers('520000', '52010')).toBe(false);
    expect(covers('520000', '5201020')).toBe(false);
    expect(() => regionRange('abc')).toThrow(RangeError);
  });

  it('intersects a requested subtree with the caller scope', () => {
    expect(intersect(regionRange('520000'), regionRange('520100'))).toEqual(regionRange('520100'));
    expect(intersect(regionRange('520102'), regionRange('520103'))).toBeNull();
  });

  it('lists the jurisdictions above a region', () => {
    expect(ancestorsOf('520102')).toEqual(['520100', '520000']);
    expect(ancestorsOf('520100')).toEqual(['520000']);
    expect(ancestorsOf('520000')).toEqual([]);
  });
});
