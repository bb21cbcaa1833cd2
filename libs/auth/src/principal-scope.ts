import { NATIONWIDE, intersect, isRegionCode, regionRange, type RegionRange } from './region-scope';
import { Role, type Principal } from './roles';

/** The range of region codes a principal may touch. */
export function scopeOf(principal: Principal): RegionRange {
  return principal.roles.includes(Role.SYSTEM) ? NATIONWIDE : regionRange(principal.regionCode);
}

/**
 * The range a list should cover when a caller asks for a region's subtree: the request narrowed
 * to the caller's scope, or null when the two do not overlap (nothing the caller may see).
 * Without a requested region it is the caller's whole scope.
 */
export function narrowScope(principal: Principal, regionCode?: string | null): RegionRange | null {
  const scope = scopeOf(principal);
  if (!regionCode) return scope;
  if (!isRegionCode(regionCode)) return null;
  return intersect(scope, regionRange(regionCode));
}
