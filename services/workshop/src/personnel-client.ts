import type { SubgraphCaller, SubgraphClient } from '@mingshi/subgraph-server';
import type { HeldTitle } from './rules/host-eligibility';

/** What workshop rules need to know of a teacher, as personnel shows it to the caller. */
export interface PersonnelTeacher {
  id: string;
  regionCode: string;
  schoolId: string;
  talentTitles: HeldTitle[];
}

/** What workshop rules need to know of a school. */
export interface PersonnelSchool {
  id: string;
  regionCode: string;
  rural: boolean;
  weak: boolean;
}

const TEACHERS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Teacher { id region { code } school { id } talentTitles { kind level } }
  }
}`;

const SCHOOLS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on School { id region { code } rural weak }
  }
}`;

interface TeacherEntityResult {
  id: string;
  region: { code: string };
  school: { id: string };
  talentTitles: HeldTitle[];
}

interface SchoolEntityResult {
  id: string;
  region: { code: string };
  rural: boolean;
  weak: boolean;
}

/**
 * Asks personnel about teachers and schools with the caller's own identity (or the system's, for
 * an event consumer), in one `_entities` call per batch. A teacher or school outside the caller's
 * scope comes back null, exactly as if it did not exist — so "the host must be a teacher in scope"
 * needs no second check here.
 */
export class PersonnelClient {
  constructor(private readonly subgraph: SubgraphClient) {}

  async teachers(caller: SubgraphCaller, ids: readonly string[]): Promise<(PersonnelTeacher | null)[]> {
    const data = await this.subgraph.request<{ _entities: (TeacherEntityResult | null)[] }>(
      caller,
      TEACHERS,
      {
        representations: ids.map((id) => ({ __typename: 'Teacher', id })),
      },
    );
    return data._entities.map((t) =>
      t ? { id: t.id, regionCode: t.region.code, schoolId: t.school.id, talentTitles: t.talentTitles } : null,
    );
  }

  async schools(caller: SubgraphCaller, ids: readonly string[]): Promise<(PersonnelSchool | null)[]> {
    const data = await this.subgraph.request<{ _entities: (SchoolEntityResult | null)[] }>(caller, SCHOOLS, {
      representations: ids.map((id) => ({ __typename: 'School', id })),
    });
    return data._entities.map((s) =>
      s ? { id: s.id, regionCode: s.region.code, rural: s.rural, weak: s.weak } : null,
    );
  }
}
