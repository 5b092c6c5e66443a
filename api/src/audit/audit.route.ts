/**
 * `GET /api/audit`: the audit log for `audit.read`, newest first, filtered by user, action
 * and time, paged by keyset (`cursor` = the last id seen), so paging stays fast and stable
 * while rows are appended.
 */
import { createRoute } from '@hono/zod-openapi';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { AuditPageSchema, AuditQuery, type AuditEntry } from './audit.schemas.js';

type AuditRow = Omit<AuditEntry, 'at'> & { at: Date };

export const auditApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: 'Audit log entries, newest first (audit.read)',
    middleware: [requirePermission('audit.read')],
    request: { query: AuditQuery },
    responses: {
      200: {
        description: 'one page of entries; nextCursor is null on the last page',
        content: { 'application/json': { schema: AuditPageSchema } },
      },
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const action = q.action?.endsWith('*') ? { prefix: q.action.slice(0, -1) } : { exact: q.action ?? null };
    const r = await c.var.db.query<AuditRow>(
      `SELECT a.id, a.at, a.user_id AS "userId", u.username, a.action, a.target, a.detail, a.ip
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE ($1::text IS NULL OR u.username = $1)
         AND ($2::text IS NULL OR a.action = $2)
         AND ($3::text IS NULL OR left(a.action, length($3)) = $3)
         AND ($4::timestamptz IS NULL OR a.at >= $4)
         AND ($5::timestamptz IS NULL OR a.at < $5)
         AND ($6::bigint IS NULL OR a.id < $6)
       ORDER BY a.id DESC
       LIMIT $7`,
      [
        q.user ?? null,
        'exact' in action ? action.exact : null,
        'prefix' in action ? action.prefix : null,
        q.from ?? null,
        q.to ?? null,
        q.cursor ?? null,
        q.limit + 1,
      ],
    );
    const page = r.rows.slice(0, q.limit);
    const entries = page.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
    const nextCursor = r.rows.length > q.limit ? String(page[page.length - 1]!.id) : null;
    return c.json({ entries, nextCursor }, 200);
  },
);
