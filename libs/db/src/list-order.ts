import { InputCheck, isIsoDate, isUuid } from '@mingshi/graphql';
import type { Keyset, KeysetDirection } from './keyset';

/**
 * How a list's `orderBy` (`[{ field, direction }]`) becomes its keyset (keyset.ts): each field's
 * SQL and what its cursor values look like, the ties a list breaks its own way, then the id, which
 * makes the order total. A list describes only its fields; the reading is the same for all.
 */

/** One field a list may be ordered by. */
export interface OrderField<T> {
  /** SQL of the value, e.g. `w.name`: a column or a computed value, never null. */
  sql: string;
  /** Whether a cursor's value can be one of this field's (issued by this API, not forged into a cast error). */
  accepts: (value: unknown) => boolean;
  /**
   * The value a row's cursor carries, as the SQL compares it. Given on every field of a list or on
   * none: without, the cursor carries what the database compared, as text, which a computed value
   * (a sum over other rows) needs.
   */
  cursorValue?: (row: T) => unknown;
  /**
   * What the order's name adds after the field's direction when its values depend on more than
   * the row — hours of a year: `HOURS:DESC@2024` — so a cursor of one year is refused in another.
   */
  qualifier?: string;
}

/** One step of an order, as the client wrote it (ascending unless told). */
export interface OrderStep<F extends string> {
  field: F;
  direction?: KeysetDirection | null;
}

/** What a list may be ordered by, and how it is ordered when the client does not say. */
export interface ListOrder<F extends string, T> {
  fields: Record<F, OrderField<T>>;
  /** The order when none is asked. Its cursors are the bare values, as before the list could be ordered. */
  byDefault: readonly OrderStep<F>[];
  /**
   * Steps every order ends with, before the id, unless it orders by their field itself: ties
   * broken by name, say, rather than by id alone.
   */
  ties?: readonly OrderStep<F>[];
  /** SQL of the row's id (a uuid), the last column, which makes the order total. */
  id: string;
  /**
   * How the id runs: one way always, or `LAST`, the way the last step runs — which keeps an order
   * in one direction a single row comparison over an index (`(date, id) < (…)`).
   */
  idDirection: KeysetDirection | 'LAST';
  /**
   * Whether an asked order that is the default's own has the default's bare cursors too (so a
   * client that names the default order keeps the cursors it always had), rather than named ones.
   */
  bareWhenAskedDefault?: boolean;
}

/**
 * The keyset of a list ordered as asked (each field at most once: BAD_USER_INPUT naming
 * `orderBy`), or by default when nothing is asked. Cursors of an asked order name it, so one is
 * never read in another order (keyset.ts refuses it); the default's are the values alone.
 */
export function readOrder<F extends string, T extends { id: string }>(
  orderBy: readonly OrderStep<F>[] | null | undefined,
  list: ListOrder<F, T>,
): Keyset<T> {
  const asked = [...(orderBy ?? [])];
  const check = new InputCheck();
  check.list(
    asked.map((step) => step.field),
    'orderBy',
  );
  check.done();
  const chosen = asked.length > 0 ? asked : list.byDefault;
  const steps = [
    ...chosen,
    ...(list.ties ?? []).filter((tie) => !chosen.some((step) => step.field === tie.field)),
  ].map((step) => ({ field: list.fields[step.field], direction: step.direction ?? 'ASC' }));
  const idDirection = list.idDirection === 'LAST' ? steps[steps.length - 1]!.direction : list.idDirection;
  const name = (order: readonly OrderStep<F>[]) =>
    order
      .map((step) => `${step.field}:${step.direction ?? 'ASC'}${list.fields[step.field].qualifier ?? ''}`)
      .join(',');
  const label = asked.length > 0 ? name(asked) : null;
  const cursorValues = steps.map((step) => step.field.cursorValue);
  return {
    columns: [...steps.map((step) => step.field.sql), list.id],
    directions: [...steps.map((step) => step.direction), idDirection],
    valuesOf: cursorValues.every((value) => value !== undefined)
      ? (row) => [...cursorValues.map((value) => value!(row)), row.id]
      : undefined,
    order: list.bareWhenAskedDefault && label === name(list.byDefault) ? null : label,
    accepts: (values) =>
      steps.every((step, i) => step.field.accepts(values[i])) && isUuidValue(values[steps.length]),
  };
}

/** A text value: a name. */
export const isText = (value: unknown): boolean => typeof value === 'string';

/** A whole number: a year, a count, an enum's place. */
export const isWholeNumber = (value: unknown): boolean => Number.isInteger(value);

/** A whole number as the database writes it: an enum's place compared in SQL. */
export const isWholeNumberText = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,9}$/.test(value);

/** A finite number: hours. */
export const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/** A decimal as the database writes it: hours summed in SQL. */
export const isDecimalText = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{1,9}(\.\d{1,3})?$/.test(value);

/** A calendar day written YYYY-MM-DD. */
export const isDate = (value: unknown): boolean => typeof value === 'string' && isIsoDate(value);

/** An instant as the cursor writes it (ISO 8601, milliseconds). */
export const isInstant = (value: unknown): boolean =>
  typeof value === 'string' &&
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) &&
  !Number.isNaN(Date.parse(value));

const isUuidValue = (value: unknown): boolean => typeof value === 'string' && isUuid(value);
