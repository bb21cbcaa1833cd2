import type { EntityManager } from 'typeorm';
import type { PersonnelContext } from '../context';
import type { TeacherEntity } from '../entities';
import { maskNationalId, maskPhone } from '../rules/contact';
import { canSeePersonalData } from '../rules/permissions';

/** Who read personal data, as recorded in personnel.personal_data_access. */
export interface PersonalDataReader {
  actorId: string;
  actorRoles: string[];
  requestId: string;
}

/** One unmasked read of one field of one teacher. */
export interface PersonalDataRead {
  teacherId: string;
  field: string;
}

const MASKS = { nationalId: maskNationalId, phone: maskPhone } as const;

export type PersonalField = keyof typeof MASKS;

/**
 * A personal field as this caller may see it: masked, or unmasked and audited. The audit row is
 * written in the request's transaction before the value is returned, so a read that could not be
 * logged is not served.
 */
export async function readPersonalField(
  ctx: PersonnelContext,
  teacher: TeacherEntity,
  field: PersonalField,
): Promise<string> {
  const value = teacher[field];
  if (!canSeePersonalData(ctx.principal, teacher)) return MASKS[field](value);
  await ctx.loaders.personalDataRead.load(`${teacher.id}:${field}`);
  return value;
}

export async function writePersonalDataReads(
  manager: EntityManager,
  reader: PersonalDataReader,
  reads: PersonalDataRead[],
): Promise<void> {
  await manager.query(
    `INSERT INTO personnel.personal_data_access (teacher_id, field, actor_id, actor_roles, request_id)
     SELECT r.teacher_id, r.field, $3, $4::text[], $5
     FROM unnest($1::uuid[], $2::varchar[]) AS r(teacher_id, field)`,
    [
      reads.map((r) => r.teacherId),
      reads.map((r) => r.field),
      reader.actorId,
      reader.actorRoles,
      reader.requestId,
    ],
  );
}
