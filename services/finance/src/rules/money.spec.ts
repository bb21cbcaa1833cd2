import {
  fundYearProblem,
  lectureFeeCap,
  moneyFigures,
  positiveAmountProblem,
  rate,
  ratioProblem,
  spentOnProblem,
} from './money';

describe('money rules', () => {
  it('caps lecture fees at the percentage, rounded down to the fen', () => {
    expect(lectureFeeCap(10_000_00n, 50)).toBe(5_000_00n);
    expect(lectureFeeCap(333n, 50)).toBe(166n);
    expect(lectureFeeCap(99n, 33)).toBe(32n);
    expect(lectureFeeCap(12_345n, 0)).toBe(0n);
    expect(lectureFeeCap(12_345n, 100)).toBe(12_345n);
  });

  it('writes rates with four places, rounded half up, exactly for large sums', () => {
    expect(rate(425n, 1000n)).toBe('0.4250');
    expect(rate(1n, 3n)).toBe('0.3333');
    expect(rate(2n, 3n)).toBe('0.6667');
    expect(rate(1n, 20000n)).toBe('0.0001');
    expect(rate(1n, 20001n)).toBe('0.0000');
    expect(rate(0n, 5n)).toBe('0.0000');
    expect(rate(5n, 5n)).toBe('1.0000');
    expect(rate(999_999_999_999_999n, 1_000_000_000_000_000n)).toBe('1.0000');
    expect(rate(1n, 0n)).toBeNull();
  });

  it('reads thresholds as decimals from 0 to 1', () => {
    for (const ok of ['0', '0.3', '0.45', '0.4500', '1', '1.0', '1.0000'])
      expect(ratioProblem(ok)).toBeNull();
    for (const bad of ['', '-0.1', '1.01', '2', '0.12345', 'abc', '.5', '0,5', 'NaN', '1e-1']) {
      expect(ratioProblem(bad)).toMatch(/must be a decimal from 0 to 1/);
    }
  });

  it('takes only positive amounts', () => {
    expect(positiveAmountProblem(1n)).toBeNull();
    expect(positiveAmountProblem(0n)).toMatch(/more than 0/);
    expect(positiveAmountProblem(-100n)).toMatch(/more than 0/);
  });

  it('keeps an expense next to its allocation year', () => {
    expect(spentOnProblem('2026-05-01', 2026)).toBeNull();
    expect(spentOnProblem('2025-12-31', 2026)).toBeNull();
    expect(spentOnProblem('2027-01-02', 2026)).toBeNull();
    expect(spentOnProblem('2024-12-31', 2026)).toMatch(/allocation's year 2026/);
  });

  it('funds no year before the records begin', () => {
    expect(fundYearProblem(2000)).toBeNull();
    expect(fundYearProblem(1999)).toMatch(/before 2000/);
  });
});

describe('figures of summed allocations', () => {
  it('reads exact sums into money, a balance and rates', () => {
    expect(
      moneyFigures({
        allocated: '90071992547409930',
        disbursed: '50000',
        approved: '30000000000000001',
        pending: '700',
        lecture_fees: '45035996273704965',
      }),
    ).toEqual({
      allocated: 90071992547409930n,
      disbursed: 50000n,
      approved: 30000000000000001n,
      pending: 700n,
      balance: 60071992547409929n,
      executionRate: '0.3331',
      lectureFeeRatio: '0.5000',
    });
  });

  it('leaves the balance of the allocations’ spending when the approved is one category’s', () => {
    const figures = moneyFigures({ allocated: '1000', approved: '100', allocation_approved: '400' });
    expect(figures).toMatchObject({ approved: 100n, balance: 600n, executionRate: '0.1000' });
  });

  it('is all zeros and no rates over nothing', () => {
    expect(moneyFigures(undefined)).toEqual({
      allocated: 0n,
      disbursed: 0n,
      approved: 0n,
      pending: 0n,
      balance: 0n,
      executionRate: null,
      lectureFeeRatio: null,
    });
  });
});
