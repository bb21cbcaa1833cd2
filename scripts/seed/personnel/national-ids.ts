import type { Gender } from '../../../services/personnel/src/generated/resolvers-types';
import { composeNationalId } from '../../../services/personnel/src/rules/national-id';
import { addDays, daysBetween } from '../calendar';
import { Random } from '../random';

/** Teachers are born in this window: aged about 23 to 59 in the data year. */
const FIRST_BIRTH_DATE = '1966-01-01';
const BIRTH_DAYS = daysBetween(FIRST_BIRTH_DATE, '2002-12-31') + 1;
/** composeNationalId keeps `sequence % 100`; the gender digit's other part follows from it. */
const SEQUENCES = 100;
const SLOTS = BIRTH_DAYS * SEQUENCES;
/**
 * Stepping through the slots by a golden-ratio fraction of their number spreads consecutive
 * people over the whole birth window; being coprime with SLOTS makes the step a permutation.
 */
const STRIDE = coprimeNear(Math.round(SLOTS * 0.6180339887), SLOTS);

/** How many distinct people one region code can hold before their ID numbers would repeat. */
export const NATIONAL_ID_CAPACITY = SLOTS;

/**
 * The ID number and birth date of the `index`-th person registered in a region. Two people share
 * an ID number only if they share region, birth date, two-digit sequence and gender digit; the
 * index is mapped one-to-one onto (birth date, sequence), so distinct indexes in one region never
 * collide. The offset differs per region only to vary the dates between counties.
 */
export function seedNationalId(
  regionCode: string,
  index: number,
  gender: Gender,
): { nationalId: string; birthDate: string } {
  if (!Number.isInteger(index) || index < 0 || index >= SLOTS) {
    throw new RangeError(`national ID index ${index} is outside 0..${SLOTS - 1}`);
  }
  const offset = new Random(`national-id:${regionCode}`).int(0, SLOTS - 1);
  const slot = (index * STRIDE + offset) % SLOTS;
  const birthDate = addDays(FIRST_BIRTH_DATE, Math.floor(slot / SEQUENCES));
  return { nationalId: composeNationalId(regionCode, birthDate, slot % SEQUENCES, gender), birthDate };
}

function coprimeNear(start: number, modulus: number): number {
  let candidate = start;
  while (gcd(candidate, modulus) !== 1) candidate += 1;
  return candidate;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
