import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Response } from 'express';
import { ErrorCode } from '@mingshi/graphql';
import type { Logger } from '@mingshi/logger';

/*
 * The HTTP surface the gateway and every subgraph share: whatever goes wrong before or around
 * GraphQL (a body that is not JSON, one too large, a path or method nothing serves) answers in the
 * same JSON shape as a GraphQL error, so clients parse one kind of refusal, never an HTML page.
 */

/** The largest JSON body /graphql reads: far above any real operation, far below a memory problem. */
const JSON_BODY_LIMIT = '1mb';

/** Express without the `X-Powered-By` banner, which tells strangers what to attack. */
export function createHttpApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  return app;
}

/** A refusal outside GraphQL, in the shape GraphQL errors take, so clients read both alike. */
export function sendHttpError(res: Response, status: number, code: ErrorCode, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** Ends a route's method list: any other method is 405 with the Allow header the spec asks for. */
export function methodNotAllowed(...methods: string[]): RequestHandler {
  // Express answers HEAD with the GET handler, so a route serving GET serves HEAD too.
  const allowed = (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
  return (req, res) => {
    res.setHeader('Allow', allowed);
    sendHttpError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `${req.path} answers ${allowed} only`);
  };
}

/**
 * Serves GraphQL at /graphql over GET and POST. The JSON parser runs for GET too because Apollo's
 * Express integration refuses, with a plain-text 500, a request whose body was never parsed.
 */
export function mountGraphQL(app: Express, handler: RequestHandler): void {
  const body = express.json({ limit: JSON_BODY_LIMIT });
  app.route('/graphql').get(body, handler).post(body, handler).all(methodNotAllowed('GET', 'POST'));
}

/** Mounted last: unknown paths are 404, and errors that escaped a route answer as JSON. */
export function mountHttpFallbacks(app: Express, logger: Logger): void {
  app.use((req, res) => {
    sendHttpError(res, 404, ErrorCode.NOT_FOUND, `Nothing is served at ${req.method} ${req.path}`);
  });
  app.use(httpErrorHandler(logger));
}

/** What body-parser (express.json) and http-errors attach to the errors they raise. */
interface HttpError extends Error {
  status?: number;
  type?: string;
  expose?: boolean;
  limit?: number;
}

function httpErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, _req, res, next) => {
    // Once a response has started only Express's own handler can end it (by closing the socket).
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') {
      const limit = error.limit ? ` of ${Math.round(error.limit / 1024)} KB` : '';
      return sendHttpError(
        res,
        413,
        ErrorCode.PAYLOAD_TOO_LARGE,
        `The request body is larger than the limit${limit}`,
      );
    }
    if (error.type === 'entity.parse.failed') {
      return sendHttpError(
        res,
        400,
        ErrorCode.BAD_REQUEST,
        `The request body is not valid JSON: ${error.message}`,
      );
    }
    const status = error.status ?? 500;
    if (status >= 400 && status < 500 && error.expose) {
      return sendHttpError(res, status, ErrorCode.BAD_REQUEST, error.message);
    }
    logger.error({ err: error }, 'unhandled HTTP error');
    sendHttpError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  };
}
