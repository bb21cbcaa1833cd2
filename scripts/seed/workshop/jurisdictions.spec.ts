import { fixture } from './test-fixtures';

const jurisdictionsOf = (selection: string) =>
  fixture({ selection }).jurisdictions.map((j) => `${j.level} ${j.code}`);

describe('studio jurisdictions', () => {
  it('found county studios in every county, city and province ones only where the scale covers them', () => {
    expect(jurisdictionsOf('510000')).toEqual([
      'PROVINCE 510000',
      'CITY 510400',
      'COUNTY 510402',
      'COUNTY 510403',
      'COUNTY 510421',
    ]);
    expect(jurisdictionsOf('510400')).toEqual([
      'CITY 510400',
      'COUNTY 510402',
      'COUNTY 510403',
      'COUNTY 510421',
    ]);
  });

  it('hold their teachers by stage and subject, and their rural or weak schools', () => {
    const [province, , county] = fixture().jurisdictions;
    expect(province!.teachers.length).toBe(fixture().teachers.length);
    expect(county!.teachers.every((t) => t.school.county.code === county!.code)).toBe(true);
    expect(county!.supportTargets.every((s) => s.rural || s.weak)).toBe(true);
    const area = county!.byArea.get('PRIMARY:CHINESE')!;
    expect(area.length).toBeGreaterThan(0);
    expect(area.every((t) => t.stage === 'PRIMARY' && t.subject === 'CHINESE')).toBe(true);
  });

  it('found about one studio per so many teachers of each level', () => {
    const { studios, jurisdictions } = fixture();
    for (const jurisdiction of jurisdictions) {
      const count = studios.filter(({ studio }) => studio.jurisdiction === jurisdiction).length;
      const per = { COUNTY: 150, CITY: 750, PROVINCE: 1500 }[jurisdiction.level];
      expect(count).toBeGreaterThanOrEqual(Math.floor((jurisdiction.teachers.length / per) * 0.85));
      expect(count).toBeLessThanOrEqual(Math.ceil((jurisdiction.teachers.length / per) * 1.15));
    }
  });
});
