/**
 * `/api/briefings` (issue 17): briefings of saved map views. Reading needs `dashboard.read` or
 * `analytics.read` and the briefing's region inside the caller's jurisdiction; every write
 * needs `briefings.edit`, names the version it edited (a stale one is a 409 saying who changed
 * it), runs in one transaction and leaves a `briefings.*` audit row in it (besides the app's
 * `http.write` row). Every write answers the whole briefing, with its new version.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { writeAudit } from '../audit/audit.store.js';
import { currentUser, overlaps, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requireAnyPermission, requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from '../http/error-response.js';
import { forbidden, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { regionCodeSchema } from '../regions/region-scope.js';
import { bumpVersion, listBriefings, loadBriefing, lockForWrite, type BriefingRow } from './briefing.store.js';
import {
  BriefingListSchema,
  BriefingSchema,
  BriefingUpdateSchema,
  NewBriefingSchema,
  SlideAddSchema,
  SlideMoveSchema,
  SlideUpdateSchema,
  type BriefingView,
} from './briefings.schemas.js';
import { checkSlideView } from './slide-view-check.js';
import { slideFigure } from './slide-figure.js';
import { SlideFigureSchema } from './slide-figure.schemas.js';

const idParam = (name: string, what: string) =>
  z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: `expected a ${what} id (a positive whole number)` })
    .openapi({ param: { name, in: 'path' } });
const BriefingParams = z.object({ id: idParam('id', 'briefing') });
const SlideParams = z.object({ id: idParam('id', 'briefing'), slideId: idParam('slideId', 'slide') });
const VersionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ description: 'the version you edited', param: { name: 'version', in: 'query' } }),
});

const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const READ = requireAnyPermission('dashboard.read', 'analytics.read');
const EDIT = requirePermission('briefings.edit');
const WRITE_ERRORS = {
  400: errorResponse(
    'the request or a slide view is invalid (unknown layer, bad period, camera out of range, region outside the briefing)',
  ),
  403: errorResponse('the briefing or the view region is outside your jurisdiction, or you lack briefings.edit'),
  404: errorResponse('no such briefing or slide'),
  409: errorResponse('someone changed the briefing since the version you edited: reload it'),
};

/** One write: lock + version check, the change, the version bump and its audit row, in one transaction. */
async function write(
  c: Context<AppEnv>,
  id: number,
  version: number,
  action: string,
  change: (tx: Db, row: BriefingRow) => Promise<Record<string, unknown>>,
) {
  const user = currentUser(c);
  return c.var.db.transaction(async (tx) => {
    const row = await lockForWrite(tx, id, user, version);
    const detail = await change(tx, row);
    await bumpVersion(tx, row, user.username);
    await writeAudit(tx, {
      userId: user.id,
      action: `briefings.${action}`,
      target: String(id),
      detail: { ...detail, version },
      ip: c.var.ip,
    });
    return loadBriefing(tx, id, user);
  });
}

async function slideCount(tx: Db, row: BriefingRow): Promise<number> {
  const r = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM briefing_slides WHERE district_code = $1 AND briefing_id = $2', [
    row.districtCode,
    row.id,
  ]);
  return r.rows[0]!.n;
}

async function slidePosition(tx: Db, row: BriefingRow, slideId: number): Promise<number> {
  const r = await tx.query<{ position: number }>(
    'SELECT position FROM briefing_slides WHERE district_code = $1 AND briefing_id = $2 AND id = $3::bigint',
    [row.districtCode, row.id, slideId],
  );
  if (!r.rows[0]) throw notFound(`briefing ${row.id} has no slide ${slideId}: it may have been deleted`);
  return r.rows[0].position;
}

async function insertSlide(
  tx: Db,
  row: BriefingRow,
  slide: { title: string; note: string; view: BriefingView },
  position: number,
): Promise<number> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO briefing_slides (district_code, briefing_id, position, title, note, view) VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id::int AS id`,
    [row.districtCode, row.id, position, slide.title, slide.note, JSON.stringify(slide.view)],
  );
  return r.rows[0]!.id;
}

export const briefingsApp = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['briefings'],
      summary: 'Briefings of your jurisdiction (shared with entitled users whose jurisdiction covers them), newest first',
      middleware: [READ],
      request: {
        query: z.object({
          region: regionCodeSchema.optional().openapi({ description: 'only briefings of this region or inside it' }),
        }),
      },
      responses: {
        200: ok(BriefingListSchema, 'the briefings, without their slides'),
        403: errorResponse('region outside your jurisdiction'),
      },
    }),
    async (c) => {
      const user = currentUser(c);
      const { region } = c.req.valid('query');
      if (region !== undefined && !overlaps(user.jurisdictions, region)) throw forbidden(`region ${region} is outside your jurisdiction`);
      return c.json({ briefings: await listBriefings(c.var.db, user, region ?? null) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['briefings'],
      summary: 'Create a briefing of a region inside your jurisdiction, optionally with its first slides (briefings.edit)',
      middleware: [EDIT],
      request: { body: { content: { 'application/json': { schema: NewBriefingSchema } }, required: true } },
      responses: { 201: ok(BriefingSchema, 'the new briefing'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.regionCode, 'region');
      const briefing = await c.var.db.transaction(async (tx) => {
        const districtCode = body.regionCode.slice(0, 6);
        const known = await tx.query('SELECT 1 FROM regions WHERE district_code = $1 AND code = $2', [districtCode, body.regionCode]);
        if (known.rows.length === 0) throw notFound(`no region with code ${body.regionCode}`);
        const r = await tx.query<{ id: number }>(
          `INSERT INTO briefings (district_code, region_code, title, pinned_as_of, created_by, updated_by)
           VALUES ($1, $2, $3, $4::date, $5, $5) RETURNING id::int AS id`,
          [districtCode, body.regionCode, body.title, body.pinnedAsOf, user.username],
        );
        const row: BriefingRow = { id: r.rows[0]!.id, districtCode, regionCode: body.regionCode, version: 1 };
        for (const [i, slide] of body.slides.entries()) {
          await checkSlideView(tx, slide.view, row, user.jurisdictions);
          await insertSlide(tx, row, slide, i);
        }
        await writeAudit(tx, {
          userId: user.id,
          action: 'briefings.create',
          target: String(row.id),
          detail: { regionCode: body.regionCode, slides: body.slides.length },
          ip: c.var.ip,
        });
        return loadBriefing(tx, row.id, user);
      });
      return c.json(briefing, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['briefings'],
      summary: 'A briefing with its slides in order',
      middleware: [READ],
      request: { params: BriefingParams },
      responses: {
        200: ok(BriefingSchema, 'the briefing'),
        403: errorResponse('the briefing is outside your jurisdiction'),
        404: errorResponse('no such briefing'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await loadBriefing(c.var.db, Number(id), currentUser(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/slides/{slideId}/figure',
      tags: ['briefings'],
      summary: "A slide's key figure: the dashboard's figure for the slide's region, period (cut at the pin) and filters",
      middleware: [READ],
      request: { params: SlideParams },
      responses: {
        200: ok(SlideFigureSchema, 'the figure, "pending" while patrol days are worked out, or "unavailable" to this user'),
        403: errorResponse('the briefing or the slide region is outside your jurisdiction'),
        404: errorResponse('no such briefing or slide'),
      },
    }),
    async (c) => {
      const { id, slideId } = c.req.valid('param');
      const user = currentUser(c);
      const briefing = await loadBriefing(c.var.db, Number(id), user);
      const slide = briefing.slides.find((s) => s.id === Number(slideId));
      if (!slide) throw notFound(`briefing ${id} has no slide ${slideId}: it may have been deleted`);
      const { figure, jobs } = await slideFigure(c.var.db, user, slide.view, briefing.pinnedAsOf, c.var.inlinePatrolTracks);
      if (jobs.length > 0) c.var.jobs.wake();
      return c.json(figure, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags: ['briefings'],
      summary: 'Change the title or pin the briefing to a date (null: live figures) (briefings.edit)',
      middleware: [EDIT],
      request: { params: BriefingParams, body: { content: { 'application/json': { schema: BriefingUpdateSchema } }, required: true } },
      responses: { 200: ok(BriefingSchema, 'the briefing, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const briefing = await write(c, Number(id), body.version, 'update', async (tx, row) => {
        await tx.query(
          `UPDATE briefings SET title = coalesce($3, title), pinned_as_of = CASE WHEN $4 THEN $5::date ELSE pinned_as_of END
            WHERE district_code = $1 AND id = $2`,
          [row.districtCode, row.id, body.title ?? null, body.pinnedAsOf !== undefined, body.pinnedAsOf ?? null],
        );
        return {
          ...(body.title !== undefined ? { title: true } : {}),
          ...(body.pinnedAsOf !== undefined ? { pinnedAsOf: body.pinnedAsOf } : {}),
        };
      });
      return c.json(briefing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['briefings'],
      summary: 'Delete a briefing and its slides (briefings.edit)',
      middleware: [EDIT],
      request: { params: BriefingParams, query: VersionQuery },
      responses: { 200: ok(z.object({ deleted: z.number() }), 'the id of the deleted briefing'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version } = c.req.valid('query');
      const user = currentUser(c);
      await c.var.db.transaction(async (tx) => {
        const row = await lockForWrite(tx, Number(id), user, version);
        const slides = await slideCount(tx, row);
        await tx.query('DELETE FROM briefings WHERE district_code = $1 AND id = $2', [row.districtCode, row.id]);
        await writeAudit(tx, { userId: user.id, action: 'briefings.delete', target: id, detail: { version, slides }, ip: c.var.ip });
      });
      return c.json({ deleted: Number(id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/slides',
      tags: ['briefings'],
      summary: 'Add a slide (a saved map view), at the end or at a position (briefings.edit)',
      middleware: [EDIT],
      request: { params: BriefingParams, body: { content: { 'application/json': { schema: SlideAddSchema } }, required: true } },
      responses: { 201: ok(BriefingSchema, 'the briefing with the new slide, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const briefing = await write(c, Number(id), body.version, 'slide.add', async (tx, row) => {
        await checkSlideView(tx, body.slide.view, row, user.jurisdictions);
        const count = await slideCount(tx, row);
        const position = Math.min(body.position ?? count, count);
        await tx.query(
          'UPDATE briefing_slides SET position = position + 1 WHERE district_code = $1 AND briefing_id = $2 AND position >= $3',
          [row.districtCode, row.id, position],
        );
        const slideId = await insertSlide(tx, row, body.slide, position);
        return { slideId, position };
      });
      return c.json(briefing, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/slides/{slideId}',
      tags: ['briefings'],
      summary: "Change a slide's title, note or saved view (briefings.edit)",
      middleware: [EDIT],
      request: { params: SlideParams, body: { content: { 'application/json': { schema: SlideUpdateSchema } }, required: true } },
      responses: { 200: ok(BriefingSchema, 'the briefing, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id, slideId } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const briefing = await write(c, Number(id), body.version, 'slide.update', async (tx, row) => {
        await slidePosition(tx, row, Number(slideId));
        if (body.view) await checkSlideView(tx, body.view, row, user.jurisdictions);
        await tx.query(
          `UPDATE briefing_slides SET title = coalesce($4, title), note = coalesce($5, note), view = coalesce($6::jsonb, view)
            WHERE district_code = $1 AND briefing_id = $2 AND id = $3::bigint`,
          [row.districtCode, row.id, slideId, body.title ?? null, body.note ?? null, body.view ? JSON.stringify(body.view) : null],
        );
        return { slideId: Number(slideId), fields: Object.keys(body).filter((k) => k !== 'version') };
      });
      return c.json(briefing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/slides/{slideId}/move',
      tags: ['briefings'],
      summary: 'Move a slide to another position; the others close up (briefings.edit)',
      middleware: [EDIT],
      request: { params: SlideParams, body: { content: { 'application/json': { schema: SlideMoveSchema } }, required: true } },
      responses: { 200: ok(BriefingSchema, 'the briefing in its new order, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id, slideId } = c.req.valid('param');
      const body = c.req.valid('json');
      const briefing = await write(c, Number(id), body.version, 'slide.move', async (tx, row) => {
        const from = await slidePosition(tx, row, Number(slideId));
        const to = Math.min(body.position, (await slideCount(tx, row)) - 1);
        if (to > from) {
          await tx.query(
            `UPDATE briefing_slides SET position = position - 1 WHERE district_code = $1 AND briefing_id = $2 AND position > $3 AND position <= $4`,
            [row.districtCode, row.id, from, to],
          );
        } else if (to < from) {
          await tx.query(
            `UPDATE briefing_slides SET position = position + 1 WHERE district_code = $1 AND briefing_id = $2 AND position >= $4 AND position < $3`,
            [row.districtCode, row.id, from, to],
          );
        }
        await tx.query('UPDATE briefing_slides SET position = $4 WHERE district_code = $1 AND briefing_id = $2 AND id = $3::bigint', [
          row.districtCode,
          row.id,
          slideId,
          to,
        ]);
        return { slideId: Number(slideId), from, to };
      });
      return c.json(briefing, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/slides/{slideId}',
      tags: ['briefings'],
      summary: 'Delete a slide; the ones after it close up (briefings.edit)',
      middleware: [EDIT],
      request: { params: SlideParams, query: VersionQuery },
      responses: { 200: ok(BriefingSchema, 'the briefing without the slide, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { id, slideId } = c.req.valid('param');
      const { version } = c.req.valid('query');
      const briefing = await write(c, Number(id), version, 'slide.delete', async (tx, row) => {
        const position = await slidePosition(tx, row, Number(slideId));
        await tx.query('DELETE FROM briefing_slides WHERE district_code = $1 AND briefing_id = $2 AND id = $3::bigint', [
          row.districtCode,
          row.id,
          slideId,
        ]);
        await tx.query(
          'UPDATE briefing_slides SET position = position - 1 WHERE district_code = $1 AND briefing_id = $2 AND position > $3',
          [row.districtCode, row.id, position],
        );
        return { slideId: Number(slideId), position };
      });
      return c.json(briefing, 200);
    },
  );
