/**
 * The uniform error body `{ error: { code, message, details? } }` and the detail shapes shared
 * by every feature (a 400's validation problems, a 503's time limit). Features declare their
 * own details (a save's conflict, an import's reasons) beside their other schemas and wrap
 * them with `errorBodySchema` so /api/openapi.json and the web's types say the same thing.
 */
import { z } from '@hono/zod-openapi';
import type { ErrorCode } from './http-error.js';

export const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'not_seeded',
  'conflict',
  'payload_too_large',
  'unprocessable',
  'too_many_requests',
  'time_limit',
  'starting',
  'internal',
] as const satisfies readonly ErrorCode[];

/** The error body with `details` of the given shape (absent when the error has none). */
export function errorBodySchema<D extends z.ZodType>(details: D) {
  return z.object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: details.optional() }) });
}

/** One problem of a 400 from request validation: which parameter and what it should look like. */
export const ValidationProblemSchema = z
  .object({
    parameter: z.string().openapi({ description: 'the parameter or body field, dotted for nested fields; "(body)" for the whole body' }),
    message: z.string(),
  })
  .openapi('ValidationProblem');
export type ValidationProblem = z.infer<typeof ValidationProblemSchema>;

/** A 400 from request validation: `details` lists every problem. */
export const ValidationErrorSchema = errorBodySchema(z.array(ValidationProblemSchema)).openapi('ValidationError');
export type ValidationError = z.infer<typeof ValidationErrorSchema>;

/** A 503 `time_limit`: the request passed its time limit (ms). */
export const TimeLimitDetailSchema = z
  .object({ limitMs: z.number().openapi({ description: 'the limit in milliseconds' }) })
  .openapi('TimeLimitDetail');
export type TimeLimitDetail = z.infer<typeof TimeLimitDetailSchema>;
