import { cityOfSql, countyOfSql } from '@mingshi/auth';
import { groupsPerRange } from '@mingshi/db';
import { enumOrder, type GroupValue, type ValueOrder } from '@mingshi/graphql';
import type { RegionRef } from '@mingshi/subgraph-server';
import type { WorkshopContext } from '../context';
import type { WorkshopLevel, WorkshopType } from '../generated/resolvers-types';
import { workshopSchema } from '../schema-document';

/**
 * What the grouped aggregates (workshopStats, activityStats, outcomeStats, researchProjectStats)
 * share: how a dimension becomes SQL and comes back as a group's field, and how groups are
 * ordered. Batching by range and the bound are libs/db's (grouped-stats.ts).
 */

/** One dimension of a grouping. `G` is the group type it fills a field of. */
export interface Dimension<G> {
  /** The group's field the dimension sets. */
  field: keyof G & string;
  /**
   * The group's value in SQL over the statement's aliases. Never null: a dimension with "none"
   * (a province studio's county) gives '' there, so groups of two branches join by plain equality,
   * which PostgreSQL can hash.
   */
  sql: string;
  /** Reads the value the statement returned into the field ('' is none). */
  read: (value: unknown) => unknown;
  /** The sort keys of a group: usually its value; `row` is the statement's row, `i` the dimension's place. */
  sortKeys: (group: G, row: StatsRow, i: number) => GroupValue[];
  /** How each sort key compares. */
  orders: ValueOrder[];
  /** A further SQL value the statement returns for sorting (a studio's name), as `sort<i>`. */
  sortSql?: string;
}

const TEXT: ValueOrder = { kind: 'text' };
const NUMBER: ValueOrder = { kind: 'number' };

/** A region dimension: the code in SQL ('' for none), a `Region` reference in the group. */
export function regionDimension<G>(field: keyof G & string, sql: string): Dimension<G> {
  return {
    field,
    sql: `coalesce(${sql}, '')`,
    read: (value) => (value ? { code: String(value) } : null),
    sortKeys: (group) => [(group[field] as { code: string } | null)?.code ?? null],
    orders: [TEXT],
  };
}

/** An enum dimension, ordered as the schema declares its values (`enumOrder`). */
export function enumDimension<G>(
  field: keyof G & string,
  sql: string,
  values: readonly string[],
): Dimension<G> {
  return {
    field,
    sql,
    read: (value) => value ?? null,
    sortKeys: (group) => [group[field] as GroupValue],
    orders: [{ kind: 'declared', values }],
  };
}

/** A whole-number dimension (a year). */
export function yearDimension<G>(field: keyof G & string, sql: string): Dimension<G> {
  return {
    field,
    sql,
    read: (value) => (value == null ? null : Number(value)),
    sortKeys: (group) => [group[field] as GroupValue],
    orders: [NUMBER],
  };
}

/**
 * A month dimension of a date column, written YYYY-MM in the group. In SQL it is the number
 * year × 100 + month: a four-byte key that a million participations hash faster than text.
 */
export function monthDimension<G>(field: keyof G & string, date: string): Dimension<G> {
  return {
    field,
    sql: `(date_part('year', ${date}) * 100 + date_part('month', ${date}))::int`,
    read: (value) => {
      if (value == null) return null;
      const month = Number(value);
      return `${Math.floor(month / 100)}-${String(month % 100).padStart(2, '0')}`;
    },
    sortKeys: (group) => [group[field] as GroupValue],
    orders: [TEXT],
  };
}

/**
 * A studio dimension: its id in SQL and in the group (resolved to the studio by the group's
 * resolver), ordered by the studio's name, then id.
 */
export function studioDimension<G>(field: keyof G & string, idSql: string, nameSql: string): Dimension<G> {
  return {
    field,
    sql: `${idSql}::text`,
    read: (value) => (value == null ? null : String(value)),
    sortKeys: (_group, row, i) => [String(row[`sort${i}`]), String(row[`d${i}`])],
    orders: [TEXT, TEXT],
    sortSql: nameSql,
  };
}

/** The fields a group of studio work (activities, outcomes, projects) takes from its studio. */
export interface StudioGroupFields {
  city: RegionRef | null;
  county: RegionRef | null;
  level: WorkshopLevel | null;
  workshopType: WorkshopType | null;
  /** The studio's id, resolved to the studio by the group's resolver (`groupStudio`). */
  workshop: string | null;
}

/** The dimensions every aggregate of studio work has: those of the studio the work belongs to. */
export type StudioWorkDimension = 'CITY' | 'COUNTY' | 'LEVEL' | 'WORKSHOP_TYPE' | 'WORKSHOP';

/**
 * The studio's dimensions over the covered studios `s` (aggregate-studios.ts), alike for
 * activities, outcomes and projects: its founding city and county, level, kind, and the studio.
 */
export function studioWorkDimensions<G extends StudioGroupFields>(): Record<
  StudioWorkDimension,
  Dimension<G>
> {
  return {
    CITY: regionDimension<G>('city', cityOfSql('s.region_code')),
    COUNTY: regionDimension<G>('county', countyOfSql('s.region_code')),
    LEVEL: enumDimension<G>('level', 's.level', enumOrder(workshopSchema, 'WorkshopLevel')),
    WORKSHOP_TYPE: enumDimension<G>('workshopType', 's.type', enumOrder(workshopSchema, 'WorkshopType')),
    WORKSHOP: studioDimension<G>('workshop', 's.id', 's.name'),
  };
}

/**
 * A group's studio (WORKSHOP), loaded per request. The grouped studios were founded in the
 * caller's scope, so they are visible.
 */
export function groupStudio(group: { workshop: string | null }, ctx: WorkshopContext) {
  return group.workshop ? ctx.loaders.workshop.load(group.workshop) : null;
}

/** SQL select items and GROUP BY items of the dimensions asked, as `d<i>` (and `sort<i>`). */
export function groupingSql<G>(dimensions: readonly Dimension<G>[]): { select: string; groupBy: string } {
  const select = dimensions.flatMap((d, i) => [
    `${d.sql} AS d${i}`,
    ...(d.sortSql ? [`min(${d.sortSql}) AS sort${i}`] : []),
  ]);
  return {
    select: select.map((item) => `${item}, `).join(''),
    groupBy: dimensions.map((_, i) => `, d${i}`).join(''),
  };
}

/** A row of a stats statement: the range `k`, each dimension's `d<i>` (and `sort<i>`), the measures. */
export type StatsRow = Record<string, unknown> & { k: number };

/**
 * Each range's groups from one statement's rows, in range order: each group read by `measures`,
 * its dimension fields set (the others null) and ordered. With no dimension, a range with no row
 * still has its one group, `blank` (all 0).
 */
export function readGroupsPerRange<G>(
  rows: StatsRow[],
  rangeCount: number,
  dimensions: readonly Dimension<G>[],
  blank: () => G,
  measures: (row: StatsRow | undefined) => Partial<G>,
): G[][] {
  return groupsPerRange(
    rangeCount,
    rows,
    dimensions.length > 0,
    (row) => {
      const group: G = { ...blank(), ...measures(row) };
      dimensions.forEach((d, i) => ((group as Record<string, unknown>)[d.field] = d.read(row?.[`d${i}`])));
      return group;
    },
    {
      orders: dimensions.flatMap((d) => d.orders),
      valuesOf: (group, row) => dimensions.flatMap((d, i) => d.sortKeys(group, row, i)),
    },
  );
}
