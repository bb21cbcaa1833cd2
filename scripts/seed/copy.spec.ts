import { copyText, json } from './copy';

const text = (rows: Parameters<typeof copyText>[0]) => [...copyText(rows)].join('');

describe('COPY text', () => {
  it('writes one line per row, fields separated by tabs, NULL as \\N and booleans as t/f', () => {
    expect(
      text([
        ['a', 1, true, null],
        ['b', 2.5, false, 'x'],
      ]),
    ).toBe('a\t1\tt\t\\N\nb\t2.5\tf\tx\n');
  });

  it('escapes backslashes, tabs and line breaks inside values', () => {
    expect(text([['a\\b\tc\nd\re']])).toBe('a\\\\b\\tc\\nd\\re\n');
  });

  it('writes string lists as quoted array literals and documents as JSON', () => {
    expect(text([[['PRIMARY', 'a,"b"}'], json([{ place: '大坪\t村' }])]])).toBe(
      '{"PRIMARY","a,\\\\"b\\\\"}"}\t[{"place":"大坪\\\\t村"}]\n',
    );
  });

  it('writes nothing for no rows', () => {
    expect(text([])).toBe('');
  });
});
