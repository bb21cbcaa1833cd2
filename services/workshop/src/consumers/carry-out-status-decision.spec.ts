import { movesFor, settledDetail } from './carry-out-status-decision';

describe('the moves that carry out an assessment decision', () => {
  it('restores a rectifying studio after a passed follow-up, straight to ACTIVE', () => {
    expect(movesFor('RESTORE', 'RECTIFYING')).toEqual(['ACTIVE']);
  });

  it('moves straight to the decided status when no new cycle starts', () => {
    expect(movesFor('REVOKE', 'ACTIVE')).toEqual(['REVOKED']);
    expect(movesFor('RECTIFY', 'ACTIVE')).toEqual(['RECTIFYING']);
    expect(movesFor('REVOKE', 'RECTIFYING')).toEqual(['REVOKED']);
  });

  it('concludes a running studio before renewing or reorganising it, and a concluded one only once', () => {
    expect(movesFor('RETAIN', 'ACTIVE')).toEqual(['CONCLUDED', 'RENEWED']);
    expect(movesFor('REORGANISE', 'RECTIFYING')).toEqual(['CONCLUDED', 'REORGANIZED']);
    expect(movesFor('RETAIN', 'CONCLUDED')).toEqual(['RENEWED']);
    expect(movesFor('REORGANISE', 'CONCLUDED')).toEqual(['REORGANIZED']);
  });

  it('leaves refusing to the lifecycle rules: a closed studio is still sent through the moves', () => {
    expect(movesFor('RETAIN', 'REVOKED')).toEqual(['CONCLUDED', 'RENEWED']);
    expect(movesFor('REVOKE', 'REVOKED')).toEqual(['REVOKED']);
  });
});

describe('the answer to a carried-out decision', () => {
  const studio = { rectificationDeadline: null, cycleStartYear: 2027 };

  it('says what was done, with every status passed through', () => {
    expect(settledDetail(['ACTIVE', 'CONCLUDED', 'RENEWED'], studio)).toBe(
      '工作室已续建，新周期 2027—2029 (ACTIVE → CONCLUDED → RENEWED)',
    );
    expect(settledDetail(['RECTIFYING', 'REVOKED'], studio)).toBe('工作室已取消资格 (RECTIFYING → REVOKED)');
  });

  it('names the rectification deadline it set', () => {
    expect(
      settledDetail(['ACTIVE', 'RECTIFYING'], { rectificationDeadline: '2026-05-20', cycleStartYear: 2024 }),
    ).toBe('工作室已进入整改，整改期限 2026-05-20 (ACTIVE → RECTIFYING)');
  });
});
