import { Random } from '../random';
import { chineseNumeral, countyShortName, personName, placeName } from './names';

describe('seed names', () => {
  it('numbers schools the way they number themselves', () => {
    expect([1, 2, 10, 11, 12, 20, 21, 99, 100, 101, 110, 115].map(chineseNumeral)).toEqual([
      '一', '二', '十', '十一', '十二', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十', '一百一十五',
    ]); // prettier-ignore
    expect(() => chineseNumeral(0)).toThrow(RangeError);
  });

  it('calls an autonomous county by its everyday name', () => {
    expect(countyShortName('宁洱哈尼族彝族自治县')).toBe('宁洱县');
    expect(countyShortName('思茅区')).toBe('思茅区');
    expect(countyShortName('安宁市')).toBe('安宁市');
  });

  it('gives each of a county’s villages its own name', () => {
    const names = Array.from({ length: 1000 }, (_, i) => placeName(i));
    expect(new Set(names).size).toBe(1000);
    expect(names.slice(0, 3)).toEqual(['大坪', '小寨', '新坝']);
  });

  it('draws a Chinese name from the generator it is given, the same for the same key', () => {
    const name = personName(new Random('teacher:1'), 'FEMALE');
    expect(name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    expect(personName(new Random('teacher:1'), 'FEMALE')).toBe(name);
  });
});
