import { Role, type Principal } from '@mingshi/auth';

/** The regions a run's callers act for, chosen from the seeded data (see jurisdictions.ts). */
export interface Jurisdictions {
  /** The seeded county with the most teachers. */
  county: string;
  /** The office above it whose searches span many counties: the city, or the province at province scale. */
  wide: { role: Role.CITY_OFFICE | Role.PROVINCE_OFFICE; region: string };
}

/**
 * One operation a front end sends often. Each is measured through the gateway and straight to
 * `subgraph`, which must be able to answer the whole operation alone, so the difference between
 * the two is the gateway's cost.
 */
export interface Scenario {
  name: string;
  subgraph: string;
  caller: (jurisdictions: Jurisdictions) => Principal;
  query: string;
  variables?: Record<string, unknown>;
  /** Rows in a response: an empty answer would measure nothing, so the run refuses it. */
  rows: (data: Record<string, unknown>) => number;
}

function office(role: Role, region: string): Principal {
  return { userId: `bench-${role.toLowerCase()}-${region}`, roles: [role], regionCode: region };
}

function nodesOf(field: string): Scenario['rows'] {
  return (data) => (data[field] as { nodes: unknown[] }).nodes.length;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'teachers page',
    subgraph: 'personnel',
    caller: ({ county }) => office(Role.COUNTY_OFFICE, county),
    query: `{ teachers(first: 50) {
      nodes { name subject rank school { name rural weak } region { fullName } }
      pageInfo { endCursor } } }`,
    rows: nodesOf('teachers'),
  },
  {
    // 王 is the most common surname, so the name filter keeps enough rows to page and count.
    name: 'teacher search',
    subgraph: 'personnel',
    caller: ({ wide }) => office(wide.role, wide.region),
    query: `query Search($filter: TeacherFilter) { teachers(first: 20, filter: $filter) {
      nodes { name school { name } } totalCount } }`,
    variables: { filter: { nameContains: '王', subject: 'MATHEMATICS', rank: 'SENIOR' } },
    rows: nodesOf('teachers'),
  },
];
