import { addYears } from '@mingshi/graphql';

/** An assessed period spans less than five years, as the workshop subgraph's figures do. */
const MAX_PERIOD_YEARS = 5;

/** Why a period's end does not fit its start, continuing the `to` field's name; or null. */
export function periodProblem(from: string, to: string): string | null {
  if (from > to) return 'must not be before from';
  if (to >= addYears(from, MAX_PERIOD_YEARS)) return `must be less than ${MAX_PERIOD_YEARS} years after from`;
  return null;
}
