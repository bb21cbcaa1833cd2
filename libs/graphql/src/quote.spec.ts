import { quote } from './quote';

describe('quoting input in messages', () => {
  it('quotes text JSON-style, escaping quotes and backslashes', () => {
    expect(quote('王老师')).toBe('"王老师"');
    expect(quote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
  });

  it('escapes control characters', () => {
    expect(quote('a\nb\tc\u0000d\u001be\u007f')).toBe('"a\\nb\\tc\\u0000d\\u001be\\u007f"');
  });

  it('escapes invisible and bidi characters so a message reads as what was sent', () => {
    expect(quote('abc\u202Edcb')).toBe('"abc\\u202edcb"');
    expect(quote('\uFEFFx\u200By\u2066z\u00AD')).toBe('"\\ufeffx\\u200by\\u2066z\\u00ad"');
  });

  it('escapes a lone surrogate but keeps a whole astral character', () => {
    expect(quote('\uD83D')).toBe('"\\ud83d"');
    expect(quote('😀')).toBe('"😀"');
  });

  it('cuts long input after 60 characters and says how long it was', () => {
    const quoted = quote('x'.repeat(100_000));
    expect(quoted).toBe(`"${'x'.repeat(60)}"…(100000 characters)`);
  });

  it('counts characters, not UTF-16 units, when cutting', () => {
    expect(quote('名'.repeat(60))).toBe(`"${'名'.repeat(60)}"`);
    expect(quote('😀'.repeat(61))).toBe(`"${'😀'.repeat(60)}"…(61 characters)`);
  });

  it('writes numbers and booleans as they are and other values as capped JSON', () => {
    expect(quote(42)).toBe('42');
    expect(quote(false)).toBe('false');
    expect(quote(null)).toBe('null');
    expect(quote({ a: 1 })).toBe('"{\\"a\\":1}"');
  });
});
