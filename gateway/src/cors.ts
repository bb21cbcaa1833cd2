import cors from 'cors';
import type { RequestHandler } from 'express';
import { REQUEST_ID_HEADER } from '@mingshi/logger';

/**
 * What front ends send: the token, JSON, their own request id (to find their call in the logs),
 * and the header that satisfies Apollo's CSRF guard on GET requests.
 */
const ALLOWED_HEADERS = ['authorization', 'content-type', REQUEST_ID_HEADER, 'apollo-require-preflight'];

/**
 * Lets pages on the given origins call the gateway from the browser, and answers their preflight
 * OPTIONS. Tokens travel in a header, not a cookie, so no credentials mode is needed.
 */
export function corsPolicy(origins: (string | RegExp)[]): RequestHandler {
  return cors({
    origin: origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: [REQUEST_ID_HEADER],
    // Browsers cap this themselves (Chrome at 2 hours); 10 minutes saves most preflights.
    maxAge: 600,
  });
}
