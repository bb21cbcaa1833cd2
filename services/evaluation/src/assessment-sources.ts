import type { RegionLevel } from '@mingshi/auth';
import { yuanToFen } from '@mingshi/graphql';
import type { StudioClient, SubgraphClient, SubgraphContext, StudioType } from '@mingshi/subgraph-server';
import type { EvidenceKind } from './generated/resolvers-types';
import type { StudioFigures } from './rules/computed-figures';

/** A studio a round assesses, with the facts the assessment records about it. */
export interface StudioToAssess {
  id: string;
  level: RegionLevel;
  type: StudioType;
  regionCode: string;
  hostSchoolId: string;
}

/** Period as the workshop subgraph takes it. */
export interface Period {
  from: string;
  to: string;
}

const STUDIOS_PAGE = `query ($filter: WorkshopFilter, $after: String) {
  workshops(filter: $filter, first: 100, after: $after) {
    nodes { id level type region { code } hostSchool { id } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const STUDIO_PEOPLE = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Workshop { hostSchool { id } memberships(activeOnly: false) { teacher { id } joinedOn leftOn } }
  }
}`;

const TEACHER_SCHOOLS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Teacher { id school { id } } }
}`;

const STUDIO_METRICS = `query ($representations: [_Any!]!, $period: PeriodInput!) {
  _entities(representations: $representations) {
    ... on Workshop {
      metrics(period: $period) {
        activityCount activitiesByType { type count } outreachCount teachersReached certificateCount
        researchProjectsByLevelAndStatus { level status count } outcomesByLevel { level count } viewCount
      }
    }
  }
}`;

const EVIDENCE = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Activity { workshop { id } }
    ... on ResearchProject { workshop { id } }
    ... on Outcome { workshop { id } }
  }
}`;

const EVIDENCE_TYPENAMES: Record<EvidenceKind, string> = {
  ACTIVITY: 'Activity',
  RESEARCH_PROJECT: 'ResearchProject',
  OUTCOME: 'Outcome',
};

interface FundingYear {
  allocated: string;
  approved: string;
  spendingByCategory: { category: string; approved: string }[];
}

/**
 * What assessments take from the other subgraphs, always asked with the caller's own identity, so
 * that nothing reaches an assessment the caller could not have seen: the studios a round covers,
 * the people a conflict of interest is judged by, the evidence a host points to, and the figures
 * computed indicators are scored from. Evaluation keeps no copy of their data besides the
 * snapshot a finalised result takes on purpose.
 */
export class AssessmentSources {
  constructor(
    readonly studios: StudioClient,
    private readonly workshop: SubgraphClient,
    private readonly finance: SubgraphClient,
    private readonly personnel: SubgraphClient,
  ) {}

  /** Every running studio of a level founded in a region's subtree, page by page. */
  async studiosToAssess(
    ctx: SubgraphContext,
    level: RegionLevel,
    regionCode: string,
  ): Promise<StudioToAssess[]> {
    const found: StudioToAssess[] = [];
    for (const status of ['ACTIVE', 'RECTIFYING']) {
      let after: string | null = null;
      do {
        const page: {
          workshops: {
            nodes: {
              id: string;
              level: RegionLevel;
              type: StudioType;
              region: { code: string };
              hostSchool: { id: string } | null;
            }[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        } = await this.workshop.request(ctx, STUDIOS_PAGE, { filter: { level, regionCode, status }, after });
        for (const s of page.workshops.nodes) {
          if (s.hostSchool) {
            found.push({
              id: s.id,
              level: s.level,
              type: s.type,
              regionCode: s.region.code,
              hostSchoolId: s.hostSchool.id,
            });
          }
        }
        after = page.workshops.pageInfo.hasNextPage ? page.workshops.pageInfo.endCursor : null;
      } while (after);
    }
    return found;
  }

  /** Everyone whose membership of the studio overlapped the period or is open now, and its host school. */
  async studioPeople(
    ctx: SubgraphContext,
    workshopId: string,
    period: Period,
  ): Promise<{ hostSchoolId: string | null; memberTeacherIds: string[] } | null> {
    const data = await this.workshop.request<{
      _entities: ({
        hostSchool: { id: string } | null;
        memberships: { teacher: { id: string } | null; joinedOn: string; leftOn: string | null }[];
      } | null)[];
    }>(ctx, STUDIO_PEOPLE, { representations: [{ __typename: 'Workshop', id: workshopId }] });
    const studio = data._entities[0];
    if (!studio) return null;
    const overlapping = studio.memberships.filter(
      (m) => m.teacher && m.joinedOn <= period.to && (m.leftOn === null || m.leftOn >= period.from),
    );
    return {
      hostSchoolId: studio.hostSchool?.id ?? null,
      memberTeacherIds: overlapping.map((m) => m.teacher!.id),
    };
  }

  /** Each teacher's school; null for a teacher the caller may not see. */
  async teacherSchools(ctx: SubgraphContext, teacherIds: readonly string[]): Promise<(string | null)[]> {
    const data = await this.personnel.request<{ _entities: ({ school: { id: string } } | null)[] }>(
      ctx,
      TEACHER_SCHOOLS,
      { representations: teacherIds.map((id) => ({ __typename: 'Teacher', id })) },
    );
    return data._entities.map((t) => t?.school.id ?? null);
  }

  /** The studio that owns each piece of evidence; null for a record the caller may not see. */
  async evidenceStudios(
    ctx: SubgraphContext,
    evidence: readonly { kind: EvidenceKind; recordId: string }[],
  ): Promise<(string | null)[]> {
    const data = await this.workshop.request<{ _entities: ({ workshop: { id: string } } | null)[] }>(
      ctx,
      EVIDENCE,
      {
        representations: evidence.map((e) => ({ __typename: EVIDENCE_TYPENAMES[e.kind], id: e.recordId })),
      },
    );
    return data._entities.map((r) => r?.workshop.id ?? null);
  }

  /**
   * The studio's figures for the period: activity and output figures from the workshop subgraph,
   * and each year's money from finance (a year without an allocation counts as none).
   */
  async figures(ctx: SubgraphContext, workshopId: string, period: Period): Promise<StudioFigures | null> {
    const representations = [{ __typename: 'Workshop', id: workshopId }];
    const years = yearsOf(period);
    const fundingQuery = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Workshop {
          ${years.map((y) => `y${y}: funding(year: ${y}) { allocated approved spendingByCategory { category approved } }`).join('\n')}
        }
      }
    }`;
    const [metrics, money] = await Promise.all([
      this.workshop.request<{ _entities: ({ metrics: Omit<StudioFigures, 'funding'> } | null)[] }>(
        ctx,
        STUDIO_METRICS,
        {
          representations,
          period,
        },
      ),
      this.finance.request<{ _entities: (Record<string, FundingYear | null> | null)[] }>(ctx, fundingQuery, {
        representations,
      }),
    ]);
    const studio = metrics._entities[0];
    if (!studio) return null;
    const funding = years.map((year) => {
      const y = money._entities[0]?.[`y${year}`] ?? null;
      const lectureFees = y?.spendingByCategory.find((c) => c.category === 'LECTURE_FEE')?.approved ?? '0';
      return {
        year,
        allocatedFen: y ? yuanToFen(y.allocated) : 0n,
        approvedFen: y ? yuanToFen(y.approved) : 0n,
        lectureFeeFen: yuanToFen(lectureFees),
      };
    });
    return { ...studio.metrics, funding };
  }
}

/** The calendar years a period touches. */
export function yearsOf(period: Period): number[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
