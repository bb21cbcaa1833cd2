import type { RegionEntry } from '@mingshi/reports';
import { chapterNumber, fullName } from './build-document';

const REGIONS: RegionEntry[] = [
  { code: '510000', name: '四川省', level: 'PROVINCE', parentCode: null },
  { code: '510400', name: '攀枝花市', level: 'CITY', parentCode: '510000' },
  { code: '510403', name: '西区', level: 'COUNTY', parentCode: '510400' },
  { code: '469001', name: '五指山市', level: 'COUNTY', parentCode: '460000' },
  { code: '460000', name: '海南省', level: 'PROVINCE', parentCode: null },
];

describe('a report document', () => {
  it('names a county with its city, a city or province by itself, as bureaus head their documents', () => {
    expect(fullName(REGIONS, '510403')).toBe('攀枝花市西区');
    expect(fullName(REGIONS, '510400')).toBe('攀枝花市');
    expect(fullName(REGIONS, '510000')).toBe('四川省');
    // 省直辖县: no city above it.
    expect(fullName(REGIONS, '469001')).toBe('五指山市');
    expect(fullName(REGIONS, '999999')).toBe('999999');
  });

  it('numbers chapters as Chinese documents do', () => {
    expect([0, 1, 8, 9, 10, 11, 19, 20, 34].map(chapterNumber)).toEqual([
      '一',
      '二',
      '九',
      '十',
      '十一',
      '十二',
      '二十',
      '二十一',
      '三十五',
    ]);
  });
});
