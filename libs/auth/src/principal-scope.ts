import {
  NATIONWIDE,
  ancestorsOf,
  intersect,
  isRegionCode,
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
 * Without a requested region it is the caller's whole scope.
 */
export function narrowScope(principal: Principal, regionCode?: string | null): RegionRange | null {
  const scope = scopeOf(principal);
  if (!regionCode) return { lo: scope.lo, hi: scope.hi };
  if (!isRegionCode(regionCode)) return null;
  return intersect(scope, regionRange(regionCode));
}
