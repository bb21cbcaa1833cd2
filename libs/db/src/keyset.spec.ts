import { afterCondition } from './keyset';

describe('the condition "after the cursor" of a keyset order', () => {
  const values = [':a', ':b', ':c'];

  it('is one row comparison when every column runs one way', () => {
    expect(afterCondition(['t.name', 't.id'], ['ASC', 'ASC'], values.slice(0, 2))).toBe(
      '(t.name, t.id) > (:a, :b)',
    );
    expect(afterCondition(['t.name', 't.id'], ['DESC', 'DESC'], values.slice(0, 2))).toBe(
      '(t.name, t.id) < (:a, :b)',
    );
  });

  it('spells out each column beyond equal predecessors when the directions mix', () => {
    expect(afterCondition(['t.birth_date', 't.name', 't.id'], ['DESC', 'ASC', 'ASC'], values)).toBe(
      '((t.birth_date < :a) OR (t.birth_date = :a AND t.name > :b) OR ' +
        '(t.birth_date = :a AND t.name = :b AND t.id > :c))',
    );
  });
});
