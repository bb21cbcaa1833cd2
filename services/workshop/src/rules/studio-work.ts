import type { WorkshopStatus } from '../generated/resolvers-types';

/**
 * What a studio's work (activities, research projects, outcomes, support agreements) may be
 * attached to. Shared by every kind of studio work, so "closed" means one thing everywhere.
 */

/**
 * A revoked (取消资格), dissolved (撤销) or concluded (周期结束) studio takes no new work: its record is
 * what its assessment judged, and a concluded studio's next cycle starts only when it is renewed
 * or reorganized. A PROPOSED studio (筹建) may already record work: preparation is work too.
 */
export const CLOSED_STATUSES: readonly WorkshopStatus[] = ['REVOKED', 'DISSOLVED', 'CONCLUDED'];

export function isOpenForWork(status: WorkshopStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/**
 * The schools a studio reaches out to. 送教下乡 / 送培下乡 and 帮扶协议 exist for rural (农村) and weak
 * (薄弱) schools — the seeds pair them throughout ("为薄弱学校特别是广大农村教师培训", "城镇学校与农村中小学
 * …对口帮扶", "各名师工作室和薄弱学校…签订帮扶协议"). A school with neither flag is not their target.
 */
export function isSupportTarget(school: { rural: boolean; weak: boolean }): boolean {
  return school.rural || school.weak;
}
