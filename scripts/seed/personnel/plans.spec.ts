import { DEFAULT_REQUIRED_TRAINING_HOURS } from '../../../services/personnel/src/rules/training';
import { seedCalendar } from '../calendar';
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

/** Mid-year: this year's school year and part of its training are still ahead. */
const CALENDAR = seedCalendar('2026-05-20');
const teachersOf = (school: Parameters<typeof planTeachers>[0]) => planTeachers(school, CALENDAR);

const withoutCounts = <T extends { teacherCount: number }>({ teacherCount: _, ...rest }: T) => rest;

describe('personnel plans', () => {
  it('repeat a smaller scale’s schools and teachers exactly in a larger one', () => {
    const small = planSchools(XIQU, 4, 15);
    const large = planSchools(XIQU, 60, 50);
    expect(large.slice(0, small.length).map(withoutCounts)).toEqual(small.map(withoutCounts));
    const smallTeachers = teachersOf(small[0]!);
    const largeTeachers = teachersOf(large[0]!);
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
      for (const teacher of teachersOf(school)) {
        expect(school.stages).toContain(teacher.stage);
        expect(teacher.nationalId.slice(6, 14)).toBe(teacher.birthDate.replace(/-/g, ''));
        expect(Number(teacher.nationalId[16]) % 2).toBe(teacher.gender === 'MALE' ? 1 : 0);
        expect(teacher.phone).toMatch(/^1[3-9]\d{9}$/);
      }
    }
  });

  it('award province-only titles at province level and the tiers below it, each kind once', () => {
    const teachers = planSchools(XIQU, 60, 50).flatMap(teachersOf);
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
    const records = planSchools(XIQU, 10, 30).flatMap(teachersOf).flatMap(planTrainingRecords);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(record.hours).toBeGreaterThan(0);
      expect(Math.round(record.hours * 10)).toBe(record.hours * 10);
      expect(record.source).not.toBe('STUDIO_CERTIFICATE');
    }
  });

  it('meet the yearly requirement for most teachers last year, as the bureaus report', () => {
    const teachers = planSchools(XIQU, 10, 30).flatMap(teachersOf);
    const lastYear = new Map<string, number>();
    for (const record of teachers.flatMap(planTrainingRecords).filter((r) => r.year === 2025)) {
      lastYear.set(record.teacherId, (lastYear.get(record.teacherId) ?? 0) + record.hours);
    }
    const trainedBefore = teachers.filter((t) => t.hireYear <= 2025);
    const meeting = trainedBefore.filter((t) => (lastYear.get(t.id) ?? 0) >= DEFAULT_REQUIRED_TRAINING_HOURS);
    expect(meeting.length / trainedBefore.length).toBeGreaterThan(0.7);
    expect(meeting.length / trainedBefore.length).toBeLessThan(0.9);
    expect(trainedBefore.some((t) => !lastYear.has(t.id))).toBe(true);
  });

  it("reach up to the calendar's day and no further: this year's training so far, no future dates", () => {
    const teachers = planSchools(XIQU, 10, 30).flatMap(teachersOf);
    const records = teachers.flatMap(planTrainingRecords);
    expect(new Set(records.map((r) => r.year))).toEqual(new Set([2025, 2026]));
    for (const record of records) expect(record.recordedAt.slice(0, 10) <= CALENDAR.today).toBe(true);
    const stints = teachers.flatMap((t) => t.ruralService);
    expect(stints.length).toBeGreaterThan(0);
    for (const stint of stints) {
      expect(stint.startDate <= CALENDAR.today).toBe(true);
      if (stint.endDate) expect(stint.endDate <= CALENDAR.today).toBe(true);
    }
    const titles = teachers.flatMap(planTalentTitles);
    expect(Math.max(...titles.map((t) => t.year))).toBeLessThanOrEqual(2026);
  });
});
