const ENUM_VALUE = /^[A-Z][A-Z0-9_]*$/;

/**
 * A value's place in `values` (1 for the first), in SQL over `column`, for ordering rows as an
 * enum declares its values (`enumOrder` in libs/graphql) rather than alphabetically; null for a
 * value not among them. The values are written into the statement, so only enum names are taken.
 */
export function enumPositionSql(column: string, values: readonly string[]): string {
  if (!values.every((value) => ENUM_VALUE.test(value))) throw new RangeError(`bad enum order ${values}`);
  return `array_position(ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[], ${column}::text)`;
}
