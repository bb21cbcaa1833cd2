import { BadUserInputError, ForbiddenError } from '@mingshi/graphql';
import {
  NATIONWIDE,
  isRegionCode,
  ancestorsOf,
  intersect,
  regionCodeProblem,
  regionRange,
  type RegionRange,
} from './region-scope';
import { Role, type Principal } from './roles';

/** What a principal may touch: a range of region codes, plus the jurisdictions above it. */
export interface PrincipalScope extends RegionRange {
  /** Regions above the scope whose downward-visible records (studios) the principal may read. */
  ancestors: string[];
}

export function scopeOf(principal: Principal): PrincipalScope {
  if (principal.roles.includes(Role.SYSTEM)) return { ...NATIONWIDE, ancestors: [] };
  return { ...regionRange(principal.regionCode), ancestors: ancestorsOf(principal.regionCode) };
}

/**
 * The range a list should cover when a caller asks for a region's subtree: the request narrowed
 * to the caller's scope, or null when the two do not overlap (nothing the caller may see).
 * Without a requested region it is the caller's whole scope. For a list nested under a region
 * (`region(code:) { teachers }`), where "nothing" is an empty list; a top-level filter goes
 * through `filterScope`, which tells a typo from a refusal.
 */
export function narrowScope(principal: Principal, regionCode?: string | null): RegionRange | null {
  const scope = scopeOf(principal);
  if (!regionCode) return { lo: scope.lo, hi: scope.hi };
  if (!isRegionCode(regionCode)) return null;
  return intersect(scope, regionRange(regionCode));
}

/**
 * The range a top-level list filtered by `regionCode` covers, read the same way by every
 * subgraph: a code that is not a GB/T 2260 code is the client's typo (BAD_USER_INPUT naming the
 * field); a real code whose region does not meet the caller's scope asks for what the caller may
 * not see (FORBIDDEN). Without a code, the caller's whole scope.
 */
export function filterScope(
  principal: Principal,
  regionCode: string | null | undefined,
  field: string,
): RegionRange {
  const problem = regionCode == null ? null : regionCodeProblem(regionCode);
  if (problem) throw new BadUserInputError(`${field} ${problem}`, field);
  const range = narrowScope(principal, regionCode);
  if (!range) throw new ForbiddenError(`Region ${regionCode} is outside your scope`, field);
  return range;
}
