import { Kind } from 'graphql';
import {
  DateScalar,
  DateTimeScalar,
  MoneyScalar,
  ScoreScalar,
  fenToYuan,
  hundredthsToPoints,
  isIsoDate,
  pointsToHundredths,
  yuanToFen,
} from './scalars';

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

describe('scores', () => {
  it('parses points with up to two decimals to integer hundredths', () => {
    expect(pointsToHundredths('7.5')).toBe(750);
    expect(pointsToHundredths('7.50')).toBe(750);
    expect(pointsToHundredths('0.01')).toBe(1);
    expect(pointsToHundredths('0')).toBe(0);
    expect(pointsToHundredths('30')).toBe(3000);
    expect(pointsToHundredths('1000')).toBe(100_000);
    expect(pointsToHundredths('1000.00')).toBe(100_000);
  });

  it('refuses scores above 1000, negative, in exponents or with three decimals', () => {
    for (const bad of [
      '1000.01',
      '1001',
      '10000',
      '-1',
      '-0.5',
      '1e2',
      '7.505',
      '.5',
      '7.',
      '',
      ' 7',
      '七',
    ]) {
      expect(() => pointsToHundredths(bad)).toThrow(RangeError);
    }
  });

  it('formats hundredths as points with exactly two decimals', () => {
    expect(hundredthsToPoints(750)).toBe('7.50');
    expect(hundredthsToPoints(1)).toBe('0.01');
    expect(hundredthsToPoints(0)).toBe('0.00');
    expect(hundredthsToPoints(100_000)).toBe('1000.00');
    expect(hundredthsToPoints(pointsToHundredths('68'))).toBe('68.00');
  });

  it('takes a Score only as a string, in variables and in the query text', () => {
    expect(ScoreScalar.parseValue('7.5')).toBe(750);
    expect(ScoreScalar.parseLiteral({ kind: Kind.STRING, value: '85' })).toBe(8500);
    for (const number of [7.5, 100, 0]) {
      expect(() => ScoreScalar.parseValue(number)).toThrow(/Score must be a decimal string/);
    }
    expect(() => ScoreScalar.parseLiteral({ kind: Kind.FLOAT, value: '7.5' })).toThrow(
      /Score must be a string/,
    );
    expect(() => ScoreScalar.parseLiteral({ kind: Kind.INT, value: '7' })).toThrow(/Score must be a string/);
    expect(() => ScoreScalar.parseValue('1000.01')).toThrow(/is not a score from 0 to 1000 points/);
  });

  it('serializes hundredths as a decimal string', () => {
    expect(ScoreScalar.serialize(2400)).toBe('24.00');
    expect(ScoreScalar.serialize(6825)).toBe('68.25');
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
