import {
  intersect,
  isRegionCode,
  regionRange,
  scopeOf,
  type Principal,
  type RegionRange,
} from '@mingshi/auth';

/**
 * Studios are visible downwards: a caller sees the studios founded in their region range and also
 * those founded by the jurisdictions above them (a county sees its city's and province's studios,
 * so its teachers can apply to them). Row-level security admits the same rows; list queries state
 * the rule again in SQL so the planner can use the region index and so a forgotten policy would not
 * silently widen a list.
 */
export interface StudioRegions extends RegionRange {
  /** Founding jurisdictions above the range whose studios are included. */
  ancestors: string[];
}

/**
 * The founding regions a studio list covers: the caller's whole visibility, or — when a region is
 * requested — the studios founded in that region's subtree that the caller may see. Null when the
 * requested region and the caller's visibility do not meet (a top-level list refuses that).
 * `regionCode` must already be a valid GB/T 2260 code.
 */
export function studioRegions(principal: Principal, regionCode?: string | null): StudioRegions | null {
  const scope = scopeOf(principal);
  if (!regionCode) return scope;
  if (!isRegionCode(regionCode)) return null;
  const requested = regionRange(regionCode);
  const ancestors = scope.ancestors.filter((code) => code >= requested.lo && code <= requested.hi);
  // An ancestor's subtree always contains the caller's range, so the intersection is empty only
  // when the requested region lies beside the caller's scope altogether.
  const range = intersect(scope, requested);
  return range ? { ...range, ancestors } : null;
}
