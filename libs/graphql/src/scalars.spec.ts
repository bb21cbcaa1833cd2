import { DateScalar, DateTimeScalar, MoneyScalar, fenToYuan, isIsoDate, yuanToFen } from './scalars';

describe('money', () => {
  it('parses yuan strings to integer fen without float error', () => {
    expect(yuanToFen('3000')).toBe(300000n);
    expect(yuanToFen('0.1')).toBe(10n);
    expect(yuanToFen('1234.56')).toBe(123456n);
    expect(yuanToFen('-0.05')).toBe(-5n);
  });

  it('refuses more than two decimals and non-numbers', () => {
    expect(() => yuanToFen('1.234')).toThrow(RangeError);
    expect(() => yuanToFen('abc')).toThrow(RangeError);
    expect(() => yuanToFen('1e3')).toThrow(RangeError);
  });

  it('formats fen as yuan with two decimals', () => {
    expect(fenToYuan(300000n)).toBe('3000.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan('-123456')).toBe('-1234.56');
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-13-01')).toBe(false);
    expect(isIsoDate('2023-1-01')).toBe(false);
  });
});

describe('scalar refusals', () => {
  it('quote a long or hidden-character value short instead of repeating it', () => {
    const parse = (value: unknown) => () => DateScalar.parseValue(value);
    expect(parse('2'.repeat(30_000))).toThrow(/^Date must be .*got "2{60}"…\(30000 characters\)$/);
    expect(parse('2024-01-01\u202E')).toThrow(/\\u202e/);
    expect(() => DateTimeScalar.parseValue('x'.repeat(5_000))).toThrow(/…\(5000 characters\)$/);
    expect(() => MoneyScalar.parseValue('9'.repeat(5_000))).toThrow(/…\(5000 characters\) is not an amount/);
  });
});
