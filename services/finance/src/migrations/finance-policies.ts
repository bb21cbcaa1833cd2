import { inScope } from '@mingshi/db';

/**
 * Who a row of money belongs to, for row-level security: the studio's founding jurisdiction and the
 * county of the host school that receives the money. A caller whose range covers either sees the
 * row (the county of a provincial studio's host school follows the money paid into its school);
 * which of them may change it is the services' role rules (rules/permissions.ts).
 */
export const MONEY_ROW = `(${inScope('region_code')} OR ${inScope('host_region_code')})`;
