import { titleLevelProblem } from '../../../services/personnel/src/rules/talent-titles';
import { qualifiesAsHost } from '../../../services/workshop/src/rules/host-eligibility';
import { planTalentTitles } from '../personnel/talent-titles';
import { HOST_MINIMUMS, HostPicker } from './hosts';
import { fixture } from './test-fixtures';

describe('studio hosts', () => {
  it('hold a title meeting their level’s minimum from before the founding year, and host one studio each', () => {
    const { studios, titles } = fixture({ teachersPerStudio: 100 });
    const levels = new Set(studios.map(({ studio }) => studio.level));
    expect([...levels].sort()).toEqual(['CITY', 'COUNTY', 'PROVINCE']);
    const hosts = new Set<string>();
    for (const { studio } of studios) {
      const held = [...titles, ...(studio.awardedTitle ? [studio.awardedTitle] : [])].filter(
        (t) => t.teacherId === studio.host.id && t.year < studio.lifecycle.cycles[0]!.startYear,
      );
      expect(qualifiesAsHost(held, HOST_MINIMUMS[studio.level])).toBe(true);
      expect(hosts.has(studio.host.id)).toBe(false);
      hosts.add(studio.host.id);
    }
  });

  it('teach in the studio’s jurisdiction, which gives the studio its school, subject and stage', () => {
    for (const { studio } of fixture().studios) {
      expect(studio.host.school.county.code.startsWith(studio.jurisdiction.code.replace(/0+$/, ''))).toBe(
        true,
      );
      expect(studio.name.startsWith(studio.host.name)).toBe(true);
      expect([studio.subject, studio.stage]).toEqual([studio.host.subject, studio.host.stage]);
    }
  });

  it('are awarded the minimum title under personnel’s rules when no teacher holds one', () => {
    const { jurisdictions } = fixture();
    const county = jurisdictions.find((j) => j.level === 'COUNTY')!;
    const picker = new HostPicker(new Map());
    for (let i = 0; i < 5; i++) {
      const { teacher, awardedTitle } = picker.pick(county, 2021);
      expect(awardedTitle).toMatchObject({
        teacherId: teacher.id,
        kind: 'BACKBONE_TEACHER',
        level: 'COUNTY',
      });
      expect(awardedTitle!.year).toBeLessThan(2021);
      expect(awardedTitle!.year).toBeGreaterThanOrEqual(teacher.hireYear);
      expect(awardedTitle!.awardedByRegionCode).toBe(county.code);
      expect(titleLevelProblem(awardedTitle!.kind, awardedTitle!.level)).toBeNull();
      // Each kind once per teacher, as personnel's own titles: (teacher, kind, level, year) stays unique.
      expect(planTalentTitles(teacher).map((t) => t.kind)).not.toContain('BACKBONE_TEACHER');
    }
  });

  it('prefer teachers who already hold a qualifying title', () => {
    const { jurisdictions, titles } = fixture();
    const county = jurisdictions.find((j) => j.level === 'COUNTY')!;
    const byTeacher = new Map<string, typeof titles>();
    for (const title of titles)
      byTeacher.set(title.teacherId, [...(byTeacher.get(title.teacherId) ?? []), title]);
    const { teacher, awardedTitle } = new HostPicker(byTeacher).pick(county, 2024);
    expect(awardedTitle).toBeNull();
    expect(qualifiesAsHost(byTeacher.get(teacher.id) ?? [], HOST_MINIMUMS.COUNTY)).toBe(true);
  });
});
