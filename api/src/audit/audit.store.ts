/**
 * Writing to the append-only audit log: who (user id), when (database time), what (action,
 * target, detail) and from where (address). Personal data goes here and nowhere else — never
 * into the JSON logs.
 */
import type { Context } from 'hono';
import type { Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';

export interface AuditEntry {
  userId: number | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
  ip: string | null;
}

// PostgreSQL text and jsonb refuse NUL and lone UTF-16 surrogates; a hostile path or
// username must still be audited (as U+FFFD), not fail the request.
// eslint-disable-next-line no-control-regex -- NUL is what must go
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const storable = (text: string): string => text.replace(UNSTORABLE, '\ufffd');

export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.query(`INSERT INTO audit_log (user_id, action, target, detail, ip) VALUES ($1, $2, $3, $4::jsonb, $5)`, [
    entry.userId,
    entry.action,
    entry.target == null ? null : storable(entry.target),
    JSON.stringify(entry.detail ?? {}, (_key, value: unknown) => (typeof value === 'string' ? storable(value) : value)),
    entry.ip,
  ]);
}

/** Audits an action by the request's user from the request's address. */
export function auditRequest(c: Context<AppEnv>, action: string, target: string | null, detail?: Record<string, unknown>): Promise<void> {
  return writeAudit(c.var.db, { userId: c.var.user?.id ?? null, action, target, ...(detail ? { detail } : {}), ip: c.var.ip });
}
