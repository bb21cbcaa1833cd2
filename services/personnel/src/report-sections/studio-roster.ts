import type { MembershipEntry, SchoolEntry, StudioEntry, TeacherEntry } from '@mingshi/reports';
import { maskPhone } from '../rules/contact';
import type { PersonnelSectionContext } from './context';
import { auditReportReads, showsPersonalData } from './personal-data';

/** Ids per lookup: one statement per thousand teachers, never one per teacher. */
const LOOKUP_CHUNK = 1000;

function* chunks(ids: Set<string>): Iterable<string[]> {
  const all = [...ids];
  for (let start = 0; start < all.length; start += LOOKUP_CHUNK) yield all.slice(start, start + LOOKUP_CHUNK);
}

const TEACHERS = `
  SELECT t.id, t.name, t.gender, t.school_id AS "schoolId", t.subject, t.rank, t.phone
  FROM personnel.teacher t
  WHERE t.id = ANY($1::uuid[])
  ORDER BY t.name, t.id`;

const SCHOOLS = `
  SELECT s.id, s.name, s.region_code AS "regionCode", s.rural, s.weak
  FROM personnel.school s
  WHERE s.id = ANY($1::uuid[])
  ORDER BY s.name, s.id`;

/**
 * `teachers` and `schools` of a studio roster: the people the workshop section lists (hosts and
 * memberships) and the host schools and the listed teachers' schools. Row-level security answers
 * only those the requester may see: a member from outside the scope is simply not named.
 */
export async function emitStudioRoster(ctx: PersonnelSectionContext): Promise<void> {
  const teacherIds = new Set<string>();
  const schoolIds = new Set<string>();
  for await (const studio of ctx.inputRows<StudioEntry>('workshop', 'studios')) {
    if (studio.hostTeacherId) teacherIds.add(studio.hostTeacherId);
    if (studio.hostSchoolId) schoolIds.add(studio.hostSchoolId);
  }
  for await (const membership of ctx.inputRows<MembershipEntry>('workshop', 'memberships')) {
    teacherIds.add(membership.teacherId);
  }
  await ctx.progress(30);

  const shown = showsPersonalData(ctx);
  for (const ids of chunks(teacherIds)) {
    if (shown) {
      await auditReportReads(
        ctx,
        'phone',
        `SELECT t.id AS teacher_id FROM personnel.teacher t WHERE t.id = ANY($1::uuid[])`,
        [ids],
      );
    }
    const teachers: (TeacherEntry & { phone: string })[] = await ctx.manager.query(TEACHERS, [ids]);
    for (const teacher of teachers) {
      schoolIds.add(teacher.schoolId);
      await ctx.emit('teachers', {
        ...teacher,
        phone: shown ? teacher.phone : maskPhone(teacher.phone),
      });
    }
  }
  await ctx.progress(70);

  for (const ids of chunks(schoolIds)) {
    const schools: SchoolEntry[] = await ctx.manager.query(SCHOOLS, [ids]);
    for (const school of schools) await ctx.emit('schools', school);
  }
}
