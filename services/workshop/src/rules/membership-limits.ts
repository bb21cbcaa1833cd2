import type { MembershipRole } from '../generated/resolvers-types';

/**
 * Who may join a studio's team: a teacher holds one open place in a studio at a time (host,
 * member or trainee), and the numbers of members (成员) and trainees (学员) are capped per studio
 * (configurable: MAX_MEMBERS, MAX_TRAINEES; DEFAULT_MEMBERSHIP_LIMITS otherwise).
 */
/** The caps when not configured: 12 members and 30 trainees per studio. */
export const DEFAULT_MEMBERSHIP_LIMITS = { MEMBER: 12, TRAINEE: 30 } as const;

export interface OpenMembership {
  teacherId: string;
  role: MembershipRole;
}

const ROLE_WORDS: Record<MembershipRole, string> = {
  HOST: 'the host (主持人)',
  MEMBER: 'a member (成员)',
  TRAINEE: 'a trainee (学员)',
};

/** A role as a sentence names it: "already a member (成员) of this studio". */
export function describeRole(role: MembershipRole): string {
  return ROLE_WORDS[role];
}

const ROLE_PLURALS: Record<Exclude<MembershipRole, 'HOST'>, string> = {
  MEMBER: 'members (成员)',
  TRAINEE: 'trainees (学员)',
};

/** Why `teacherId` cannot join as `role`, given the studio's open memberships; null when they can. */
export function joiningProblem(
  open: readonly OpenMembership[],
  teacherId: string,
  role: Exclude<MembershipRole, 'HOST'>,
  limit: number,
): string | null {
  const existing = open.find((membership) => membership.teacherId === teacherId);
  if (existing) return `This teacher is already ${describeRole(existing.role)} of this studio`;
  const count = open.filter((membership) => membership.role === role).length;
  if (count >= limit) return `The studio already has the most ${ROLE_PLURALS[role]} allowed (${limit})`;
  return null;
}
