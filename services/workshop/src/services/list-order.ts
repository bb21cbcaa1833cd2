import type { Keyset, KeysetDirection } from '@mingshi/db';
import { isIsoDate, isUuid, readGroupBy } from '@mingshi/graphql';
import type { OrderDirection } from '../generated/resolvers-types';

/**
 * How a list's `orderBy` (`[{ field, direction }]`) becomes its keyset: each field's SQL and the
 * value its cursor carries, then the id, which makes the order total. The id runs the way the
 * last field does, so an order in one direction stays one row comparison over an index
 * (`(date, id) < (…)` reads activity_date_idx backwards).
 */

/** One field a list may be ordered by. */
export interface OrderField<T> {
  /** SQL of the value, e.g. `w.name`. */
  sql: string;
  /** The value a row's cursor carries, as the SQL compares it. */
  valueOf: (row: T) => string | number;
  /** Whether a cursor's value can be one of this field's. */
  accepts: (value: unknown) => boolean;
}

/** One step of an order, as the client wrote it. */
export interface OrderStep<F extends string> {
  field: F;
  direction?: OrderDirection | null;
}

/**
 * The keyset of a list ordered as asked (each field at most once: BAD_USER_INPUT naming
 * `orderBy`), or as `fallback` when nothing is asked. Cursors of an asked order name it, so one
 * is never read in another order; the fallback's cursors are the values alone, as the list's
 * cursors were before it could be ordered.
 */
export function readOrder<F extends string, T extends { id: string }>(
  orderBy: readonly OrderStep<F>[] | null | undefined,
  fields: Record<F, OrderField<T>>,
  fallback: OrderStep<F>[],
  idSql: string,
): Keyset<T> {
  const asked = orderBy && orderBy.length > 0;
  readGroupBy(
    (orderBy ?? []).map((step) => step.field),
    'orderBy',
  );
  const steps = (asked ? orderBy : fallback).map((step) => ({
    field: fields[step.field],
    name: step.field,
    descending: step.direction === 'DESC',
  }));
  const last = steps[steps.length - 1]!;
  const directions = [...steps, last].map((step): KeysetDirection => (step.descending ? 'DESC' : 'ASC'));
  return {
    columns: [...steps.map((step) => step.field.sql), idSql],
    directions,
    valuesOf: (row) => [...steps.map((step) => step.field.valueOf(row)), row.id],
    order: asked ? steps.map((s) => `${s.name}:${s.descending ? 'DESC' : 'ASC'}`).join(',') : undefined,
    accepts: (values) =>
      steps.every((step, i) => step.field.accepts(values[i])) && isUuid(String(values[steps.length])),
  };
}

/** A text value: a name. */
export const isText = (value: unknown): boolean => typeof value === 'string';

/** A whole number: a year, a count, an enum's rank. */
export const isWholeNumber = (value: unknown): boolean => Number.isInteger(value);

/** A finite number: hours. */
export const isNumber = (value: unknown): boolean => typeof value === 'number' && Number.isFinite(value);

/** A calendar day written YYYY-MM-DD. */
export const isDate = (value: unknown): boolean => typeof value === 'string' && isIsoDate(value);

/** An instant as the cursor writes it (ISO 8601, milliseconds). */
export const isInstant = (value: unknown): boolean =>
  typeof value === 'string' &&
  /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value) &&
  !Number.isNaN(Date.parse(value));
