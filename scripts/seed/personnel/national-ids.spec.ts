import { readNationalId } from '../../../services/personnel/src/rules/national-id';
import { NATIONAL_ID_CAPACITY, seedNationalId } from './national-ids';

describe('seed national IDs', () => {
  it('are valid and encode the birth date and gender they are given with', () => {
    for (let index = 0; index < 2000; index++) {
      const gender = index % 3 ? 'FEMALE' : 'MALE';
      const { nationalId, birthDate } = seedNationalId('520102', index * 37, gender);
      const read = readNationalId(nationalId);
      expect(read).toEqual({ ok: true, facts: { birthDate, gender } });
      expect(nationalId.startsWith('520102')).toBe(true);
    }
  });

  it('never repeat within a region, even for people of the same gender', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 100_000; index++)
      seen.add(seedNationalId('530802', index, 'FEMALE').nationalId);
    expect(seen.size).toBe(100_000);
  });

  it('are the same for the same region and index', () => {
    expect(seedNationalId('510403', 42, 'MALE')).toEqual(seedNationalId('510403', 42, 'MALE'));
  });

  it('spread neighbouring indexes over the birth window', () => {
    const years = new Set(
      Array.from({ length: 20 }, (_, i) => seedNationalId('510403', i, 'MALE').birthDate.slice(0, 4)),
    );
    expect(years.size).toBeGreaterThan(10);
  });

  it('refuses an index beyond what one region can hold', () => {
    expect(() => seedNationalId('510403', NATIONAL_ID_CAPACITY, 'MALE')).toThrow(RangeError);
    expect(() => seedNationalId('510403', -1, 'MALE')).toThrow(RangeError);
  });
});
