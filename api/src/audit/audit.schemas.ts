/**
 * The audit log's contract: the query `GET /api/audit` takes and the page it answers, named
 * so clients take their types from here (see ../contract.ts).
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR, isStorableDateTime } from '../http/safe-text.js';

const DATE_TIME_ERROR = 'expected an ISO date-time such as 2025-06-30T00:00:00Z';
const dateTime = z.iso.datetime({ offset: true, error: DATE_TIME_ERROR }).refine(isStorableDateTime, { error: DATE_TIME_ERROR });

export const AuditQuery = z.object({
  user: z
    .string()
    .min(1)
    .max(100)
    .regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR })
    .optional()
    .openapi({ description: 'username' }),
  action: z
    .string()
    .regex(/^[a-z_.]+\*?$/, { error: 'expected an action such as "auth.login.failure", or a prefix ending in *' })
    .optional(),
  from: dateTime.optional(),
  to: dateTime.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,18}$/, { error: 'expected the nextCursor of a previous page' })
    .optional(),
});

export const AuditEntrySchema = z
  .object({
    id: z.number(),
    at: z.string(),
    userId: z.number().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
  })
  .openapi('AuditEntry');

/** One page of entries; `nextCursor` is null on the last page. */
export const AuditPageSchema = z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });

export type AuditQueryInput = z.input<typeof AuditQuery>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
