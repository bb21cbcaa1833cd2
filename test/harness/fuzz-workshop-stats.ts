import type { FieldBase } from './fuzz-cases';
import type { TokenRequest } from './system';

/** What the base calls need of the planted targets: the fuzz county's studio. */
interface StatsTargets {
  studio: { id: string };
}

const PERIOD = { from: '2024-01-01', to: '2024-12-31' };

/**
 * A valid call of each grouped aggregate and ordered list the workshop subgraph added for
 * analysts, as the county office: every argument given (filters, dimensions, order, page), so the
 * fuzzer has a slot for each to make hostile.
 */
export function workshopStatsBases(office: TokenRequest): Record<string, (t: StatsTargets) => FieldBase> {
  const county = office.region;
  return {
    workshopStats: () => ({
      caller: office,
      args: {
        filter: {
          regionCode: county,
          level: 'COUNTY',
          cycleStartYear: 2024,
          foundedFrom: '2024-01-01',
          foundedTo: '2030-12-31',
        },
        groupBy: ['COUNTY', 'STATUS', 'CYCLE'],
      },
    }),
    activityStats: () => ({
      caller: office,
      args: {
        filter: { workshop: { regionCode: county, type: 'TEACHER' }, type: 'TEAM_STUDY' },
        period: PERIOD,
        groupBy: ['WORKSHOP', 'MONTH'],
      },
    }),
    outcomeStats: () => ({
      caller: office,
      args: {
        filter: { workshop: { regionCode: county, level: 'COUNTY' }, kind: 'PAPER', level: 'PROVINCE' },
        period: PERIOD,
        groupBy: ['KIND', 'ACHIEVEMENT_LEVEL', 'YEAR'],
      },
    }),
    researchProjectStats: () => ({
      caller: office,
      args: {
        filter: { workshop: { regionCode: county, type: 'TEACHER' }, level: 'CITY', status: 'IN_PROGRESS' },
        period: PERIOD,
        groupBy: ['WORKSHOP', 'ACHIEVEMENT_LEVEL', 'STATUS'],
      },
    }),
    activities: (t) => ({
      caller: office,
      args: {
        filter: {
          workshop: { regionCode: county },
          workshopId: t.studio.id,
          type: 'TEAM_STUDY',
          from: PERIOD.from,
          to: PERIOD.to,
        },
        orderBy: [
          { field: 'DATE', direction: 'DESC' },
          { field: 'HOURS_CREDITED', direction: 'ASC' },
        ],
        first: 10,
      },
    }),
  };
}
