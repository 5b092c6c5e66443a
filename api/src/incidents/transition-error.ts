/**
 * incident_transition() (migration 0039) raises its refusals with SQLSTATEs that name the HTTP
 * status: GA400, GA403, GA404, GA409. They become the API's error body with the function's
 * message; anything else is not ours to translate and goes on as it is.
 */
import { HttpError, type ErrorCode } from '../http/http-error.js';

const STATUS: Record<string, [400 | 403 | 404 | 409, ErrorCode]> = {
  GA400: [400, 'bad_request'],
  GA403: [403, 'forbidden'],
  GA404: [404, 'not_found'],
  GA409: [409, 'conflict'],
};

export function transitionError(error: unknown): unknown {
  const e = error as { code?: string; message?: string };
  const known = e.code ? STATUS[e.code] : undefined;
  return known ? new HttpError(known[0], known[1], e.message ?? 'the transition was refused') : error;
}
