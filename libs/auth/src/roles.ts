/**
 * The kinds of principal the graph serves. What each may read and write is written down in
 * docs/roles.md and enforced inside each subgraph.
 */
export enum Role {
  PROVINCE_OFFICE = 'PROVINCE_OFFICE',
  CITY_OFFICE = 'CITY_OFFICE',
  COUNTY_OFFICE = 'COUNTY_OFFICE',
  SCHOOL_ADMIN = 'SCHOOL_ADMIN',
  HOST = 'HOST',
  TEACHER = 'TEACHER',
  EVALUATOR = 'EVALUATOR',
  ANALYST = 'ANALYST',
  FINANCE_SYSTEM = 'FINANCE_SYSTEM',
  /** Internal: event consumers and seeders acting on behalf of the system, never minted for users. */
  SYSTEM = 'SYSTEM',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Education-bureau offices: the roles that administer people and studios in their region. */
export const OFFICE_ROLES: readonly Role[] = [Role.PROVINCE_OFFICE, Role.CITY_OFFICE, Role.COUNTY_OFFICE];

/** Roles that act as one teacher and so must carry that teacher's id. */
export const TEACHER_ROLES: readonly Role[] = [Role.HOST, Role.TEACHER];

/** Who is calling: taken from the caller's JWT at the gateway and signed onward to subgraphs. */
export interface Principal {
  /** Stable id of the user or system account (the JWT `sub`). */
  userId: string;
  roles: Role[];
  /** GB/T 2260 code of the caller's jurisdiction; see region-scope.ts for what it covers. */
  regionCode: string;
  /** Set for HOST and TEACHER principals: the teacher they act as. */
  teacherId?: string;
  /** Set for SCHOOL_ADMIN principals: the school they administer. */
  schoolId?: string;
}

/**
 * The system itself, for a service acting on no caller's behalf — an event consumer that must ask
 * another subgraph. SYSTEM reads every region (scopeOf) and the gateway refuses it in tokens, so
 * only a service holding the identity secret can sign it. Its region is no jurisdiction:
 * 000000, the lower end of the nationwide range.
 */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', roles: [Role.SYSTEM], regionCode: '000000' };

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function isOffice(principal: Principal): boolean {
  return hasRole(principal, ...OFFICE_ROLES);
}
