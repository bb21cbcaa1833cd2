import { MAX_ID_LENGTH, MAX_TEXT_LENGTH, clipText, normalizeText } from './text';

describe('text normalisation', () => {
  it('composes to NFC and trims white space and invisible characters at both ends', () => {
    expect(normalizeText('  Cafe\u0301 ')).toEqual({ ok: true, value: 'Café' });
    expect(normalizeText('\u200B\uFEFF王芳\u200E\u2060')).toEqual({ ok: true, value: '王芳' });
    expect(normalizeText('\u200B\u200B\u200B')).toEqual({ ok: true, value: '' });
  });

  it('keeps what belongs inside text: line breaks, tabs, joiners in emoji', () => {
    expect(normalizeText('第一行\n第二行\t完')).toEqual({ ok: true, value: '第一行\n第二行\t完' });
    expect(normalizeText('👩\u200D🏫')).toEqual({ ok: true, value: '👩\u200D🏫' });
  });

  it('refuses control characters, direction overrides and broken surrogates, without repeating them', () => {
    for (const bad of [
      '王\u0000芳',
      '\u0007',
      'a\u009Fb',
      'abc\u202Egnp.exe',
      '\u2066x',
      'x\uD800',
      '\uDC00x',
    ]) {
      const checked = normalizeText(bad);
      expect(checked.ok).toBe(false);
      if (!checked.ok) expect(checked.problem).not.toContain(bad);
    }
  });

  it('refuses an empty id, which names nothing', () => {
    expect(normalizeText(' \u200B', 'id').ok).toBe(false);
    expect(normalizeText('', 'text')).toEqual({ ok: true, value: '' });
  });

  it('caps text and ids at their lengths, counted in characters', () => {
    expect(normalizeText('字'.repeat(MAX_TEXT_LENGTH)).ok).toBe(true);
    expect(normalizeText('字'.repeat(MAX_TEXT_LENGTH + 1)).ok).toBe(false);
    expect(normalizeText('x'.repeat(MAX_ID_LENGTH + 1), 'id').ok).toBe(false);
    expect(normalizeText('x'.repeat(1_000_000)).ok).toBe(false);
  });
});

describe('clipping text to a column', () => {
  it('cuts at a character count as PostgreSQL counts, never inside a character', () => {
    expect(clipText('工作室取消资格：不合格', 7)).toBe('工作室取消资格');
    expect(clipText('𠀀𠀁𠀂', 2)).toBe('𠀀𠀁');
    expect(clipText('短', 500)).toBe('短');
  });
});
