import { BadUserInputError } from './errors';
import { InputCheck, firstRepeat } from './input-check';

function refusal(check: InputCheck): BadUserInputError {
  try {
    check.done();
  } catch (error) {
    if (error instanceof BadUserInputError) return error;
    throw error;
  }
  throw new Error('done() did not refuse');
}

describe('checking an input', () => {
  it('passes an input with nothing wrong and returns the values as read', () => {
    const check = new InputCheck('input');
    expect(check.text('  王老师 ', 'name', 50)).toBe('王老师');
    expect(check.optionalText('  ', 'comment', 10)).toBeNull();
    expect(check.year(2024, 'year')).toBe(2024);
    expect(() => check.done()).not.toThrow();
  });

  it('reports every bad field at once, the first as field and all as fields', () => {
    const check = new InputCheck('input');
    check.text(' ', 'name', 50);
    check.year(1900, 'year');
    check.at('ruralService[0]').text('村'.repeat(101), 'place', 100);
    const error = refusal(check);
    expect(error.details).toEqual({
      field: 'input.name',
      fields: [
        { field: 'input.name', message: expect.stringMatching(/^input\.name must not be empty/) },
        { field: 'input.year', message: expect.stringMatching(/^input\.year must be a year between 1978/) },
        {
          field: 'input.ruralService[0].place',
          message: expect.stringMatching(/at most 100 characters \(it has 101\)/),
        },
      ],
    });
    expect(error.message).toMatch(
      /3 problems: input\.name .*; input\.year .*; input\.ruralService\[0\]\.place/,
    );
  });

  it('says a single problem as it is', () => {
    const check = new InputCheck();
    check.wholeNumber(0, 'first', 1, 100);
    expect(refusal(check).message).toBe('first must be a whole number from 1 to 100');
  });

  it('names list problems: too few, too many, repeated', () => {
    const few = new InputCheck('input');
    few.list([], 'authorIds', { min: 1, max: 3 });
    expect(refusal(few).message).toMatch(/input\.authorIds must list at least 1/);
    const many = new InputCheck('input');
    many.list(['a', 'b', 'c', 'd'], 'authorIds', { max: 3 });
    expect(refusal(many).message).toMatch(/at most 3 \(it lists 4\)/);
    const repeated = new InputCheck('input');
    repeated.list(['a', 'b', 'b'], 'authorIds', { max: 3 });
    expect(refusal(repeated).message).toMatch(/must not list "b" twice/);
  });

  it('refuses future and implausibly early dates', () => {
    const check = new InputCheck('input');
    check.pastDate('2999-01-01', 'date');
    check.pastDate('1900-01-01', 'startDate');
    check.pastDate('2024-02-30', 'endDate');
    expect(refusal(check).details.fields).toEqual([
      { field: 'input.date', message: expect.stringMatching(/future/) },
      { field: 'input.startDate', message: expect.stringMatching(/before 1978/) },
      { field: 'input.endDate', message: expect.stringMatching(/YYYY-MM-DD/) },
    ]);
  });

  it('names a nested input itself when the problem is the whole of it', () => {
    const check = new InputCheck('input').at('content').at('indicators');
    check.refuse('', 'must list at least one');
    expect(refusal(check).details.fields).toEqual([
      { field: 'input.content.indicators', message: 'input.content.indicators must list at least one' },
    ]);
  });

  it('finds the first value listed twice', () => {
    expect(firstRepeat(['a', 'b', 'c'])).toBeNull();
    expect(firstRepeat([])).toBeNull();
    expect(firstRepeat(['a', 'b', 'b', 'a'])).toEqual({ value: 'b', index: 2 });
  });
});
