import type { CertificateIssued, EventHandler } from '@mingshi/events';

/**
 * 结业证书 → 继续教育学时: a completion certificate's hours are credited to the teacher's record.
 * Idempotent twice over: the consumer's inbox skips a redelivered event, and the certificate id is
 * the record's unique source_ref, so even a replayed event with a new id credits once.
 */
export const creditCertificateHours: EventHandler<CertificateIssued> = async (manager, { payload }) => {
  const teacher: unknown[] = await manager.query(`SELECT 1 FROM personnel.teacher WHERE id = $1`, [
    payload.teacherId,
  ]);
  // A certificate for a teacher personnel does not know must not vanish silently: fail and retry.
  if (teacher.length === 0) {
    throw new Error(`certificate ${payload.certificateNumber} names unknown teacher ${payload.teacherId}`);
  }
  const credit = certificateCredit({ id: payload.certificateId, number: payload.certificateNumber });
  await manager.query(
    `INSERT INTO personnel.training_record (teacher_id, year, hours, source, description, source_ref, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (source_ref) WHERE source_ref IS NOT NULL DO NOTHING`,
    [
      payload.teacherId,
      payload.year,
      payload.hours,
      credit.source,
      credit.description,
      credit.sourceRef,
      credit.recordedBy,
    ],
  );
};

/**
 * How a certificate's hours read in the teacher's record; `sourceRef` is what makes them count once.
 * The data generator writes certificates' credits the same way.
 */
export function certificateCredit(certificate: { id: string; number: string }) {
  return {
    source: 'STUDIO_CERTIFICATE',
    description: `名师工作室结业证书 ${certificate.number}`,
    sourceRef: `certificate:${certificate.id}`,
    recordedBy: 'workshop',
  } as const;
}
