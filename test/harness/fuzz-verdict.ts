import type { Answer, AnsweredError } from './fuzz-client';
import type { FuzzCase } from './fuzz-cases';
import { showsNothing } from './fuzz-values';

/** The codes a client may branch on; anything else (or nothing) is an unhandled failure. */
export const STABLE_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'UNAUTHENTICATED',
  'QUERY_TOO_EXPENSIVE',
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
]);

/** Codes that say "your input is wrong": such a refusal must say which input. */
const INPUT_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'NOT_FOUND',
]);
/** Codes whose error locates the offending literal in the document rather than naming it. */
const DOCUMENT_CODES: ReadonlySet<string> = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

export const MAX_MESSAGE_LENGTH = 500;

/** What the graph must do with every fuzz request; a finding breaks one of them. */
export const RULES = {
  timely: 'answers every request within the time budget',
  serverError: 'never answers HTTP 5xx or a body that is not GraphQL JSON',
  internalError: 'never answers INTERNAL_SERVER_ERROR or an error without a code',
  stableCodes: 'answers only stable error codes',
  namesField: 'names the offending argument or input field in an input refusal',
  shortMessage: `keeps error messages to ${MAX_MESSAGE_LENGTH} characters`,
  cleanMessage: 'keeps raw control, bidi-override and unpaired-surrogate characters out of messages',
  notForbidden: 'refuses malformed input as input, not as FORBIDDEN',
  refusesInvalid: 'refuses mutations with values that can never be valid',
  invisibleText: 'never stores invisible-only text as given or as empty',
  noWrites: 'writes nothing when it refuses a mutation',
} as const;

export type Rule = (typeof RULES)[keyof typeof RULES];

export interface Finding {
  rule: Rule;
  fuzzCase: FuzzCase;
  detail: string;
}

/**
 * C0 and C1 controls, bidi overrides and isolates, and surrogates that pair with nothing. No `u`
 * flag: it reads code points, and a lone surrogate is none, so it could not be matched.
 */
const RAW_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a message carries characters that must reach a reader escaped, never raw. */
export function hasRawCharacters(message: string): boolean {
  return RAW_CHARACTERS.test(message);
}

/** Everything an answer breaks, judged from the answer alone. */
export function judgeAnswer(fuzzCase: FuzzCase, answer: Answer, budgetMs: number): Finding[] {
  const finding = (rule: Rule, detail: string): Finding => ({ rule, fuzzCase, detail });
  if (answer.timedOut) return [finding(RULES.timely, `no answer within ${budgetMs} ms`)];
  if (answer.failure) return [finding(RULES.serverError, `HTTP ${answer.status}: ${answer.failure}`)];
  const findings: Finding[] = [];
  if (answer.status >= 500) findings.push(finding(RULES.serverError, `HTTP ${answer.status}`));
  for (const error of answer.errors) findings.push(...judgeError(fuzzCase, error, finding));
  if (answer.errors.length > 0) findings.push(...judgeRefusal(fuzzCase, answer.errors, finding));
  else findings.push(...judgeAcceptance(fuzzCase, answer, finding));
  return findings;
}

type MakeFinding = (rule: Rule, detail: string) => Finding;

function judgeError(fuzzCase: FuzzCase, error: AnsweredError, finding: MakeFinding): Finding[] {
  const findings: Finding[] = [];
  const code = error.extensions?.code;
  const message = String(error.message ?? '');
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    findings.push(finding(RULES.internalError, describeError(error)));
  } else if (!STABLE_CODES.has(String(code))) {
    findings.push(finding(RULES.stableCodes, describeError(error)));
  }
  if (message.length > MAX_MESSAGE_LENGTH) {
    findings.push(finding(RULES.shortMessage, `${code}: message of ${message.length} characters`));
  }
  if (hasRawCharacters(message)) findings.push(finding(RULES.cleanMessage, describeError(error)));
  if (code === 'FORBIDDEN' && fuzzCase.hostile.malformed) {
    findings.push(finding(RULES.notForbidden, describeError(error)));
  }
  return findings;
}

function judgeRefusal(fuzzCase: FuzzCase, errors: AnsweredError[], finding: MakeFinding): Finding[] {
  const aboutInput = errors.filter((error) => INPUT_CODES.has(String(error.extensions?.code)));
  if (aboutInput.length === 0 || errors.some((error) => namesSlot(fuzzCase, error))) return [];
  return [finding(RULES.namesField, `does not name ${fuzzCase.leaf}: ${describeError(aboutInput[0]!)}`)];
}

function judgeAcceptance(fuzzCase: FuzzCase, answer: Answer, finding: MakeFinding): Finding[] {
  if (fuzzCase.operation !== 'mutation') return [];
  const findings: Finding[] = [];
  if (fuzzCase.hostile.mustRefuse) findings.push(finding(RULES.refusesInvalid, 'accepted'));
  const payload = answer.data?.[fuzzCase.field] as Record<string, unknown> | null | undefined;
  const stored = fuzzCase.echoField ? payload?.[fuzzCase.echoField] : undefined;
  if (fuzzCase.hostile.invisible && typeof stored === 'string') {
    if (stored === fuzzCase.hostile.value || showsNothing(stored)) {
      findings.push(finding(RULES.invisibleText, `stored ${fuzzCase.echoField} = ${JSON.stringify(stored)}`));
    }
  }
  return findings;
}

/** The field names an error's extensions carry: `field`, `fields` (names or `{ field }`), `path`. */
export function namedFields(extensions: Record<string, any> | undefined): string[] {
  if (!extensions) return [];
  const listed: any[] = Array.isArray(extensions.fields) ? extensions.fields : [];
  return [
    extensions.field,
    ...listed.map((f) => (typeof f === 'object' && f ? (f.field ?? f.path) : f)),
  ].filter((f): f is string => typeof f === 'string');
}

/**
 * Whether an error says which input is wrong: its message or extensions name the slot; a
 * NOT_FOUND repeats the id it could not find; or, for a literal in the document, a validation or
 * parse error points at that literal.
 */
function namesSlot(fuzzCase: FuzzCase, error: AnsweredError): boolean {
  const word = new RegExp(`(?<![A-Za-z0-9_])${fuzzCase.leaf}(?![A-Za-z0-9_])`);
  if ([String(error.message), ...namedFields(error.extensions)].some((text) => word.test(text))) return true;
  const code = String(error.extensions?.code);
  if (code === 'NOT_FOUND' && error.extensions?.id === fuzzCase.hostile.value) return true;
  const literal = fuzzCase.literal;
  return (
    DOCUMENT_CODES.has(code) &&
    !!literal &&
    (error.locations ?? []).some((l) => l.line === 1 && l.column >= literal.start && l.column <= literal.end)
  );
}

/** An error for a report line: its code and the start of its message, escaped so it shows. */
export function describeError(error: AnsweredError): string {
  const message = String(error.message ?? '');
  const shown = message.length > 160 ? `${message.slice(0, 160)}… (${message.length} chars)` : message;
  return `${error.extensions?.code ?? 'no code'} ${JSON.stringify(shown)}`;
}

/** A refused mutation that changed row counts wrote something despite its refusal. */
export function judgeWrites(fuzzCase: FuzzCase, answer: Answer, changed: string[]): Finding[] {
  if (answer.errors.length === 0 || changed.length === 0) return [];
  return [{ rule: RULES.noWrites, fuzzCase, detail: `refused, yet ${changed.join(', ')}` }];
}

/** One report line per finding: the request and what went wrong. */
export function describeFinding({ fuzzCase: c, detail }: Finding): string {
  const how = c.inline ? 'inline' : 'variables';
  return `#${c.id} ${c.field}(${c.path} ← ${c.hostile.label}, ${how}): ${detail}`;
}
