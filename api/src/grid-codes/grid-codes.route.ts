/**
 * `GET /api/grid-codes/:code`: the history of a grid code — the plan that first approved it,
 * when and by which plan it was retired, the codes it came from and the codes that
 * replaced it (lineage recorded on approval) — so "where did grid X go?" has an answer.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { GridCodeHistorySchema } from './grid-codes.schemas.js';

export const gridCodesApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/{code}',
    tags: ['plans'],
    summary: "A grid code's history: issued, retired, where it came from and went (plans.read)",
    middleware: [requirePermission('plans.read')],
    request: {
      params: z.object({
        code: z
          .string()
          .regex(/^\d{15}$/, { error: 'expected a 15-digit grid code' })
          .openapi({ param: { name: 'code', in: 'path' }, example: '610199001001001' }),
      }),
    },
    responses: {
      200: { description: 'the history', content: { 'application/json': { schema: GridCodeHistorySchema } } },
      403: errorResponse("the grid's community is outside your jurisdiction"),
      404: errorResponse('the code was never issued'),
    },
  }),
  async (c) => {
    const { code } = c.req.valid('param');
    const user = currentUser(c);
    requireInsideJurisdiction(user.jurisdictions, code, 'grid');
    const db = c.var.db;
    const r = await db.query<{
      firstPlanId: number;
      issuedAt: Date | null;
      retiredAt: Date | null;
      retiredPlanId: number | null;
      district: string;
    }>(
      `SELECT c.first_plan_id AS "firstPlanId", p.approved_at AS "issuedAt", c.retired_at AS "retiredAt", c.retired_plan_id AS "retiredPlanId", c.district_code AS district
       FROM grid_codes c LEFT JOIN plans p ON p.district_code = c.district_code AND p.id = c.first_plan_id
       WHERE c.district_code = left($1, 6) AND c.code = $1`,
      [code],
    );
    const row = r.rows[0];
    if (!row) throw notFound(`grid code ${code} was never issued`);
    const links = await db.query<{ code: string; planId: number; sharedM2: number; side: 'parent' | 'child' }>(
      `SELECT parent_code AS code, plan_id AS "planId", shared_m2 AS "sharedM2", 'parent' AS side FROM grid_code_lineage WHERE district_code = $2 AND code = $1
       UNION ALL
       SELECT code, plan_id, shared_m2, 'child' FROM grid_code_lineage WHERE district_code = $2 AND parent_code = $1
       ORDER BY side, code`,
      [code, row.district],
    );
    const side = (s: 'parent' | 'child') =>
      links.rows
        .filter((l) => l.side === s)
        .map((l) => ({ code: l.code, planId: Number(l.planId), sharedM2: Math.round(l.sharedM2 * 10) / 10 }));
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return c.json(
      {
        code,
        firstPlanId: Number(row.firstPlanId),
        issuedAt: iso(row.issuedAt),
        retiredAt: iso(row.retiredAt),
        retiredPlanId: row.retiredPlanId === null ? null : Number(row.retiredPlanId),
        parents: side('parent'),
        children: side('child'),
      },
      200,
    );
  },
);
