/**
 * The caller's address for the audit log and login throttling: the socket's peer, or the
 * first X-Forwarded-For hop when the app runs behind a proxy it trusts (never otherwise:
 * the header is the client's to forge). Null under `app.request()` in tests.
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
