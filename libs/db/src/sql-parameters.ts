/**
 * The parameters of a statement written by hand, numbered as they are added — after those a query
 * builder already holds, when it starts with them — so SQL fragments can bind values as they are
 * written: `a.year >= ${params.add(year)}`.
 */
export class SqlParameters {
  constructor(readonly values: unknown[] = []) {}

  /** Adds a value and answers its placeholder (`$3`); passed on alone where a fragment takes a binder. */
  readonly add = (value: unknown): string => `$${this.values.push(value)}`;
}
