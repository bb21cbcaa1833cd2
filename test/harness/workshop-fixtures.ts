import { Role } from '@mingshi/auth';
import { createSchool, createTeacher } from './fixtures';
import type { GraphCaller, TokenRequest } from './system';

type Level = 'COUNTY' | 'CITY' | 'PROVINCE';

const OFFICE: Record<Level, Role> = {
  COUNTY: Role.COUNTY_OFFICE,
  CITY: Role.CITY_OFFICE,
  PROVINCE: Role.PROVINCE_OFFICE,
};

/** The jurisdiction code of a studio level that contains `countyCode`. */
export function jurisdiction(level: Level, countyCode: string): string {
  if (level === 'COUNTY') return countyCode;
  if (level === 'CITY') return `${countyCode.slice(0, 4)}00`;
  return `${countyCode.slice(0, 2)}0000`;
}

/** The office that founds and manages studios of `level` over `countyCode`. */
export function officeOf(level: Level, countyCode: string): TokenRequest {
  return { role: OFFICE[level], region: jurisdiction(level, countyCode) };
}

/** Awards a talent title through the graph, as the province office (which may award any level). */
export async function awardTitle(
  system: GraphCaller,
  teacherId: string,
  regionCode: string,
  kind = 'BACKBONE_TEACHER',
  level = 'COUNTY',
  year = 2022,
): Promise<void> {
  const r = await system.gql(
    { role: Role.PROVINCE_OFFICE, region: `${regionCode.slice(0, 2)}0000` },
    `mutation ($input: AwardTalentTitleInput!) { awardTalentTitle(input: $input) { id } }`,
    { input: { teacherId, kind, level, year } },
  );
  if (r.errors) throw new Error(`awardTalentTitle failed: ${JSON.stringify(r.errors)}`);
}

export interface Studio {
  id: string;
  level: Level;
  regionCode: string;
  school: { id: string };
  host: { id: string; name: string };
  /** The management office of the studio's level. */
  office: TokenRequest;
  /** The host acting as themself. */
  hostCaller: TokenRequest;
}

/**
 * A studio as an office would set one up through the graph: a school and a host teacher in
 * `countyCode` (new ones unless given), the host awarded a title that qualifies at any level
 * (市级学科带头人), the studio founded by the office of its level and — unless `status` says
 * PROPOSED — activated.
 */
export async function foundStudio(
  system: GraphCaller,
  options: {
    countyCode?: string;
    level?: Level;
    name?: string;
    /** 名师 (TEACHER, the default), 名校长 (PRINCIPAL) or 名班主任 (HEAD_TEACHER). */
    type?: 'TEACHER' | 'PRINCIPAL' | 'HEAD_TEACHER';
    status?: 'PROPOSED' | 'ACTIVE';
    cycleStartYear?: number;
    /** An existing school of `countyCode` to base the studio at. */
    school?: { id: string };
    /** An existing teacher of `countyCode` to appoint host. */
    host?: { id: string; name: string };
  } = {},
): Promise<Studio> {
  const countyCode = options.countyCode ?? '510403';
  const level = options.level ?? 'COUNTY';
  const school = options.school ?? (await createSchool(system, countyCode));
  const host = options.host ?? (await createTeacher(system, school, countyCode));
  await awardTitle(system, host.id, countyCode, 'SUBJECT_LEADER', 'CITY');
  const office = officeOf(level, countyCode);
  const founded = await system.gql<{ foundWorkshop: { id: string } }>(
    office,
    `mutation ($input: FoundWorkshopInput!) { foundWorkshop(input: $input) { id } }`,
    {
      input: {
        name: options.name ?? `${host.name}名师工作室`,
        type: options.type ?? 'TEACHER',
        subject: 'MATHEMATICS',
        stage: 'PRIMARY',
        hostSchoolId: school.id,
        hostTeacherId: host.id,
        cycleStartYear: options.cycleStartYear ?? 2024,
      },
    },
  );
  if (!founded.data?.foundWorkshop)
    throw new Error(`foundWorkshop failed: ${JSON.stringify(founded.errors)}`);
  const id = founded.data.foundWorkshop.id;
  if ((options.status ?? 'ACTIVE') === 'ACTIVE') {
    const activated = await system.gql(
      office,
      `mutation ($input: ChangeWorkshopStatusInput!) { changeWorkshopStatus(input: $input) { status } }`,
      { input: { workshopId: id, to: 'ACTIVE', reason: '批准成立' } },
    );
    if (activated.errors) throw new Error(`activation failed: ${JSON.stringify(activated.errors)}`);
  }
  return {
    id,
    level,
    regionCode: jurisdiction(level, countyCode),
    school,
    host,
    office,
    hostCaller: { role: Role.HOST, region: jurisdiction(level, countyCode), teacherId: host.id },
  };
}
