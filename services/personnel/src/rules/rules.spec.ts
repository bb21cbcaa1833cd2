import { Role, type Principal } from '@mingshi/auth';
import { maskNationalId, maskPhone, isMobilePhone } from './contact';
import { composeNationalId, readNationalId } from './national-id';
import { canAwardTitle, canManageTeachersAt, canSeePersonalData } from './permissions';
import { titleLabel, titleLevelProblem } from './talent-titles';
import { ruralServiceMonths } from './rural-service';
import { hoursProblem, sumHours } from './training';

const today = new Date('2026-11-22T00:00:00Z');

describe('national ID numbers', () => {
  it('accepts a number with a correct checksum and reads birth date and gender', () => {
    expect(readNationalId('11010519491231002X', today)).toEqual({
      ok: true,
      facts: { birthDate: '1949-12-31', gender: 'FEMALE' },
    });
  });

  it('round-trips numbers it composes', () => {
    const id = composeNationalId('510403', '1985-06-15', 37, 'MALE');
    expect(readNationalId(id, today)).toEqual({
      ok: true,
      facts: { birthDate: '1985-06-15', gender: 'MALE' },
    });
  });

  it('refuses a wrong checksum, wrong length, impossible or future birth dates', () => {
    expect(readNationalId('110105194912310021', today)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/checksum/),
    });
    expect(readNationalId('1101051949123100', today)).toMatchObject({ ok: false });
    const impossible = composeNationalId('510403', '1985-02-30', 1, 'MALE');
    expect(readNationalId(impossible, today)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/impossible/),
    });
    const future = composeNationalId('510403', '2030-01-01', 1, 'MALE');
    expect(readNationalId(future, today)).toMatchObject({ ok: false });
    const child = composeNationalId('510403', '2019-01-01', 1, 'MALE');
    expect(readNationalId(child, today)).toMatchObject({ ok: false, reason: expect.stringMatching(/young/) });
  });
});

describe('contact data', () => {
  it('masks ID numbers and phones as the bureaus expect', () => {
    expect(maskNationalId('510403198506153718')).toBe('5104**********3718');
    expect(maskPhone('13812347142')).toBe('138****7142');
  });

  it('accepts mainland mobiles only', () => {
    expect(isMobilePhone('13812347142')).toBe(true);
    expect(isMobilePhone('12812347142')).toBe(false);
    expect(isMobilePhone('1381234714')).toBe(false);
    expect(isMobilePhone('0812-1234567')).toBe(false);
  });
});

describe('talent titles', () => {
  it('keeps province-only titles at province level and tiers at city/county/school', () => {
    expect(titleLevelProblem('SPECIAL_GRADE_TEACHER', 'PROVINCE')).toBeNull();
    expect(titleLevelProblem('SPECIAL_GRADE_TEACHER', 'COUNTY')).toMatch(/PROVINCE/);
    expect(titleLevelProblem('BACKBONE_TEACHER', 'COUNTY')).toBeNull();
    expect(titleLevelProblem('BACKBONE_TEACHER', 'PROVINCE')).toMatch(/CITY, COUNTY or SCHOOL/);
  });

  it('labels titles as users say them', () => {
    expect(titleLabel('BACKBONE_TEACHER', 'COUNTY')).toBe('县级骨干教师');
    expect(titleLabel('SPECIAL_GRADE_TEACHER', 'PROVINCE')).toBe('特级教师');
  });
});

describe('training hours', () => {
  it('refuses zero, negative, huge and over-precise values', () => {
    expect(hoursProblem(12.5)).toBeNull();
    expect(hoursProblem(0)).toMatch(/greater than 0/);
    expect(hoursProblem(-3)).toMatch(/greater than 0/);
    expect(hoursProblem(501)).toMatch(/at most 500/);
    expect(hoursProblem(1.25)).toMatch(/one decimal/);
  });

  it('adds tenths exactly', () => {
    expect(sumHours([0.1, 0.2])).toBe(0.3);
    expect(sumHours([24, 24, 24])).toBe(72);
  });
});

describe('permissions', () => {
  const teacher = { id: 't1', schoolId: 's1', regionCode: '510403' };
  const principal = (roles: Role[], regionCode: string, extra: Partial<Principal> = {}): Principal => ({
    userId: 'u',
    roles,
    regionCode,
    ...extra,
  });

  it('shows personal data to covering offices, the school admin and the teacher only', () => {
    expect(canSeePersonalData(principal([Role.COUNTY_OFFICE], '510403'), teacher)).toBe(true);
    expect(canSeePersonalData(principal([Role.CITY_OFFICE], '510400'), teacher)).toBe(true);
    expect(canSeePersonalData(principal([Role.COUNTY_OFFICE], '510402'), teacher)).toBe(false);
    expect(canSeePersonalData(principal([Role.SCHOOL_ADMIN], '510403', { schoolId: 's1' }), teacher)).toBe(
      true,
    );
    expect(canSeePersonalData(principal([Role.SCHOOL_ADMIN], '510403', { schoolId: 's2' }), teacher)).toBe(
      false,
    );
    expect(canSeePersonalData(principal([Role.TEACHER], '510403', { teacherId: 't1' }), teacher)).toBe(true);
    expect(canSeePersonalData(principal([Role.ANALYST], '510000'), teacher)).toBe(false);
    expect(canSeePersonalData(principal([Role.ANALYST, Role.PROVINCE_OFFICE], '510000'), teacher)).toBe(
      false,
    );
    expect(canSeePersonalData(principal([Role.EVALUATOR], '510403'), teacher)).toBe(false);
  });

  it('lets only covering offices and the own school admin manage teachers', () => {
    const school = { id: 's1', regionCode: '510403' };
    expect(canManageTeachersAt(principal([Role.COUNTY_OFFICE], '510403'), school)).toBe(true);
    expect(canManageTeachersAt(principal([Role.COUNTY_OFFICE], '510402'), school)).toBe(false);
    expect(canManageTeachersAt(principal([Role.SCHOOL_ADMIN], '510403', { schoolId: 's1' }), school)).toBe(
      true,
    );
    expect(canManageTeachersAt(principal([Role.ANALYST], '510000'), school)).toBe(false);
    expect(canManageTeachersAt(principal([Role.HOST], '510403', { teacherId: 't1' }), school)).toBe(false);
  });

  it('awards titles only from the level that owns them', () => {
    expect(canAwardTitle(principal([Role.PROVINCE_OFFICE], '510000'), 'PROVINCE', teacher)).toBe(true);
    expect(canAwardTitle(principal([Role.CITY_OFFICE], '510400'), 'PROVINCE', teacher)).toBe(false);
    expect(canAwardTitle(principal([Role.CITY_OFFICE], '510400'), 'CITY', teacher)).toBe(true);
    expect(canAwardTitle(principal([Role.COUNTY_OFFICE], '510403'), 'CITY', teacher)).toBe(false);
    expect(canAwardTitle(principal([Role.COUNTY_OFFICE], '510403'), 'COUNTY', teacher)).toBe(true);
    expect(
      canAwardTitle(principal([Role.SCHOOL_ADMIN], '510403', { schoolId: 's1' }), 'SCHOOL', teacher),
    ).toBe(true);
    expect(
      canAwardTitle(principal([Role.SCHOOL_ADMIN], '510403', { schoolId: 's1' }), 'COUNTY', teacher),
    ).toBe(false);
    expect(canAwardTitle(principal([Role.PROVINCE_OFFICE], '520000'), 'PROVINCE', teacher)).toBe(false);
  });
});

describe('rural service', () => {
  it('counts whole months across periods, open periods up to today', () => {
    const today = new Date('2026-11-22T00:00:00Z');
    expect(
      ruralServiceMonths(
        [
          { place: '某乡中心校', startDate: '2015-09-01', endDate: '2017-07-01' },
          { place: '某村小', startDate: '2026-05-01', endDate: null },
        ],
        today,
      ),
    ).toBe(22 + 6);
  });
});
