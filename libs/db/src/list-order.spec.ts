import { isDate, isNumber, isText, readOrder, type ListOrder } from './list-order';

interface Row {
  id: string;
  name: string;
  date: string;
  hours: number;
}

const ID = '5f0c6e0e-3f7a-4c39-9a43-8f2f3b1d2a10';
const row: Row = { id: ID, name: '甲', date: '2024-03-01', hours: 2.5 };

const ACTIVITIES: ListOrder<'DATE' | 'HOURS' | 'NAME', Row> = {
  fields: {
    DATE: { sql: 'a.date', cursorValue: (r) => r.date, accepts: isDate },
    HOURS: { sql: 'a.hours', cursorValue: (r) => r.hours, accepts: isNumber },
    NAME: { sql: 'a.name', cursorValue: (r) => r.name, accepts: isText },
  },
  byDefault: [{ field: 'DATE', direction: 'DESC' }],
  id: 'a.id',
  idDirection: 'LAST',
};

const TEACHERS: ListOrder<'NAME' | 'HOURS', Row> = {
  fields: {
    NAME: { sql: 't.name', accepts: isText },
    HOURS: { sql: 'h.hours', accepts: isText, qualifier: '@2024' },
  },
  byDefault: [{ field: 'NAME' }],
  ties: [{ field: 'NAME' }],
  id: 't.id',
  idDirection: 'ASC',
  bareWhenAskedDefault: true,
};

describe('reading an orderBy into a keyset', () => {
  it('orders by default with bare cursors, the id running the way the last field does', () => {
    const keyset = readOrder(undefined, ACTIVITIES);
    expect(keyset).toMatchObject({ columns: ['a.date', 'a.id'], directions: ['DESC', 'DESC'], order: null });
    expect(keyset.valuesOf!(row)).toEqual(['2024-03-01', ID]);
  });

  it('names an asked order in its cursors, even when it is the default’s own', () => {
    const keyset = readOrder([{ field: 'HOURS', direction: 'DESC' }, { field: 'NAME' }], ACTIVITIES);
    expect(keyset).toMatchObject({
      columns: ['a.hours', 'a.name', 'a.id'],
      directions: ['DESC', 'ASC', 'ASC'],
      order: 'HOURS:DESC,NAME:ASC',
    });
    expect(keyset.valuesOf!(row)).toEqual([2.5, '甲', ID]);
    expect(readOrder([{ field: 'DATE', direction: 'DESC' }], ACTIVITIES).order).toBe('DATE:DESC');
  });

  it('breaks ties as the list says, its id one way, and keeps the default’s bare cursors when asked for it', () => {
    const byHours = readOrder([{ field: 'HOURS', direction: 'DESC' }], TEACHERS);
    expect(byHours).toMatchObject({
      columns: ['h.hours', 't.name', 't.id'],
      directions: ['DESC', 'ASC', 'ASC'],
      order: 'HOURS:DESC@2024',
    });
    // Without a value of every field in the row, cursors carry what the database compared.
    expect(byHours.valuesOf).toBeUndefined();
    expect(readOrder([{ field: 'NAME', direction: 'DESC' }], TEACHERS)).toMatchObject({
      columns: ['t.name', 't.id'],
      directions: ['DESC', 'ASC'],
      order: 'NAME:DESC',
    });
    expect(readOrder([{ field: 'NAME', direction: 'ASC' }], TEACHERS).order).toBeNull();
  });

  it('takes back only cursor values its fields could have written', () => {
    const keyset = readOrder([{ field: 'HOURS' }], ACTIVITIES);
    expect(keyset.accepts!([2.5, ID])).toBe(true);
    expect(keyset.accepts!(['2.5', ID])).toBe(false);
    expect(keyset.accepts!([2.5, 'not-an-id'])).toBe(false);
  });

  it('refuses a field ordered by twice, naming orderBy', () => {
    expect(() => readOrder([{ field: 'DATE' }, { field: 'DATE', direction: 'DESC' }], ACTIVITIES)).toThrow(
      expect.objectContaining({
        code: 'BAD_USER_INPUT',
        details: expect.objectContaining({ field: 'orderBy' }),
      }),
    );
  });
});
