/**
 * Path parameters several routes share: a district code and a row id, each with the message a
 * person reads when it does not parse.
 */
import { z } from '@hono/zod-openapi';

/** `{district}`: a 6-digit district code. */
export const districtPathParam = (name = 'district') =>
  z
    .string()
    .regex(/^\d{6}$/, { error: 'expected a 6-digit district code' })
    .openapi({ param: { name, in: 'path' } });

/** A positive whole-number id in the path (up to 16 digits), refused with `error`. */
export const idPathParam = (name: string, error: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error })
    .openapi({ param: { name, in: 'path' } });
