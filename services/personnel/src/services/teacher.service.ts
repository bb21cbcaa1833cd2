import { filterScope, narrowScope } from '@mingshi/auth';
import { fetchConnection, isUniqueViolation } from '@mingshi/db';
import {
  ConflictError,
  ForbiddenError,
  InputCheck,
  NotFoundError,
  emptyConnection,
  readPage,
  type Connection,
  type PageArgs,
} from '@mingshi/graphql';
import type { PersonnelContext } from '../context';
import { TeacherEntity, type RuralServiceRecord } from '../entities';
import type {
  CreateTeacherInput,
  RuralServiceInput,
  TeacherFilter,
  TeacherOrder,
  UpdateTeacherInput,
} from '../generated/resolvers-types';
import { isMobilePhone } from '../rules/contact';
import { readNationalId } from '../rules/national-id';
import { canManageTeachersAt, canReadTeachers } from '../rules/permissions';
import { getSchool } from './school.service';
import { applyTeacherCriteria, readTeacherFilter } from './teacher-filter';
import { nameSearchReading, readsNameIndex } from './teacher-name-search';
import { teacherKeyset } from './teacher-order';

/** A teacher's name as on their ID card: Chinese names are 2–4 characters, minority names longer. */
const MAX_TEACHER_NAME = 50;
const MAX_PLACE = 100;
/** Periods of rural service (支教, 交流轮岗) one career holds: a few, never dozens. */
const MAX_RURAL_SERVICE_PERIODS = 20;

/**
 * Teachers visible to the caller, filtered, ordered by name unless `orderBy` says otherwise. As
 * with schools, a filter region outside the caller's scope is refused at the top level and empty
 * when nested under a region; likewise for a role that reads no teachers, so that a nested list it
 * may not read empties instead of nulling the region or school around it.
 */
export async function listTeachers(
  ctx: PersonnelContext,
  filter: TeacherFilter | null | undefined,
  pageArgs: PageArgs & { orderBy?: readonly TeacherOrder[] | null },
  options: { refuseOutOfScope: boolean } = { refuseOutOfScope: true },
): Promise<Connection<TeacherEntity>> {
  if (!options.refuseOutOfScope && !canReadTeachers(ctx.principal)) return emptyConnection();
  assertMayRead(ctx);
  const page = readPage(pageArgs);
  const criteria = readTeacherFilter(filter);
  const keyset = teacherKeyset(pageArgs.orderBy, criteria.year);
  const range = options.refuseOutOfScope
    ? filterScope(ctx.principal, filter?.regionCode, 'filter.regionCode')
    : narrowScope(ctx.principal, filter?.regionCode);
  if (!range) return emptyConnection();
  const manager = await ctx.tx.manager();
  // A county's range is one code. Said as an equality, (region_code, name, id) hands its teachers
  // over in name order; as a range, PostgreSQL walks the province's names to find the county's.
  const query = manager
    .getRepository(TeacherEntity)
    .createQueryBuilder('t')
    .where(range.lo === range.hi ? 't.region_code = :lo' : 't.region_code BETWEEN :lo AND :hi', range);
  applyTeacherCriteria(query, 't', criteria, ctx.settings.requiredTrainingHours, range, {
    readsHours: keyset.readsHours,
  });
  if (!readsNameIndex(criteria, range)) return fetchConnection(query, page, keyset);
  // A wide name search pages and counts through the name index where it can (teacher-name-search.ts).
  const search = nameSearchReading(manager, 't', criteria, range, keyset);
  const connection = await fetchConnection(query, page, search.keyset);
  return search.count ? { ...connection, totalCount: search.count } : connection;
}

/**
 * A teacher the caller may see, or NOT_FOUND (out of scope and absent look the same). `field`
 * names the argument or input field the id came from (a lookup's own `id` unless told).
 */
export async function getTeacher(ctx: PersonnelContext, id: string, field = 'id'): Promise<TeacherEntity> {
  assertMayRead(ctx);
  const teacher = await ctx.loaders.teacher.load(id);
  if (!teacher) throw new NotFoundError('Teacher', id, field);
  return teacher;
}

export async function createTeacher(
  ctx: PersonnelContext,
  input: CreateTeacherInput,
): Promise<TeacherEntity> {
  const check = new InputCheck('input');
  const name = check.text(input.name, 'name', MAX_TEACHER_NAME);
  const nationalId = input.nationalId.trim().toUpperCase();
  const id = readNationalId(nationalId);
  if (!id.ok) check.refuse('nationalId', id.reason);
  else if (input.gender && input.gender !== id.facts.gender) {
    check.refuse('gender', `${input.gender} contradicts the national ID number`);
  }
  const phone = readPhone(check, input.phone);
  const ruralService = readRuralService(check, input.ruralService ?? []);
  check.done();
  // done() refused an ID that could not be read, so its facts are there.
  const facts = id.ok ? id.facts : null;

  const school = await getSchool(ctx, input.schoolId, 'input.schoolId');
  if (!canManageTeachersAt(ctx.principal, school)) {
    throw new ForbiddenError(
      'Only an education office covering the school, or its administrator, may register teachers',
    );
  }

  try {
    return await ctx.tx.atomically((manager) =>
      manager.getRepository(TeacherEntity).save(
        manager.getRepository(TeacherEntity).create({
          name,
          nationalId,
          gender: facts!.gender,
          birthDate: facts!.birthDate,
          phone,
          schoolId: school.id,
          regionCode: school.regionCode,
          subject: input.subject,
          stage: input.stage,
          rank: input.rank,
          ruralService,
        }),
      ),
    );
  } catch (error) {
    if (isUniqueViolation(error, 'teacher_national_id_key')) {
      throw new ConflictError('A teacher with this national ID number is already registered');
    }
    throw error;
  }
}

export async function updateTeacher(
  ctx: PersonnelContext,
  teacherId: string,
  input: UpdateTeacherInput,
): Promise<TeacherEntity> {
  const check = new InputCheck('input');
  const changes: Partial<TeacherEntity> = {};
  if (input.name != null) changes.name = check.text(input.name, 'name', MAX_TEACHER_NAME);
  if (input.phone != null) changes.phone = readPhone(check, input.phone);
  if (input.subject != null) changes.subject = input.subject;
  if (input.stage != null) changes.stage = input.stage;
  if (input.rank != null) changes.rank = input.rank;
  if (input.ruralService != null) changes.ruralService = readRuralService(check, input.ruralService);
  check.done();

  const teacher = await getTeacher(ctx, teacherId);
  const current = { id: teacher.schoolId, regionCode: teacher.regionCode };
  if (!canManageTeachersAt(ctx.principal, current)) {
    throw new ForbiddenError(
      "Only an education office covering the teacher's school, or its administrator, may change this teacher",
    );
  }
  if (input.schoolId != null && input.schoolId !== teacher.schoolId) {
    const target = await getSchool(ctx, input.schoolId, 'input.schoolId');
    if (!canManageTeachersAt(ctx.principal, target)) {
      throw new ForbiddenError('Moving a teacher needs authority over the receiving school as well');
    }
    changes.schoolId = target.id;
    changes.regionCode = target.regionCode;
  }
  const updated = await ctx.tx.atomically((manager) =>
    manager.getRepository(TeacherEntity).save({ ...teacher, ...changes }),
  );
  ctx.loaders.teacher.clear(teacherId).prime(teacherId, updated);
  return updated;
}

export function assertMayRead(ctx: PersonnelContext): void {
  if (!canReadTeachers(ctx.principal)) throw new ForbiddenError('Your role may not read teacher records');
}

/** A mainland mobile number, read with the spaces and dashes people type removed. */
function readPhone(check: InputCheck, value: string): string {
  const phone = value.replace(/[\s-]/g, '');
  if (!isMobilePhone(phone))
    check.refuse('phone', 'must be a mainland mobile number: 11 digits starting 13–19');
  return phone;
}

function readRuralService(check: InputCheck, periods: RuralServiceInput[]): RuralServiceRecord[] {
  check.list(periods, 'ruralService', { max: MAX_RURAL_SERVICE_PERIODS });
  return periods.map((period, i) => {
    const at = check.at(`ruralService[${i}]`);
    const place = at.text(period.place, 'place', MAX_PLACE);
    const startDate = at.pastDate(period.startDate, 'startDate');
    const endDate = period.endDate ?? null;
    if (endDate !== null && !at.failed('startDate') && endDate < startDate) {
      at.refuse('endDate', 'is before its startDate');
    }
    return { place, startDate, endDate };
  });
}
