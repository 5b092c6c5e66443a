/**
 * `/api/service-hours` (issue 17): the service hours grid notice boards post.
 *   GET    ?region=<district|subdistrict|community|grid>  the district's text, the community's override, what a board posts
 *   PUT    { region, zh, en }                             set a district's text or a community's override (profiles.edit)
 *   DELETE ?region=<district|community>                   back to the district's text (or the default)
 * Reading needs reports.export or profiles.edit; the region must be inside the caller's
 * jurisdiction (a district's text: the whole district). Each write is one transaction with its
 * own `notice_boards.service_hours` audit row naming the old and new text.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { writeAudit } from '../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requireAnyPermission, requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from '../http/error-response.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import {
  ServiceHoursDeleteQuerySchema,
  ServiceHoursQuerySchema,
  ServiceHoursSchema,
  ServiceHoursUpdateSchema,
  type StoredServiceHours,
} from './service-hours.schemas.js';
import { clearServiceHours, serviceHoursOf, writeServiceHours } from './service-hours.store.js';

const ok = { 200: { description: 'the service hours of the region', content: { 'application/json': { schema: ServiceHoursSchema } } } };

/** The region exists and is a district or a community (what a text is kept for). */
async function requireSettable(db: Db, region: string): Promise<void> {
  const r = await db.query('SELECT 1 FROM regions WHERE district_code = $1 AND code = $2', [region.slice(0, 6), region]);
  if (!r.rows[0]) throw notFound(`no region with code ${region}`);
}

function requireOwn(c: Context<AppEnv>, region: string): void {
  requireInsideJurisdiction(currentUser(c).jurisdictions, region, region.length === 6 ? 'district' : 'region');
}

const text = (s: StoredServiceHours | null) => (s ? { zh: s.zh, en: s.en } : null);

export const serviceHoursApp = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['reports'],
      summary: 'The service hours a notice board of the region posts, and where they come from (reports.export or profiles.edit)',
      middleware: [requireAnyPermission('reports.export', 'profiles.edit')],
      request: { query: ServiceHoursQuerySchema },
      responses: { ...ok, 403: errorResponse('the region is outside your jurisdiction') },
    }),
    async (c) => {
      const { region } = c.req.valid('query');
      requireInsideJurisdiction(currentUser(c).jurisdictions, region, region.length === 15 ? 'grid' : 'region');
      return c.json(await serviceHoursOf(c.var.db, region), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/',
      tags: ['reports'],
      summary: "Set a district's service hours or a community's own (profiles.edit)",
      middleware: [requirePermission('profiles.edit')],
      request: { body: { required: true, content: { 'application/json': { schema: ServiceHoursUpdateSchema } } } },
      responses: {
        ...ok,
        400: errorResponse('empty or too long text, control characters, or a code that is no district or community'),
        403: errorResponse('the region is outside your jurisdiction (a district: not wholly inside)'),
        404: errorResponse('no such region'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      requireOwn(c, body.region);
      const user = currentUser(c);
      const answer = await c.var.db.transaction(async (tx) => {
        await requireSettable(tx, body.region);
        const before = await writeServiceHours(tx, body.region, { zh: body.zh, en: body.en }, user.username);
        await writeAudit(tx, {
          userId: user.id,
          action: 'notice_boards.service_hours',
          target: body.region,
          detail: { before: text(before), after: { zh: body.zh, en: body.en } },
          ip: c.var.ip,
        });
        return serviceHoursOf(tx, body.region);
      });
      return c.json(answer, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/',
      tags: ['reports'],
      summary: "Remove a community's own service hours (or a district's: back to the default) (profiles.edit)",
      middleware: [requirePermission('profiles.edit')],
      request: { query: ServiceHoursDeleteQuerySchema },
      responses: {
        ...ok,
        403: errorResponse('the region is outside your jurisdiction'),
        404: errorResponse('no such region, or it has no service hours of its own'),
      },
    }),
    async (c) => {
      const { region } = c.req.valid('query');
      requireOwn(c, region);
      const user = currentUser(c);
      const answer = await c.var.db.transaction(async (tx) => {
        const removed = await clearServiceHours(tx, region);
        if (!removed) throw notFound(`region ${region} has no service hours of its own`);
        await writeAudit(tx, {
          userId: user.id,
          action: 'notice_boards.service_hours',
          target: region,
          detail: { before: text(removed), after: null },
          ip: c.var.ip,
        });
        return serviceHoursOf(tx, region);
      });
      return c.json(answer, 200);
    },
  );
