import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { quote } from './quote';

/**
 * The stable codes clients branch on (`extensions.code`). Apollo's own codes (GRAPHQL_VALIDATION_FAILED,
 * BAD_REQUEST …) pass through unchanged; these are the ones our domain raises.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  /** The request ran past its time budget; nothing it changed was kept. */
  TIMEOUT = 'TIMEOUT',
  /** The query's estimated cost is above the gateway's limit; refused before any work. */
  QUERY_TOO_EXPENSIVE = 'QUERY_TOO_EXPENSIVE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** A dependency the request needs (the report queue) is down; nothing was changed, try again. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** Refusals of the HTTP request itself, before GraphQL (libs/subgraph-server/src/http.ts). */
  BAD_REQUEST = 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
}

/** A refusal the caller can act on. Services throw these; `formatError` maps them to GraphQL. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Machine-readable detail, e.g. which input field was wrong. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One thing wrong with one input field. `field` is the path the client wrote: `input.name`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Wrong input. `extensions.field` names the first bad field and `extensions.fields` lists every
 * one with its own message, so a front end can mark all of its boxes from one answer.
 */
export class BadUserInputError extends DomainError {
  constructor(message: string, field?: string);
  constructor(problems: readonly [FieldProblem, ...FieldProblem[]]);
  constructor(messageOrProblems: string | readonly [FieldProblem, ...FieldProblem[]], field?: string) {
    const problems =
      typeof messageOrProblems === 'string'
        ? field
          ? [{ field, message: messageOrProblems }]
          : []
        : messageOrProblems;
    const message =
      typeof messageOrProblems === 'string'
        ? messageOrProblems
        : problems.length === 1
          ? problems[0]!.message
          : `The input has ${problems.length} problems: ${problems.map((p) => p.message).join('; ')}`;
    super(
      ErrorCode.BAD_USER_INPUT,
      message,
      problems.length > 0 ? { field: problems[0]!.field, fields: problems } : {},
    );
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication required: send Authorization: Bearer <token>') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends DomainError {
  /** `field`: the input field whose value the caller may not use (e.g. a filter's region). */
  constructor(message: string, field?: string) {
    super(ErrorCode.FORBIDDEN, message, field ? { field } : {});
  }
}

/**
 * A row the caller cannot see, absent or out of scope alike. `field` names the input field the id
 * came from (`input.teacherId`), left out when the id is the operation's own subject.
 */
export class NotFoundError extends DomainError {
  constructor(entity: string, id: string, field?: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${quote(id)} was not found in your scope`, {
      entity,
      ...(field ? { field } : {}),
    });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.CONFLICT, message);
  }
}

export class TimeoutError extends DomainError {
  constructor(budgetMs: number) {
    super(
      ErrorCode.TIMEOUT,
      `The request ran past its time budget of ${budgetMs} ms and was stopped; nothing it changed was kept. Ask for less (a smaller region, period or page) or try again later`,
      { budgetMs },
    );
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.SERVICE_UNAVAILABLE, message);
  }
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
};

/** A GraphQLError for places that must throw one directly (context creation, plugins). */
export function toGraphQLError(error: DomainError): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    extensions: { code: error.code, ...error.details, ...(status ? { http: { status } } : {}) },
  });
}

/**
 * The one place errors become what clients see. Domain errors keep their code and message;
 * GraphQL's own errors (syntax, validation, limits) pass through; anything else is an internal
 * error whose message — which may carry SQL or paths — is hidden outside development.
 */
export function createErrorFormatter(options: { exposeInternals: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: original.code, ...original.details },
      };
    }
    // graphql-js gives up on variables after 50 problems with an error that has no code; it is
    // the input's fault like the 50 before it.
    if (formatted.message.startsWith(TOO_MANY_VARIABLE_ERRORS)) {
      return { ...formatted, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const code = formatted.extensions?.code;
    const known = typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR;
    if (known || options.exposeInternals) {
      const message = requoteStrings(formatted.message);
      if (options.exposeInternals) return { ...formatted, message };
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message, extensions };
    }
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

const TOO_MANY_VARIABLE_ERRORS = 'Too many errors processing variables';

/**
 * A JSON string literal: how GraphQL's own messages repeat a value (`got invalid value "…"`),
 * with the ` at ` that introduces it when it is the place of the value instead.
 */
const JSON_STRING = /( at )?("(?:[^"\\]|\\.)*")/g;

/**
 * Where in the input GraphQL found the value (`at "input.indicators[0].children[1].title"`): made
 * of the schema's own names and indexes, so nothing to hide, and cut it would no longer say where.
 */
const INPUT_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_]\w*|\[\d+\])*$/;

/**
 * GraphQL's own refusals of a variable or literal (`Variable "$input" got invalid value "…" at
 * "input.date"; …`, `Expected value of type "Date", found "…"`) repeat the value whole. Each
 * string in such a message is quoted again the one way (quote), so they are as short and as
 * safe to show as the domain's own messages.
 */
function requoteStrings(message: string): string {
  return message.replace(JSON_STRING, (whole, at: string | undefined, literal: string) => {
    try {
      const value: unknown = JSON.parse(literal);
      if (at && typeof value === 'string' && INPUT_PATH.test(value)) return whole;
      return `${at ?? ''}${quote(value)}`;
    } catch {
      return whole;
    }
  });
}
