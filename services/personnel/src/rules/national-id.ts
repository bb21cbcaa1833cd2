import { isIsoDate } from '@mingshi/graphql';

/** What an 18-character national ID number (居民身份证号码, GB 11643) encodes. */
export interface NationalIdFacts {
  birthDate: string;
  gender: 'MALE' | 'FEMALE';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * WEIGHTS[i]!, 0);
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validates a national ID number and reads its birth date and gender. Returns a reason instead of
 * throwing so the caller can word the refusal for its own input field.
 */
export function readNationalId(
  value: string,
  today: Date = new Date(),
): { ok: true; facts: NationalIdFacts } | { ok: false; reason: string } {
  const id = value.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, reason: 'must be 18 characters: 17 digits and a digit or X' };
  }
  if (checkCharacter(id.slice(0, 17)) !== id[17]) {
    return { ok: false, reason: 'fails its checksum (last character)' };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate)) return { ok: false, reason: `encodes an impossible birth date ${birthDate}` };
  const birthYear = Number(id.slice(6, 10));
  const age = today.getUTCFullYear() - birthYear;
  if (birthYear < 1900 || new Date(`${birthDate}T00:00:00Z`) > today) {
    return { ok: false, reason: `encodes birth date ${birthDate}, which is not plausible` };
  }
  if (age < 16) return { ok: false, reason: `encodes birth date ${birthDate}: too young to teach` };
  return { ok: true, facts: { birthDate, gender: Number(id[16]) % 2 === 1 ? 'MALE' : 'FEMALE' } };
}

/** Builds a valid ID number (seeds and tests need many): region, birth date, sequence, gender. */
export function composeNationalId(
  regionCode: string,
  birthDate: string,
  sequence: number,
  gender: 'MALE' | 'FEMALE',
): string {
  const seq = sequence % 100;
  const genderDigit = (sequence % 5) * 2 + (gender === 'MALE' ? 1 : 0);
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(seq).padStart(2, '0')}${genderDigit}`;
  return first17 + checkCharacter(first17);
}
