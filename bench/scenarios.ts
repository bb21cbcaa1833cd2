import { Role, type Principal } from '@mingshi/auth';
import { chinaToday } from '@mingshi/graphql';
import type { Operation } from './load';

/** The regions a run's callers act for, chosen from the seeded data (see jurisdictions.ts). */
export interface Jurisdictions {
  /** The seeded county with the most teachers. */
  county: string;
  /** The office above it whose searches span many counties: the city, or the province at province scale. */
  wide: { role: Role.CITY_OFFICE | Role.PROVINCE_OFFICE; region: string };
  /** The county's latest annual assessment round with finalised results. */
  round: string;
}

/**
 * One operation a front end sends often, measured through the gateway and straight to the
 * subgraphs, so the difference between the two is what the gateway costs.
 */
export interface Scenario {
  name: string;
  caller: (jurisdictions: Jurisdictions) => Principal;
  /** The operation, or how to make it from the run's jurisdictions (a round's id …). */
  operation: Operation | ((jurisdictions: Jurisdictions) => Operation);
  /**
   * The same answer without the gateway: the name of the subgraph that answers the whole operation
   * alone, or the calls a client would make to the subgraphs one after another when it spans several.
   */
  direct: string | DirectCall[];
  /** Rows in a response: an empty answer would measure nothing, so the run refuses it. */
  rows: (data: Record<string, unknown>) => number;
  /**
   * Callers at once, one measured run per level, when not the run's: fewer for a question a few
   * analysts ask, several levels for the page every front end opens.
   */
  concurrency?: readonly number[];
  /** Measured through the peer gateway too (bench/peer-gateway.ts), under the same load. */
  peer?: boolean;
}

/** One call of a direct side that spans subgraphs. */
export interface DirectCall {
  subgraph: string;
  /** Built from the answers to the calls before it, in order: the bench data does not change. */
  operation: (earlier: readonly Record<string, unknown>[], jurisdictions: Jurisdictions) => Operation;
}

export function office(role: Role, region: string): Principal {
  return { userId: `bench-${role.toLowerCase()}-${region}`, roles: [role], regionCode: region };
}

function nodesOf(field: string): Scenario['rows'] {
  return (data) => (data[field] as { nodes: unknown[] }).nodes.length;
}

/** This calendar year in China, the year a bureau's studio list shows the funds of. */
function thisYear(): number {
  return Number(chinaToday().slice(0, 4));
}

/** Last calendar year, whole: the period a bureau's annual figures cover. */
function lastYear(): { from: string; to: string } {
  const year = thisYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

interface StudioRow {
  host: { id: string } | null;
  hostSchool: { id: string } | null;
}

/** The hosts and schools a workshop page names, as the representations personnel resolves. */
function hostsAndSchoolsOf(page: Record<string, unknown>): { __typename: string; id: string }[] {
  const studios = (page.workshops as { nodes: StudioRow[] }).nodes;
  const unique = (ids: (string | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];
  return [
    ...unique(studios.map((s) => s.host?.id)).map((id) => ({ __typename: 'Teacher', id })),
    ...unique(studios.map((s) => s.hostSchool?.id)).map((id) => ({ __typename: 'School', id })),
  ];
}

const STUDIO_FIELDS = 'name type level status cycleStartYear memberCount traineeCount';
const FUNDING_FIELDS = `funding(year: ${thisYear()}) { allocated approved balance executionRate }`;

/** The studios of a workshop page, as the representations finance resolves their funding for. */
function studiosOf(page: Record<string, unknown>): { __typename: string; id: string }[] {
  return (page.workshops as { nodes: { id: string }[] }).nodes.map(({ id }) => ({
    __typename: 'Workshop',
    id,
  }));
}

/** The studios a ranking page names, as the representations workshop resolves their names for. */
function rankedStudiosOf(page: Record<string, unknown>): { __typename: string; id: string }[] {
  const entries = (page.roundRanking as { nodes: { assessment: { workshop: { id: string } | null } }[] })
    .nodes;
  return entries.flatMap((e) =>
    e.assessment.workshop ? [{ __typename: 'Workshop', id: e.assessment.workshop.id }] : [],
  );
}

const RANKING_FIELDS = 'rank total grade';

export const COUNTY_PAGE = 'county page';

/**
 * The county front end's studio list through the gateway, `first` studios long: each with its
 * host and host school, member and trainee counts, this year's funds and its latest grade.
 */
export function countyPage(first: number): Operation {
  return {
    query: `query ($first: Int!) { workshops(first: $first) { nodes { ${STUDIO_FIELDS}
      host { id name } hostSchool { id name } ${FUNDING_FIELDS} latestGrade } pageInfo { endCursor } } }`,
    variables: { first },
  };
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'teachers page',
    caller: ({ county }) => office(Role.COUNTY_OFFICE, county),
    operation: {
      query: `{ teachers(first: 50) {
        nodes { name subject rank school { name rural weak } region { fullName } }
        pageInfo { endCursor } } }`,
    },
    direct: 'personnel',
    rows: nodesOf('teachers'),
    peer: true,
  },
  {
    // 王 is the most common surname, so the name filter keeps enough rows to page and count.
    name: 'teacher search',
    caller: ({ wide }) => office(wide.role, wide.region),
    operation: {
      query: `query Search($filter: TeacherFilter) { teachers(first: 20, filter: $filter) {
        nodes { name school { name } } totalCount } }`,
      variables: { filter: { nameContains: '王', subject: 'MATHEMATICS', rank: 'SENIOR' } },
    },
    direct: 'personnel',
    rows: nodesOf('teachers'),
  },
  {
    // The county front end's first page (the P1 page of issue 13): the studios are the workshop
    // subgraph's, the host's and the school's names personnel's, this year's funds finance's, the
    // latest grade evaluation's, so the gateway plans four fetches (workshop, then finance,
    // evaluation and personnel side by side); without it a client makes the same four calls itself,
    // one after another in the plan's order.
    name: COUNTY_PAGE,
    caller: ({ county }) => office(Role.COUNTY_OFFICE, county),
    operation: countyPage(50),
    direct: [
      {
        subgraph: 'workshop',
        operation: () => ({
          query: `{ workshops(first: 50) { nodes { id ${STUDIO_FIELDS}
            host { id } hostSchool { id } } pageInfo { endCursor } } }`,
        }),
      },
      {
        subgraph: 'finance',
        operation: ([page]) => ({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Workshop { ${FUNDING_FIELDS} } } }`,
          variables: { representations: studiosOf(page!) },
        }),
      },
      {
        subgraph: 'evaluation',
        operation: ([page]) => ({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Workshop { latestGrade } } }`,
          variables: { representations: studiosOf(page!) },
        }),
      },
      {
        subgraph: 'personnel',
        operation: ([page]) => ({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Teacher { id name } ... on School { id name } } }`,
          variables: { representations: hostsAndSchoolsOf(page!) },
        }),
      },
    ],
    rows: nodesOf('workshops'),
    // One front end, ten, and a hundred at once: the page must not fail under the last.
    concurrency: [1, 10, 100],
    peer: true,
  },
  {
    // A province's (a city's at smaller scales) yearly figures over every studio it can see.
    name: 'studio metrics',
    caller: ({ wide }) => office(wide.role, wide.region),
    operation: {
      query: `query ($period: PeriodInput!) { workshopMetrics(period: $period) {
        workshopCount activityCount activitiesByType { type count } outreachCount teachersReached
        participantHours traineeCount researchProjectCount outcomesByLevel { level count }
        resourceCount viewCount } }`,
      variables: { period: lastYear() },
    },
    direct: 'workshop',
    rows: (data) => (data.workshopMetrics as { activityCount: number }).activityCount,
    // A whole province's year takes seconds; twenty at once would only measure the queue.
    concurrency: [2],
  },
  {
    // A province's (a city's at smaller scales) grades of last year by city (county), counted in SQL.
    name: 'grade distribution',
    caller: ({ wide }) => office(wide.role, wide.region),
    operation: ({ wide }) => ({
      query: `query ($filter: GradeDistributionFilter!, $groupBy: GradeGrouping) {
        gradeDistribution(filter: $filter, groupBy: $groupBy) {
          region { code } total excellent qualified basic unqualified } }`,
      variables: {
        filter: { year: thisYear() - 1 },
        groupBy: wide.role === Role.PROVINCE_OFFICE ? 'CITY' : 'COUNTY',
      },
    }),
    direct: 'evaluation',
    rows: (data) => (data.gradeDistribution as unknown[]).length,
  },
  {
    // A county's annual round ranked, with each studio's name: evaluation ranks, workshop names.
    name: 'round ranking',
    caller: ({ county }) => office(Role.COUNTY_OFFICE, county),
    operation: ({ round }) => ({
      query: `query ($roundId: ID!) { roundRanking(roundId: $roundId, first: 50) {
        nodes { ${RANKING_FIELDS} assessment { workshop { id name } } } } }`,
      variables: { roundId: round },
    }),
    direct: [
      {
        subgraph: 'evaluation',
        operation: (_earlier, { round }) => ({
          query: `query ($roundId: ID!) { roundRanking(roundId: $roundId, first: 50) {
            nodes { ${RANKING_FIELDS} assessment { workshop { id } } } } }`,
          variables: { roundId: round },
        }),
      },
      {
        subgraph: 'workshop',
        operation: ([page]) => ({
          query: `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on Workshop { id name } } }`,
          variables: { representations: rankedStudiosOf(page!) },
        }),
      },
    ],
    rows: nodesOf('roundRanking'),
  },
];
