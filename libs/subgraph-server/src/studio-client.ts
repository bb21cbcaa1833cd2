import type { RegionLevel } from '@mingshi/auth';
import type { SubgraphContext } from './context';
import type { SubgraphClient } from './subgraph-client';

/** TEACHER, PRINCIPAL or HEAD_TEACHER (名师, 名校长, 名班主任), as the workshop subgraph's enum. */
export type StudioType = 'TEACHER' | 'PRINCIPAL' | 'HEAD_TEACHER';

/**
 * What most rules outside the workshop subgraph need to know of a studio: its level, jurisdiction
 * and status. Asking only for these fields keeps the workshop subgraph from asking personnel about
 * the host and the school.
 */
export interface StudioState {
  id: string;
  level: RegionLevel;
  type: StudioType;
  status: string;
  /** The founding jurisdiction. */
  regionCode: string;
}

/** A studio with its people: who hosts it and which school it is based at (and paid through). */
export interface Studio extends StudioState {
  /** Null when the host school lies outside the caller's scope. */
  hostSchoolId: string | null;
  /** The current host's teacher id; null when the host's membership has ended. */
  hostTeacherId: string | null;
}

const STUDIOS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Workshop { id level type status region { code } hostSchool { id } host { id } }
  }
}`;

const STUDIO_STATES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Workshop { id level type status region { code } }
  }
}`;

const SCHOOL_REGIONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on School { id region { code } } }
}`;

const HOSTED_STUDIOS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Teacher { workshopMemberships(activeOnly: true) { role workshop { id } } }
  }
}`;

interface StudioResult {
  id: string;
  level: RegionLevel;
  type: StudioType;
  status: string;
  region: { code: string };
  hostSchool: { id: string } | null;
  host: { id: string } | null;
}

/**
 * Asks the workshop and personnel subgraphs about studios and schools with the caller's own
 * identity, one `_entities` call per batch: a studio the caller may not see comes back null, as if
 * it did not exist. Callers keep no copy of another service's data; what they record (the host
 * school an allocation pays, an assessment's studio level) is their own fact at the time.
 */
export class StudioClient {
  constructor(
    private readonly workshop: SubgraphClient,
    private readonly personnel: SubgraphClient,
  ) {}

  async studios(ctx: SubgraphContext, ids: readonly string[]): Promise<(Studio | null)[]> {
    const data = await this.workshop.request<{ _entities: (StudioResult | null)[] }>(ctx, STUDIOS, {
      representations: ids.map((id) => ({ __typename: 'Workshop', id })),
    });
    return data._entities.map((s) =>
      s
        ? {
            id: s.id,
            level: s.level,
            type: s.type,
            status: s.status,
            regionCode: s.region.code,
            hostSchoolId: s.hostSchool?.id ?? null,
            hostTeacherId: s.host?.id ?? null,
          }
        : null,
    );
  }

  async states(ctx: SubgraphContext, ids: readonly string[]): Promise<(StudioState | null)[]> {
    const data = await this.workshop.request<{
      _entities: (Omit<StudioResult, 'hostSchool' | 'host'> | null)[];
    }>(ctx, STUDIO_STATES, { representations: ids.map((id) => ({ __typename: 'Workshop', id })) });
    return data._entities.map((s) =>
      s ? { id: s.id, level: s.level, type: s.type, status: s.status, regionCode: s.region.code } : null,
    );
  }

  /** The county of each school, null for a school the caller may not see. */
  async schoolRegions(ctx: SubgraphContext, ids: readonly string[]): Promise<(string | null)[]> {
    const data = await this.personnel.request<{ _entities: ({ region: { code: string } } | null)[] }>(
      ctx,
      SCHOOL_REGIONS,
      { representations: ids.map((id) => ({ __typename: 'School', id })) },
    );
    return data._entities.map((s) => s?.region.code ?? null);
  }

  /** The studios a teacher currently hosts (at most one, by the workshop's rules). */
  async hostedStudioIds(ctx: SubgraphContext, teacherId: string): Promise<string[]> {
    const data = await this.workshop.request<{
      _entities: ({ workshopMemberships: { role: string; workshop: { id: string } | null }[] } | null)[];
    }>(ctx, HOSTED_STUDIOS, { representations: [{ __typename: 'Teacher', id: teacherId }] });
    return (data._entities[0]?.workshopMemberships ?? [])
      .filter((m) => m.role === 'HOST' && m.workshop)
      .map((m) => m.workshop!.id);
  }
}
