import { chinaToday } from './calendar';
import { BadUserInputError, type FieldProblem } from './errors';
import { quote } from './quote';
import { isIsoDate } from './scalars';

/**
 * The earliest year these offices keep records for: the teacher-title and continuing-education
 * systems were rebuilt from 1978, and nothing the graph records (titles, training, activities,
 * service periods) happened before.
 */
export const EARLIEST_RECORD_YEAR = 1978;

/**
 * Checks one input and reports everything wrong with it at once. Each check records a problem
 * instead of throwing, and `done()` throws one BAD_USER_INPUT listing them all, so a client fixes
 * a form in one round trip instead of one field per request.
 *
 * Fields are named by their path from the operation's arguments, as the client wrote them:
 * `new InputCheck('input')` names `input.name`, `input.ruralService[0].place`; `new InputCheck()`
 * names top-level arguments such as `first` or `filter.regionCode`. Messages start with that path.
 *
 *     const check = new InputCheck('input');
 *     const name = check.text(input.name, 'name', 50);
 *     check.done();
 *
 * Only what the input itself shows is checked here; what needs the database (does the id exist,
 * may the caller use it, does the studio's state allow it) comes after `done()`.
 */
export class InputCheck {
  constructor(
    private readonly prefix = '',
    private readonly problems: FieldProblem[] = [],
  ) {}

  /**
   * The path of a field of this input: `input.name`; `[0]` indexes without a dot; `''` names the
   * input itself (a list too long as a whole: `input.indicators`).
   */
  path(field: string): string {
    if (!field) return this.prefix;
    if (!this.prefix) return field;
    return field.startsWith('[') ? `${this.prefix}${field}` : `${this.prefix}.${field}`;
  }

  /** A nested input (`at('ruralService[0]')`) whose problems are reported with this one's. */
  at(field: string): InputCheck {
    return new InputCheck(this.path(field), this.problems);
  }

  /** Records a problem. `reason` continues the field's path: "must not be empty". */
  refuse(field: string, reason: string): void {
    const path = this.path(field);
    this.problems.push({ field: path, message: `${path} ${reason}` });
  }

  /** Records a rule's reason, when the rule found one (rules return a reason or null). */
  expect(field: string, reason: string | null): boolean {
    if (reason !== null) this.refuse(field, reason);
    return reason === null;
  }

  /** Whether a field already has a problem: later checks that build on it can skip. */
  failed(field: string): boolean {
    const path = this.path(field);
    return this.problems.some((p) => p.field === path);
  }

  /** Trimmed, non-empty text of at most `max` characters (counted as PostgreSQL counts them). */
  text(value: string, field: string, max: number): string {
    const text = value.trim();
    const length = [...text].length;
    if (length === 0) this.refuse(field, 'must not be empty');
    else if (length > max) this.refuse(field, `must be at most ${max} characters (it has ${length})`);
    return text;
  }

  /** Optional text: absent or blank is none; otherwise as `text`. */
  optionalText(value: string | null | undefined, field: string, max: number): string | null {
    return value == null || value.trim() === '' ? null : this.text(value, field, max);
  }

  /** A whole number from `min` to `max`. */
  wholeNumber(value: number, field: string, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.refuse(field, `must be a whole number from ${min} to ${max}`);
    }
    return value;
  }

  /** A year of a record: from EARLIEST_RECORD_YEAR to `latest` (next year unless told). */
  year(value: number, field: string, latest = Number(chinaToday().slice(0, 4)) + 1): number {
    if (!Number.isInteger(value) || value < EARLIEST_RECORD_YEAR || value > latest) {
      this.refuse(field, `must be a year between ${EARLIEST_RECORD_YEAR} and ${latest}`);
    }
    return value;
  }

  /** A calendar day that already happened: not in the future (in China), not before records began. */
  pastDate(value: string, field: string): string {
    if (!isIsoDate(value)) this.refuse(field, 'must be a date written YYYY-MM-DD');
    else if (value > chinaToday()) this.refuse(field, 'must not be in the future');
    else if (Number(value.slice(0, 4)) < EARLIEST_RECORD_YEAR) {
      this.refuse(field, `must not be before ${EARLIEST_RECORD_YEAR}`);
    }
    return value;
  }

  /** A list of at most `max` values, none repeated; `min` 1 when it may not be empty. */
  list<T>(values: readonly T[], field: string, options: { max?: number; min?: number } = {}): T[] {
    const { max = Infinity, min = 0 } = options;
    if (values.length < min) this.refuse(field, `must list at least ${min}`);
    else if (values.length > max) this.refuse(field, `must list at most ${max} (it lists ${values.length})`);
    else {
      const repeat = firstRepeat(values);
      if (repeat)
        this.refuse(field, `must not list ${quote(repeat.value)} twice (again at [${repeat.index}])`);
    }
    return [...values];
  }

  /** Throws one BAD_USER_INPUT listing every problem recorded, if there is any. */
  done(): void {
    const [first, ...rest] = this.problems;
    if (first) throw new BadUserInputError([first, ...rest]);
  }
}

/** The first value that appears twice in a list, with the index of its second appearance. */
export function firstRepeat<T>(values: readonly T[]): { value: T; index: number } | null {
  const seen = new Set<T>();
  for (const [index, value] of values.entries()) {
    if (seen.has(value)) return { value, index };
    seen.add(value);
  }
  return null;
}
