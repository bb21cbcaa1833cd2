import type { Random } from '../../scripts/seed/random';

/** What an argument or input field holds, as far as choosing hostile values for it goes. */
export type SlotKind =
  'text' | 'uuid' | 'code' | 'int' | 'float' | 'boolean' | 'date' | 'datetime' | 'enum' | 'object' | 'list';

/** The slot a hostile value is meant for. */
export interface SlotShape {
  kind: SlotKind;
  nonNull: boolean;
  /** For enums: the values the schema declares. */
  enumValues?: readonly string[];
  /** For input objects: whether any field is required (an empty object then misses them). */
  hasRequiredFields?: boolean;
  /** For lists: the kind of the elements, and whether an element may be null. */
  element?: { kind: SlotKind; nonNull: boolean };
  /** The value the planted base request holds here, if any. */
  base: unknown;
}

/** One value that is wrong for its slot, with what a correct graph must do with it. */
export interface Hostile {
  /** Short label for reports, e.g. 'NUL in text'. */
  label: string;
  value: unknown;
  /**
   * No correct reading of the slot could take it (wrong type, impossible date, an id that is not
   * an id): it is the input that is wrong, so refusing it as FORBIDDEN would mean a permission
   * check read garbage.
   */
  malformed: boolean;
  /** A mutation must refuse it: it can never hold a valid value or name a row. */
  mustRefuse: boolean;
  /** Text made only of characters a reader cannot see. */
  invisible?: boolean;
  /** A list of 10,000: far too long to print into a query as a literal. */
  bulky?: boolean;
}

/** 30,001 characters: past any length limit a text field of these offices could have. */
export const HUGE_TEXT_LENGTH = 30_001;
export const HUGE_LIST_LENGTH = 10_000;
export const HUGE_ID_LENGTH = 10_000;

// Built once: every slot offers them, and a fresh 30,000-character string per slot adds up.
const HUGE_TEXT = '名'.repeat(HUGE_TEXT_LENGTH);
const HUGE_DATE = '2'.repeat(30_000);
const DATE_WITH_TAIL = `2024-01-01${'0'.repeat(30_000)}`;
const HUGE_ENUM = 'A'.repeat(30_000);

/** A random version-4 UUID drawn from the seeded generator, so a run can be repeated exactly. */
export function seededUuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[random.int(0, 3)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A number JavaScript cannot hold (2^53+1 rounds to 2^53), carried as a marker string that the
 * request body and literal printers write out as the bare number.
 */
export function rawNumber(digits: string): string {
  return `${RAW_NUMBER_MARK}${digits}`;
}
export const RAW_NUMBER_MARK = '\u0000raw-number:';

/** The digits of a raw number marker, or null for any other value. */
export function rawNumberDigits(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(RAW_NUMBER_MARK)
    ? value.slice(RAW_NUMBER_MARK.length)
    : null;
}

const refused = { malformed: true, mustRefuse: true } as const;
const tolerated = { malformed: false, mustRefuse: false } as const;

/** Text a reader cannot see: a correct graph refuses it, or normalises it to empty and refuses that. */
const INVISIBLE: Hostile[] = [
  { label: 'only zero-width spaces', value: '\u200b\u200b\u2060\ufeff', ...tolerated, invisible: true },
  { label: 'only right-to-left overrides', value: '\u202e\u202e\u202b', ...tolerated, invisible: true },
  { label: 'only control characters', value: '\u0001\u0002\u001f\u007f', ...tolerated, invisible: true },
];

/** Text that is well typed but carries what storage, logs and screens choke on. */
function hostileText(): Hostile[] {
  return [
    { label: 'huge text (30,001 chars)', value: HUGE_TEXT, ...tolerated },
    { label: 'NUL in text', value: '王\u0000老师', malformed: true, mustRefuse: false },
    {
      label: 'control characters in text',
      value: '王\u0007\u001b[31m老师\u0008\u007f',
      malformed: true,
      mustRefuse: false,
    },
    { label: 'right-to-left override in text', value: '王老师\u202efdp.exe', ...tolerated },
    { label: 'unpaired surrogate in text', value: '王\ud800老师', malformed: true, mustRefuse: false },
    ...INVISIBLE,
  ];
}

/** Ids that name no row: unknown but well formed, or not ids at all. */
function hostileUuids(random: Random): Hostile[] {
  const uuid = seededUuid(random);
  return [
    { label: 'unknown id (random UUID)', value: uuid, malformed: false, mustRefuse: true },
    { label: 'id that is not a UUID', value: 'not-a-uuid', ...refused },
    { label: 'id of 10,000 chars', value: uuid + 'f'.repeat(HUGE_ID_LENGTH - uuid.length), ...refused },
    { label: 'NUL in id', value: `${uuid}\u0000`, ...refused },
    { label: 'empty id', value: '', ...refused },
    { label: 'zero-width spaces in id', value: `${uuid}\u200b`, ...refused },
  ];
}

/** Region codes (six digits) that are not codes. */
function hostileCodes(random: Random): Hostile[] {
  return [
    { label: 'code with a letter O for a zero', value: '5104O3', ...refused },
    { label: 'UUID for a region code', value: seededUuid(random), ...refused },
    { label: 'code of 10,000 digits', value: '5'.repeat(HUGE_ID_LENGTH), ...refused },
    { label: 'NUL in code', value: '510403\u0000', ...refused },
    { label: 'empty code', value: '', ...refused },
    { label: 'right-to-left override in code', value: '\u202e304015', ...refused },
  ];
}

function hostileInts(): Hostile[] {
  return [
    { label: 'Int 2^31', value: 2 ** 31, ...refused },
    { label: 'Int 2^53+1', value: rawNumber('9007199254740993'), ...refused },
    { label: 'Int -1', value: -1, ...tolerated },
    { label: 'Int 1e308', value: 1e308, ...refused },
    { label: "Int 'NaN' string", value: 'NaN', ...refused },
    { label: 'Int 1.5', value: 1.5, ...refused },
  ];
}

function hostileFloats(): Hostile[] {
  return [
    { label: 'Float 1e308', value: 1e308, ...tolerated },
    { label: 'Float 2^53+1', value: rawNumber('9007199254740993'), ...tolerated },
    { label: 'Float -1', value: -1, ...tolerated },
    { label: "Float 'NaN' string", value: 'NaN', ...refused },
    { label: "Float 'Infinity' string", value: 'Infinity', ...refused },
  ];
}

function hostileDates(): Hostile[] {
  return [
    { label: 'impossible date 2023-02-30', value: '2023-02-30', ...refused },
    { label: 'date in year 99999', value: '99999-01-01', ...refused },
    { label: 'empty date', value: '', ...refused },
    { label: 'date of 30,000 chars', value: HUGE_DATE, ...refused },
    { label: 'date with 30,000 trailing chars', value: DATE_WITH_TAIL, ...refused },
    { label: 'NUL in date', value: '2024-01-01\u0000', ...refused },
    { label: 'date without zero padding', value: '2024-1-1', ...refused },
  ];
}

function hostileEnums(slot: SlotShape): Hostile[] {
  const first = slot.enumValues?.[0] ?? 'VALUE';
  return [
    { label: 'unknown enum value', value: 'NOT_A_VALUE', ...refused },
    { label: 'enum value in lower case', value: first.toLowerCase(), ...refused },
    { label: 'empty enum value', value: '', ...refused },
    { label: 'enum value of 30,000 chars', value: HUGE_ENUM, ...refused },
  ];
}

function hostileObjects(slot: SlotShape): Hostile[] {
  const base = isPlainObject(slot.base) ? slot.base : {};
  return [
    { label: 'unknown input field', value: { ...base, notAField: 1 }, ...refused },
    ...(slot.hasRequiredFields ? [{ label: 'empty input object', value: {}, ...refused }] : []),
  ];
}

/** A list of 10,000 elements shaped like the base's own (distinct ids, so no dedup makes it short). */
function hugeList(slot: SlotShape, random: Random): unknown[] {
  const sample = Array.isArray(slot.base) && slot.base.length > 0 ? slot.base[0] : undefined;
  if (slot.element?.kind === 'uuid')
    return Array.from({ length: HUGE_LIST_LENGTH }, () => seededUuid(random));
  return Array.from({ length: HUGE_LIST_LENGTH }, () => sample ?? 'x');
}

function hostileLists(slot: SlotShape, random: Random): Hostile[] {
  return [
    { label: 'list of 10,000', value: hugeList(slot, random), ...refused, bulky: true },
    ...(slot.element?.nonNull ? [{ label: 'null element in list', value: [null], ...refused }] : []),
  ];
}

/** A value of a different GraphQL type: booleans are no ID, String, Date or enum; text is no number. */
function wrongType(kind: SlotKind): unknown {
  switch (kind) {
    case 'int':
    case 'float':
      return 'twelve';
    case 'boolean':
      return 'yes';
    case 'object':
      return 'text';
    default:
      // Not a number: GraphQL's ID accepts integers, so 12345 would be a valid ID.
      return true;
  }
}

const BY_KIND: Record<SlotKind, (slot: SlotShape, random: Random) => Hostile[]> = {
  text: () => hostileText(),
  uuid: (_slot, random) => hostileUuids(random),
  code: (_slot, random) => hostileCodes(random),
  int: () => hostileInts(),
  float: () => hostileFloats(),
  boolean: () => [{ label: "Boolean 'true' string", value: 'true', ...refused }],
  date: () => hostileDates(),
  datetime: () => hostileDates(),
  enum: (slot) => hostileEnums(slot),
  object: (slot) => hostileObjects(slot),
  list: (slot, random) => hostileLists(slot, random),
};

/** Every hostile value that applies to the slot; the fuzzer samples among them. */
export function hostileValuesFor(slot: SlotShape, random: Random): Hostile[] {
  const nullValue: Hostile = slot.nonNull
    ? { label: 'null for non-null', value: null, ...refused }
    : { label: 'null for optional', value: null, ...tolerated };
  return [
    { label: `wrong type for ${slot.kind}`, value: wrongType(slot.kind), ...refused },
    nullValue,
    ...BY_KIND[slot.kind](slot, random),
  ];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Characters no reader sees: zero-width, bidi controls, C0/C1 controls, BOM. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\s]/gu;

/** Whether text shows nothing once invisible characters are taken away. */
export function showsNothing(text: string): boolean {
  return text.replace(INVISIBLE_CHARS, '') === '';
}
