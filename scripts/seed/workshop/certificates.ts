import {
  certificateHoursProblem,
  certificateNumber,
  certificateYearProblem,
  completedCycle,
} from '../../../services/workshop/src/rules/certificates';
import { certificateCredit } from '../../../services/personnel/src/consumers/credit-certificate-hours';
import { cycleEndYear } from '../../../services/workshop/src/rules/workshop-lifecycle';
import { addDays, chinaTime, dayBetween } from '../calendar';
import type { TrainingRecordPlan } from '../personnel';
import { Random, stableUuid } from '../random';
import { addTo } from './collections';
import type { StudioPlan } from './studios';
import type { TeamPlan } from './team';

export interface CertificatePlan {
  id: string;
  number: string;
  /** The issuing jurisdiction: the studio's region. */
  regionCode: string;
  workshopId: string;
  teacherId: string;
  cycleStartYear: number;
  hours: number;
  year: number;
  issuedOn: string;
}

/** The last number issued per jurisdiction and cycle, as issuing leaves workshop.certificate_counter. */
export interface CertificateCounterPlan {
  regionCode: string;
  year: number;
  lastNumber: number;
}

export interface CertificateSeed {
  certificates: CertificatePlan[];
  counters: CertificateCounterPlan[];
  /** The hours each certificate credits in personnel, as its event's consumer records them. */
  credits: TrainingRecordPlan[];
}

/** Most trainees who complete a cycle are certified; the rest fell short of its requirements. */
const CERTIFIED = 0.85;

/**
 * Completion certificates (结业证书) for the first cycle of every studio that concluded it: issued by
 * its office while the studio was CONCLUDED — after the conclusion, before a renewal or
 * reorganization — to trainees whose place was still open then (completedCycle). Numbers count up
 * per jurisdiction and cycle in order of issue (certificateNumber), the counter holds the last,
 * and each certificate's hours are credited to its teacher as the personnel consumer credits them.
 */
export function planCertificates(
  studios: readonly { studio: StudioPlan; team: TeamPlan }[],
): CertificateSeed {
  const issued = new Map<string, Omit<CertificatePlan, 'number'>[]>();
  for (const { studio, team } of studios) {
    const { concludedOn, nextCycle } = studio.lifecycle;
    if (!concludedOn) continue;
    const random = new Random(`${studio.key}:certificates`);
    const startYear = studio.lifecycle.cycles[0]!.startYear;
    const lastIssuingDay = nextCycle ? addDays(nextCycle.on, -1) : addDays(concludedOn, 60);
    for (const trainee of team.trainees[0]!) {
      const stayed = trainee.leftOn === null || trainee.leftOn >= concludedOn;
      if (!stayed || !completedCycle(trainee, startYear) || !random.chance(CERTIFIED)) continue;
      const hours = random.stepped(60, 150, 0.5);
      const year = cycleEndYear(startYear);
      const problem = certificateHoursProblem(hours) ?? certificateYearProblem(year, startYear);
      if (problem) throw new Error(`certificate for ${trainee.id}: ${problem}`);
      addTo(issued, `${studio.jurisdiction.code}:${startYear}`, {
        id: stableUuid(`${studio.key}:certificate:${trainee.id}`),
        regionCode: studio.jurisdiction.code,
        workshopId: studio.id,
        teacherId: trainee.teacher.id,
        cycleStartYear: startYear,
        hours,
        year,
        issuedOn: dayBetween(random, addDays(concludedOn, 3), lastIssuingDay),
      });
    }
  }
  const seed: CertificateSeed = { certificates: [], counters: [], credits: [] };
  for (const series of issued.values()) {
    series.sort((a, b) => a.issuedOn.localeCompare(b.issuedOn) || a.id.localeCompare(b.id));
    for (const [n, draft] of series.entries()) {
      const certificate = {
        ...draft,
        number: certificateNumber(draft.regionCode, draft.cycleStartYear, n + 1),
      };
      seed.certificates.push(certificate);
      seed.credits.push({
        id: stableUuid(`certificate-credit:${certificate.id}`),
        teacherId: certificate.teacherId,
        year: certificate.year,
        hours: certificate.hours,
        ...certificateCredit(certificate),
        recordedAt: chinaTime(certificate.issuedOn, '10:05'),
      });
    }
    const { regionCode, cycleStartYear } = series[0]!;
    seed.counters.push({ regionCode, year: cycleStartYear, lastNumber: series.length });
  }
  return seed;
}
