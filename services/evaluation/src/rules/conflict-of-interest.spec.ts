import { conflictOfInterest } from './conflict-of-interest';

describe('conflict of interest (回避)', () => {
  const studio = { hostSchoolId: 'school-host', memberTeacherIds: ['host', 'member', 'trainee'] };

  it('lets a teacher of another school who is not in the studio assess it', () => {
    expect(conflictOfInterest({ teacherId: 'expert', schoolId: 'school-other' }, studio)).toBeNull();
  });

  it('keeps out everyone who belonged to the studio in the period, host included', () => {
    for (const teacherId of studio.memberTeacherIds) {
      expect(conflictOfInterest({ teacherId, schoolId: 'school-other' }, studio)).toBe(
        `Teacher ${teacherId} belongs to the studio and may not assess it`,
      );
    }
  });

  it('keeps out a colleague at the host school', () => {
    expect(conflictOfInterest({ teacherId: 'colleague', schoolId: 'school-host' }, studio)).toMatch(
      /works at the studio's host school/,
    );
  });

  it('reads an unknown school as no school, never as the host school', () => {
    expect(conflictOfInterest({ teacherId: 'expert', schoolId: null }, studio)).toBeNull();
    expect(
      conflictOfInterest(
        { teacherId: 'expert', schoolId: null },
        { hostSchoolId: null, memberTeacherIds: [] },
      ),
    ).toBeNull();
  });
});
