import type { ConsequenceKind, Grade, RoundKind } from '../generated/resolvers-types';
import { CARRIED_OUT_BY, consequencesOf } from './consequences';

/**
 * 动态管理 as the notices put it, one row per grade and round kind: what a final result means
 * without a reward amount, and with one.
 */
const TABLE: [Grade, RoundKind, ConsequenceKind[], ConsequenceKind[]][] = [
  ['EXCELLENT', 'ANNUAL', ['REWARD'], ['REWARD', 'REWARD_ALLOCATION']],
  ['EXCELLENT', 'MIDTERM', ['REWARD'], ['REWARD', 'REWARD_ALLOCATION']],
  ['EXCELLENT', 'TERM_END', ['REWARD', 'RETAIN'], ['REWARD', 'REWARD_ALLOCATION', 'RETAIN']],
  ['EXCELLENT', 'FOLLOW_UP', ['RESTORE'], ['RESTORE']],
  ['QUALIFIED', 'ANNUAL', [], []],
  ['QUALIFIED', 'MIDTERM', [], []],
  ['QUALIFIED', 'TERM_END', ['RETAIN'], ['RETAIN']],
  ['QUALIFIED', 'FOLLOW_UP', ['RESTORE'], ['RESTORE']],
  ['BASIC', 'ANNUAL', ['RECTIFY', 'FOLLOW_UP'], ['RECTIFY', 'FOLLOW_UP']],
  ['BASIC', 'MIDTERM', ['RECTIFY', 'FOLLOW_UP'], ['RECTIFY', 'FOLLOW_UP']],
  ['BASIC', 'TERM_END', ['RECTIFY', 'FOLLOW_UP'], ['RECTIFY', 'FOLLOW_UP']],
  // A follow-up is the second chance: below 合格 again, the studio loses its status.
  ['BASIC', 'FOLLOW_UP', ['REVOKE', 'FREEZE_FUNDS'], ['REVOKE', 'FREEZE_FUNDS']],
  ['UNQUALIFIED', 'ANNUAL', ['REVOKE', 'FREEZE_FUNDS'], ['REVOKE', 'FREEZE_FUNDS']],
  ['UNQUALIFIED', 'MIDTERM', ['REVOKE', 'FREEZE_FUNDS'], ['REVOKE', 'FREEZE_FUNDS']],
  // At the end of the cycle a failing studio is reorganised (重组), not revoked.
  ['UNQUALIFIED', 'TERM_END', ['REORGANISE'], ['REORGANISE']],
  ['UNQUALIFIED', 'FOLLOW_UP', ['REVOKE', 'FREEZE_FUNDS'], ['REVOKE', 'FREEZE_FUNDS']],
];

describe('consequences of a result', () => {
  it.each(TABLE)('%s in a %s round', (grade, kind, withoutReward, withReward) => {
    expect(consequencesOf(grade, kind, false)).toEqual(withoutReward);
    expect(consequencesOf(grade, kind, true)).toEqual(withReward);
  });

  it('covers every grade and round kind', () => {
    expect(new Set(TABLE.map(([grade, kind]) => `${grade} ${kind}`)).size).toBe(16);
  });

  it('has a service to carry out every consequence it names', () => {
    const named = new Set(TABLE.flatMap(([, , a, b]) => [...a, ...b]));
    for (const kind of named) expect(CARRIED_OUT_BY[kind]).toBeDefined();
    expect(CARRIED_OUT_BY).toMatchObject({
      REWARD_ALLOCATION: 'finance',
      FREEZE_FUNDS: 'finance',
      REVOKE: 'workshop',
      RECTIFY: 'workshop',
      FOLLOW_UP: 'evaluation',
    });
  });
});
