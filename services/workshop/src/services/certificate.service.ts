import type { CertificateIssued } from '@mingshi/events';
import { recordEvent } from '@mingshi/events';
import { isUniqueViolation } from '@mingshi/db';
import { BadUserInputError, ConflictError, ForbiddenError, InputCheck, chinaToday } from '@mingshi/graphql';
import type { WorkshopContext } from '../context';
import { WORKSHOP_SCHEMA } from '../data-source';
import { CertificateEntity } from '../entities';
import type { IssueCertificateInput } from '../generated/resolvers-types';
import {
  CERTIFYING_STATUSES,
  certificateHoursProblem,
  certificateNumber,
  certificateYearProblem,
  completedCycle,
} from '../rules/certificates';
import { isOfficeOfLevel } from '@mingshi/auth';
import { findVisibleTeacher, getWorkshop } from './workshop.service';

/**
 * Issues a numbered completion certificate to a trainee who completed the studio's cycle. The
 * certificate and its `workshop.certificate-issued` event are written in one transaction (outbox);
 * the relay then carries the event to personnel, which credits the hours once.
 */
export async function issueCertificate(
  ctx: WorkshopContext,
  input: IssueCertificateInput,
): Promise<CertificateEntity> {
  const check = new InputCheck('input');
  check.expect('hours', certificateHoursProblem(input.hours));
  check.done();

  const workshop = await getWorkshop(ctx, input.workshopId, 'input.workshopId');
  if (!isOfficeOfLevel(ctx.principal, workshop)) {
    throw new ForbiddenError(
      "Only the management office of the studio's level issues its completion certificates",
    );
  }
  // The year is read against the studio's cycle, so only once the studio is known.
  const yearProblem = certificateYearProblem(input.year, workshop.cycleStartYear);
  if (yearProblem) throw new BadUserInputError(`input.year ${yearProblem}`, 'input.year');

  const memberships = (await ctx.loaders.membershipsByWorkshop.load(workshop.id)).filter(
    (m) => m.teacherId === input.teacherId,
  );
  // Nobody on the team by that id: say whether the id names a teacher at all (personnel is asked
  // only then), so a mistyped id is NOT_FOUND naming the field rather than a refusal of the state.
  if (memberships.length === 0) await findVisibleTeacher(ctx, input.teacherId, 'input.teacherId');
  if (!(CERTIFYING_STATUSES as readonly string[]).includes(workshop.status)) {
    throw new ConflictError(`A ${workshop.status} studio issues no completion certificates`);
  }
  const trainee = memberships.find((m) => m.role === 'TRAINEE' && completedCycle(m, workshop.cycleStartYear));
  if (!trainee) {
    throw new ConflictError('The teacher is not a trainee of this studio who completed its cycle');
  }

  try {
    const certificate = await ctx.tx.atomically(async (manager) => {
      const [{ last_number: sequence }] = (await manager.query(
        `INSERT INTO workshop.certificate_counter (region_code, year, last_number) VALUES ($1, $2, 1)
         ON CONFLICT (region_code, year) DO UPDATE SET last_number = certificate_counter.last_number + 1
         RETURNING last_number`,
        [workshop.regionCode, workshop.cycleStartYear],
      )) as [{ last_number: number }];
      const saved = await manager.getRepository(CertificateEntity).save(
        manager.getRepository(CertificateEntity).create({
          number: certificateNumber(workshop.regionCode, workshop.cycleStartYear, sequence),
          workshopId: workshop.id,
          teacherId: input.teacherId,
          cycleStartYear: workshop.cycleStartYear,
          hours: input.hours,
          year: input.year,
          issuedOn: chinaToday(),
          issuedBy: ctx.principal.userId,
        }),
      );
      await recordEvent<CertificateIssued>(manager, WORKSHOP_SCHEMA, workshop.regionCode, {
        type: 'workshop.certificate-issued',
        certificateId: saved.id,
        certificateNumber: saved.number,
        teacherId: saved.teacherId,
        workshopId: workshop.id,
        hours: saved.hours,
        year: saved.year,
      });
      return saved;
    });
    ctx.loaders.certificates.clear(workshop.id);
    return certificate;
  } catch (error) {
    if (isUniqueViolation(error, 'certificate_once_per_cycle')) {
      throw new ConflictError(
        `A certificate for this trainee and the ${workshop.cycleStartYear} cycle was already issued`,
      );
    }
    throw error;
  }
}
