import { isHost, isOverseeingOffice, type LevelledRecord, type Principal } from '@mingshi/auth';

/**
 * Who may do studio work, beyond the offices' and hosts' rules in libs/auth (offices.ts);
 * docs/roles.md says the same in words.
 */

/** Members, activities, projects, outcomes and agreements: the host, or an overseeing office. */
export function canManageStudioWork(
  principal: Principal,
  studio: LevelledRecord,
  hostTeacherId: string | null,
): boolean {
  return isHost(principal, hostTeacherId) || isOverseeingOffice(principal, studio);
}
