import type { County } from '../regions';
import { planSchools } from './schools';
import { planTalentTitles } from './talent-titles';
import { planTeachers } from './teachers';
import { planTrainingRecords } from './training-records';

const XIQU: County = { code: '510403', name: '西区', cityCode: '510400', provinceCode: '510000' };
const NINGER: County = {
  code: '530821',
  name: '宁洱哈尼族彝族自治县',
  cityCode: '530800',
  provinceCode: '530000',
};

const withoutCounts = <T extends { teacherCount: number }>({ teacherCount: _, ...rest }: T) => rest;

describe('personnel plans', () => {
  it('repeat a smaller scale’s schools and teachers exactly in a larger one', () => {
    const small = planSchools(XIQU, 4, 15);
    const large = planSchools(XIQU, 60, 50);
    expect(large.slice(0, small.length).map(withoutCounts)).toEqual(small.map(withoutCounts));
    const smallTeachers = planTeachers(small[0]!);
    const largeTeachers = planTeachers(large[0]!);
    expect(largeTeachers.slice(0, smallTeachers.length).map(({ school: _, ...t }) => t)).toEqual(
      smallTeachers.map(({ school: _, ...t }) => t),
    );
  });

  it('give every school of a county its own name, in the county’s everyday name', () => {
    const schools = planSchools(NINGER, 150, 10);
    expect(new Set(schools.map((s) => s.name)).size).toBe(schools.length);
    expect(schools.every((s) => s.name.startsWith('宁洱县'))).toBe(true);
  });

  it('keep teachers consistent with their school and ID number', () => {
    for (const school of planSchools(XIQU, 30, 30)) {
      for (const teacher of planTeachers(school)) {
        expect(school.stages).toContain(teacher.stage);
        expect(teacher.nationalId.slice(6, 14)).toBe(teacher.birthDate.replace(/-/g, ''));
        expect(Number(teacher.nationalId[16]) % 2).toBe(teacher.gender === 'MALE' ? 1 : 0);
        expect(teacher.phone).toMatch(/^1[3-9]\d{9}$/);
      }
    }
  });

  it('award province-only titles at province level and the tiers below it, each kind once', () => {
    const teachers = planSchools(XIQU, 60, 50).flatMap(planTeachers);
    const titles = teachers.flatMap(planTalentTitles);
    expect(titles.length).toBeGreaterThan(teachers.length * 0.02);
    expect(titles.length).toBeLessThan(teachers.length * 0.12);
    for (const title of titles) {
      const provinceOnly = ['SPECIAL_GRADE_TEACHER', 'PROVINCIAL_TEACHING_MASTER'].includes(title.kind);
      expect(title.level === 'PROVINCE').toBe(provinceOnly);
      expect(title.awardedByRegionCode).toBe(
        { PROVINCE: '510000', CITY: '510400', COUNTY: '510403', SCHOOL: '510403' }[title.level],
      );
    }
    const perKind = new Set(titles.map((t) => `${t.teacherId}:${t.kind}`));
    expect(perKind.size).toBe(titles.length);
  });

  it('record positive hours to the tenth', () => {
    const records = planSchools(XIQU, 10, 30).flatMap(planTeachers).flatMap(planTrainingRecords);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.hours).toBeGreaterThan(0);
      expect(Math.round(record.hours * 10)).toBe(record.hours * 10);
      expect(record.source).not.toBe('STUDIO_CERTIFICATE');
    }
  });
});
