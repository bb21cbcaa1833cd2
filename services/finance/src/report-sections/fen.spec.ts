import { fen } from './fen';

describe('fen from a PostgreSQL sum', () => {
  it('reads whole numbers of fen exactly, up to the largest JavaScript holds', () => {
    expect(fen('0')).toBe(0);
    expect(fen('123456789')).toBe(123_456_789);
    expect(fen(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a sum it could only carry rounded, or one that is no whole number', () => {
    expect(() => fen('9007199254740993')).toThrow(RangeError);
    expect(() => fen('12.50')).toThrow(RangeError);
    expect(() => fen('')).toThrow(RangeError);
  });
});
