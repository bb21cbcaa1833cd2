import type { ConsequenceKind, Grade, RoundKind } from '../generated/resolvers-types';

/**
 * What a final result means for a studio (动态管理), as the seeds' notices put it: 优秀 keeps its
 * support and is rewarded (paid through the office's allocation when the round names an amount);
 * 基本合格 rectifies by a deadline and is assessed again; 不合格 loses its status and its remaining
 * funds are frozen. At the end of the three-year cycle, 优秀 and 合格 studios are retained for the
 * next cycle (续建) and 不合格 ones are reorganised with their members replaced (重组) rather than
 * revoked. A follow-up (整改复评) either accepts the rectification or, below 合格, revokes.
 */
export function consequencesOf(grade: Grade, kind: RoundKind, hasRewardAmount: boolean): ConsequenceKind[] {
  if (kind === 'FOLLOW_UP') {
    return grade === 'EXCELLENT' || grade === 'QUALIFIED' ? ['RESTORE'] : ['REVOKE', 'FREEZE_FUNDS'];
  }
  const termEnd = kind === 'TERM_END';
  switch (grade) {
    case 'EXCELLENT':
      return [
        'REWARD',
        ...(hasRewardAmount ? (['REWARD_ALLOCATION'] as const) : []),
        ...(termEnd ? (['RETAIN'] as const) : []),
      ];
    case 'QUALIFIED':
      return termEnd ? ['RETAIN'] : [];
    case 'BASIC':
      return ['RECTIFY', 'FOLLOW_UP'];
    case 'UNQUALIFIED':
      return termEnd ? ['REORGANISE'] : ['REVOKE', 'FREEZE_FUNDS'];
  }
}

/** Which service carries out each consequence; `evaluation` ones are done here. */
export const CARRIED_OUT_BY: Record<ConsequenceKind, 'workshop' | 'finance' | 'evaluation'> = {
  REWARD: 'evaluation',
  FOLLOW_UP: 'evaluation',
  REWARD_ALLOCATION: 'finance',
  FREEZE_FUNDS: 'finance',
  RECTIFY: 'workshop',
  REVOKE: 'workshop',
  RETAIN: 'workshop',
  REORGANISE: 'workshop',
  RESTORE: 'workshop',
};
