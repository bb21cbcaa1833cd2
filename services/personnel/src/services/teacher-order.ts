import { enumPositionSql, type Keyset, type KeysetDirection } from '@mingshi/db';
import { InputCheck, enumOrder, isIsoDate, isUuid } from '@mingshi/graphql';
import type { TeacherEntity } from '../entities';
import type { TeacherOrder, TeacherOrderField } from '../generated/resolvers-types';
import { personnelSchema } from '../schema-document';
import { YEAR_HOURS } from './teacher-filter';

/** One key of the order: its SQL and what a cursor value of it looks like. */
interface OrderKey {
  sql: string;
  direction: KeysetDirection;
  fits: (value: unknown) => boolean;
}

const text = (value: unknown) => typeof value === 'string';
const whole = (value: unknown) => typeof value === 'string' && /^\d{1,9}$/.test(value);
const decimal = (value: unknown) => typeof value === 'string' && /^\d{1,9}(\.\d{1,3})?$/.test(value);
const day = (value: unknown) => typeof value === 'string' && isIsoDate(value);
const uuid = (value: unknown) => typeof value === 'string' && isUuid(value);

/**
 * The keyset of a teacher list: the requested keys, then name and id, so that ties keep one stable
 * order across pages. HOURS reads YEAR_HOURS, the hours of `hoursYear` (the filter's year), which
 * `readsHours` asks the query to join. Cursors name the order (and for HOURS the year), except in
 * the default order by name, whose cursors stay the bare [name, id] they always were.
 */
export function teacherKeyset(
  orderBy: readonly TeacherOrder[] | null | undefined,
  hoursYear: number,
): Keyset<TeacherEntity> & { readsHours: boolean } {
  const check = new InputCheck();
  const requested = [...(orderBy ?? [])];
  check.list(
    requested.map((key) => key.field),
    'orderBy',
  );
  check.done();
  const keys: OrderKey[] = requested.map(({ field, direction }) => orderKey(field, direction ?? 'ASC'));
  if (!requested.some((key) => key.field === 'NAME')) keys.push(orderKey('NAME', 'ASC'));
  keys.push({ sql: 't.id', direction: 'ASC', fits: uuid });

  const label = requested
    .map(
      ({ field, direction }) => `${field}:${direction ?? 'ASC'}${field === 'HOURS' ? `@${hoursYear}` : ''}`,
    )
    .join(',');
  return {
    columns: keys.map((key) => key.sql),
    directions: keys.map((key) => key.direction),
    order: label === '' || label === 'NAME:ASC' ? null : label,
    accepts: (values) => values.every((value, i) => keys[i]!.fits(value)),
    readsHours: requested.some((key) => key.field === 'HOURS'),
  };
}

function orderKey(field: TeacherOrderField, direction: KeysetDirection): OrderKey {
  switch (field) {
    case 'NAME':
      return { sql: 't.name', direction, fits: text };
    case 'BIRTH_DATE':
      return { sql: 't.birth_date', direction, fits: day };
    case 'RANK':
      // A rank's place in the order ProfessionalRank declares (1 for 正高级教师): ranks sort by seniority.
      return {
        sql: enumPositionSql('t.rank', enumOrder(personnelSchema, 'ProfessionalRank')),
        direction,
        fits: whole,
      };
    case 'HOURS':
      return { sql: YEAR_HOURS, direction, fits: decimal };
  }
}
