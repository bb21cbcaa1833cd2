import { Faker, base, zh_CN } from '@faker-js/faker';
import type { Gender } from '../../../services/personnel/src/generated/resolvers-types';
import type { Random } from '../random';

let draws: Random | undefined;

/**
 * faker's zh_CN names, drawing from the caller's generator. Re-seeding faker's own Mersenne
 * Twister for every teacher costs about 50 µs (20 s for the province scale); a randomizer that
 * delegates to the teacher's own generator costs nothing and keeps each name tied to its row.
 */
const faker = new Faker({
  locale: [zh_CN, base],
  randomizer: {
    next: () => {
      if (!draws) throw new Error('personName draws only from the generator it is given');
      return draws.next();
    },
    seed: () => {
      throw new Error('seed the Random passed to personName instead');
    },
  },
});

/**
 * The twenty commonest surnames and their share of the population in percent (公安部 2020 name
 * report). faker draws from 1,000 surnames uniformly, which would make 万俟 as common as 王;
 * these twenty cover about 54 % of people, and faker supplies the rest.
 */
const COMMON_SURNAMES: Record<string, number> = {
  王: 7.25, 李: 7.19, 张: 6.83, 刘: 5.38, 陈: 4.61, 杨: 3.23, 黄: 2.4, 赵: 2.03, 吴: 1.98, 周: 1.93,
  徐: 1.45, 孙: 1.38, 马: 1.17, 朱: 1.17, 胡: 1.15, 郭: 1.12, 何: 1.1, 林: 1, 高: 1, 罗: 0.96,
}; // prettier-ignore
const COMMON_SHARE = Object.values(COMMON_SURNAMES).reduce((sum, share) => sum + share, 0) / 100;

export function personName(random: Random, gender: Gender): string {
  draws = random;
  try {
    const surname = random.chance(COMMON_SHARE) ? random.weighted(COMMON_SURNAMES) : faker.person.lastName();
    return surname + faker.person.firstName(gender === 'MALE' ? 'male' : 'female');
  } finally {
    draws = undefined;
  }
}

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 101 → 一百零一: as schools number themselves. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`no school is numbered ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let text = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) text += `${hundreds || tens > 1 ? DIGITS[tens] : ''}十`;
  else if (hundreds && ones) text += '零';
  return text + DIGITS[ones];
}

/**
 * The name a county goes by in its schools' names: 宁洱哈尼族彝族自治县 → 宁洱县. Autonomous
 * counties' everyday names are the two characters before the nationalities.
 */
export function countyShortName(name: string): string {
  return name.endsWith('自治县') ? `${name.slice(0, 2)}县` : name;
}

/** 17 and 16 characters: coprime, so ordinals below 272 give distinct pairs in a varied order. */
const PLACE_FIRST = [...'大小新老上下东西南北高石黄白青马龙'];
const PLACE_SECOND = [...'坪寨坝沟河湾岭桥山田塘营屯溪场林'];
const PLACES_PER_ROUND = PLACE_FIRST.length * PLACE_SECOND.length;

/**
 * The `ordinal`-th rural place name of a county (大坪, 小寨, 新坝 …), distinct for each ordinal
 * so that two village schools of one county never share a name.
 */
export function placeName(ordinal: number): string {
  const round = Math.floor(ordinal / PLACES_PER_ROUND);
  const name = `${PLACE_FIRST[ordinal % PLACE_FIRST.length]}${PLACE_SECOND[ordinal % PLACE_SECOND.length]}`;
  return round ? `${name}${chineseNumeral(round + 1)}` : name;
}
