import { completedCycle } from '../../../services/workshop/src/rules/certificates';
import { planCertificates } from './certificates';
import { storyCycles } from './lifecycle';
import { AS_OF, fixture } from './test-fixtures';

describe('completion certificates', () => {
  const { studios } = fixture({ teachersPerStudio: 60 });
  const seed = planCertificates(studios);
  const studioById = new Map(studios.map((s) => [s.studio.id, s]));

  it('go to trainees of a concluded first cycle, issued while the studio was CONCLUDED', () => {
    expect(seed.certificates.length).toBeGreaterThan(0);
    for (const certificate of seed.certificates) {
      const { studio, team } = studioById.get(certificate.workshopId)!;
      const { concludedOn, nextCycle } = studio.lifecycle;
      const trainee = team.trainees[0]!.find((m) => m.teacher.id === certificate.teacherId)!;
      expect(completedCycle(trainee, certificate.cycleStartYear)).toBe(true);
      expect(certificate.issuedOn > concludedOn!).toBe(true);
      if (nextCycle) expect(certificate.issuedOn < nextCycle.on).toBe(true);
      expect(certificate.cycleStartYear).toBe(storyCycles(AS_OF).previous);
    }
  });

  it('are numbered per jurisdiction and cycle in order of issue, the counter at the last number', () => {
    const numbers = seed.certificates.map((c) => c.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const counter of seed.counters) {
      const series = seed.certificates.filter(
        (c) => c.regionCode === counter.regionCode && c.cycleStartYear === counter.year,
      );
      expect(series.map((c) => c.number)).toEqual(
        series.map((_, i) => `${counter.regionCode}-${counter.year}-${String(i + 1).padStart(4, '0')}`),
      );
      expect(counter.lastNumber).toBe(series.length);
      const days = series.map((c) => c.issuedOn);
      expect(days).toEqual([...days].sort());
    }
  });

  it('credit their hours to the teacher once, as the personnel consumer records them', () => {
    expect(seed.credits).toHaveLength(seed.certificates.length);
    for (const [i, certificate] of seed.certificates.entries()) {
      expect(seed.credits[i]).toMatchObject({
        teacherId: certificate.teacherId,
        year: certificate.year,
        hours: certificate.hours,
        source: 'STUDIO_CERTIFICATE',
        description: `名师工作室结业证书 ${certificate.number}`,
        sourceRef: `certificate:${certificate.id}`,
        recordedBy: 'workshop',
      });
    }
  });
});
