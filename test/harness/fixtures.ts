import { Role } from '@mingshi/auth';
import { composeNationalId } from '../../services/personnel/src/rules/national-id';
import type { GraphCaller } from './system';

let sequence = 0;

/** A valid, unique national ID number for a teacher born in `regionCode`. */
export function nationalId(regionCode = '510403', gender: 'MALE' | 'FEMALE' = 'FEMALE'): string {
  sequence += 1;
  const year = 1970 + (sequence % 30);
  const day = String(1 + (Math.floor(sequence / 30) % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(sequence / 840) % 12)).padStart(2, '0');
  return composeNationalId(regionCode, `${year}-${month}-${day}`, sequence + process.pid, gender);
}

/** The province office of a county's province: it may create anything in that county. */
function provinceOf(regionCode: string) {
  return { role: Role.PROVINCE_OFFICE, region: `${regionCode.slice(0, 2)}0000` };
}

export async function createSchool(
  system: GraphCaller,
  regionCode: string,
  fields: Partial<{ name: string; rural: boolean; weak: boolean; stages: string[] }> = {},
): Promise<{ id: string; name: string }> {
  const result = await system.gql<{ createSchool: { id: string; name: string } }>(
    provinceOf(regionCode),
    `mutation ($input: CreateSchoolInput!) { createSchool(input: $input) { id name } }`,
    {
      input: {
        name: fields.name ?? `测试学校${++sequence}`,
        regionCode,
        stages: fields.stages ?? ['PRIMARY'],
        rural: fields.rural ?? false,
        weak: fields.weak ?? false,
      },
    },
  );
  if (!result.data?.createSchool) throw new Error(`createSchool failed: ${JSON.stringify(result.errors)}`);
  return result.data.createSchool;
}

export async function createTeacher(
  system: GraphCaller,
  school: { id: string },
  regionCode: string,
  fields: Partial<{
    name: string;
    subject: string;
    stage: string;
    rank: string;
    phone: string;
    nationalId: string;
  }> = {},
): Promise<{ id: string; name: string; nationalId: string; phone: string }> {
  const input = {
    name: fields.name ?? `教师${++sequence}`,
    nationalId: fields.nationalId ?? nationalId(regionCode),
    phone: fields.phone ?? `138${String(10000000 + sequence).slice(-8)}`,
    schoolId: school.id,
    subject: fields.subject ?? 'MATHEMATICS',
    stage: fields.stage ?? 'PRIMARY',
    rank: fields.rank ?? 'FIRST_GRADE',
  };
  const result = await system.gql<{ createTeacher: { id: string; name: string } }>(
    provinceOf(regionCode),
    `mutation ($input: CreateTeacherInput!) { createTeacher(input: $input) { id name } }`,
    { input },
  );
  if (!result.data?.createTeacher) throw new Error(`createTeacher failed: ${JSON.stringify(result.errors)}`);
  return { ...result.data.createTeacher, nationalId: input.nationalId, phone: input.phone };
}
