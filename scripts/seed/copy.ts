import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DerivedRows } from './bulk-load';

/** A JSON document for a json/jsonb column (plain arrays are written as PostgreSQL arrays). */
export interface JsonValue {
  json: unknown;
}

export type CopyValue = string | number | boolean | null | readonly string[] | JsonValue;

export function json(value: unknown): JsonValue {
  return { json: value };
}

export interface TableLoad {
  /** Schema-qualified target table, e.g. `personnel.teacher`. */
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly CopyValue[]>;
  /** A condition a row must meet to be inserted, against what earlier runs left: see RowGuard. */
  where?: RowGuard;
  /**
   * The order in which staged rows are inserted (an ORDER BY list on `staged`), for tables whose
   * serial ids are read as the rows' order, such as a studio's status history.
   */
  orderBy?: string;
  /** Rows that triggers on the table derive from these: see DerivedRows. */
  derived?: DerivedRows;
}

/**
 * A condition on the staged row (alias `staged`) that must hold for it to be inserted, e.g. that
 * its parent row exists: a parent skipped as a duplicate must not fail its children's foreign key.
 * Such conditions guard against rows of earlier runs, so they hold for every row while each table
 * in `reads` was empty when this run began: the load may then skip staging (see BulkLoad).
 */
export interface RowGuard {
  condition: string;
  /** The tables `condition` reads. */
  reads: readonly string[];
}

export interface LoadResult {
  staged: number;
  inserted: number;
}

let stagingTables = 0;

/** How far a load has come: rows staged so far (of `total` when the rows are an array), then the insert. */
export interface LoadState {
  phase: 'staging' | 'inserting';
  staged: number;
  total?: number;
}

export interface LoadOptions {
  /** Hears how far the load has come. */
  observe?: (state: LoadState) => void;
  /** Copy straight into the table (see loadTable). */
  direct?: boolean;
  /**
   * Gather the table's statistics afterwards (default true). Later loads look rows of the table
   * up (row-level security's EXISTS on a parent, `where` conditions); planned on the statistics
   * of the empty table, those lookups scan it once per row, minutes for a million rows. Once the
   * statistics are there, the planner scales them to the table's size, so a table loaded in parts
   * needs them after its first part only.
   */
  analyze?: boolean;
}

/**
 * Bulk-loads rows into a table through COPY, inside the caller's transaction.
 *
 * COPY FROM refuses tables under row-level security, and FORCE ROW LEVEL SECURITY binds even the
 * owner, so rows are copied into a temporary table first and moved with one INSERT … SELECT, which
 * the policies do check. ON CONFLICT DO NOTHING makes a re-run with the same stable ids a no-op.
 * `direct` copies straight into the table instead: for a table the run has claimed (BulkLoad),
 * empty before the run and with its policies lifted, when the load has no order and its condition
 * holds for every row (the caller's judgement: see RowGuard).
 */
export async function loadTable(
  client: ClientBase,
  load: TableLoad,
  { observe = () => {}, direct = false, analyze = true }: LoadOptions = {},
): Promise<LoadResult> {
  const columns = load.columns.join(', ');
  const total = Array.isArray(load.rows) ? load.rows.length : undefined;
  const copyInto = async (table: string) => {
    const copy = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
    await pipeline(
      Readable.from(copyText(load.rows, (staged) => observe({ phase: 'staging', staged, total }))),
      copy,
    );
    return copy.rowCount;
  };
  let staged: number;
  let inserted: number;
  if (direct && !load.orderBy) {
    staged = inserted = await copyInto(load.table);
  } else {
    const staging = `seed_staging_${++stagingTables}`;
    await client.query(`CREATE TEMP TABLE ${staging} (LIKE ${load.table} INCLUDING DEFAULTS) ON COMMIT DROP`);
    staged = await copyInto(staging);
    observe({ phase: 'inserting', staged, total });
    const result = await client.query(
      `INSERT INTO ${load.table} (${columns})
       SELECT ${columns} FROM ${staging} AS staged ${load.where ? `WHERE ${load.where.condition}` : ''}
       ${load.orderBy ? `ORDER BY ${load.orderBy}` : ''}
       ON CONFLICT DO NOTHING`,
    );
    inserted = result.rowCount ?? 0;
    // Staged rows are no longer needed: dropping them now keeps a large run's temporary files to
    // one table's worth instead of every table's until the commit.
    await client.query(`DROP TABLE ${staging}`);
  }
  // ANALYZE counts this transaction's own uncommitted rows.
  if (inserted && analyze) await client.query(`ANALYZE ${load.table}`);
  return { staged, inserted };
}

/** `row` of each item, as COPY takes them: rows made while they are copied, not listed first. */
export function* rowsOf<T>(
  items: Iterable<T>,
  row: (item: T) => readonly CopyValue[],
): Generator<readonly CopyValue[]> {
  for (const item of items) yield row(item);
}

/** What `plan` makes of each item, one item at a time. */
export function* flatten<T, U>(items: Iterable<T>, plan: (item: T) => readonly U[]): Generator<U> {
  for (const item of items) yield* plan(item);
}

/**
 * Rows in COPY text format, batched into chunks so the stream is not one write per row; `counted`
 * hears how many rows have been written with each chunk.
 */
export function* copyText(
  rows: Iterable<readonly CopyValue[]>,
  counted: (rows: number) => void = () => {},
): Generator<string> {
  let chunk = '';
  let written = 0;
  for (const row of rows) {
    let line = copyField(row[0]!);
    for (let i = 1; i < row.length; i++) line += `\t${copyField(row[i]!)}`;
    chunk += `${line}\n`;
    written += 1;
    if (chunk.length >= 64 * 1024) {
      yield chunk;
      counted(written);
      chunk = '';
    }
  }
  if (chunk) {
    yield chunk;
    counted(written);
  }
}

function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeCopy(value);
  if (isJson(value)) return escapeCopy(JSON.stringify(value.json));
  return escapeCopy(`{${value.map(arrayElement).join(',')}}`);
}

function isJson(value: JsonValue | readonly string[]): value is JsonValue {
  return !Array.isArray(value);
}

/** An element of a PostgreSQL array literal: always quoted, so commas and braces are safe. */
function arrayElement(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function escapeCopy(value: string): string {
  // Hardly any value needs escaping: testing first spares building a copy of every string.
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
