/**
 * What is due and overdue (definitions in visits-due.sql.ts):
 * - `GET /api/visits/grids?region=&day=&category=` (visits.read): per grid in force, counts
 *   only, special-group counts suppressed at the district's threshold; audited.
 * - `GET /api/visits/grids/{code}/due?day=` (visits.records): who and which buildings in one
 *   grid of the caller's jurisdiction are still to visit, most overdue first; audited.
 * - `GET /api/visits/mine/due?day=` (visits.record): the same over the grids the caller's own
 *   staff row serves — a grid worker's list, as of today by default (they record visits now,
 *   not on the district's reference day); audited.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { shanghaiDate } from '../analytics/patrols-period.js';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { readAnalyticsSettings } from '../analytics/settings.store.js';
import { errorResponse } from '../http/error-response.js';
import { forbidden } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { dayOrReference, gridInForce, linkedStaff, staffGrids } from './visits-access.js';
import { dueByGrid, dueItems } from './visits-due.js';
import { DaySchema, GridCodeParam, VisitCategorySchema, VisitDueGridsSchema, VisitDueListSchema } from './visits.schemas.js';

const DayQuery = z.object({ day: DaySchema.optional().openapi({ description: "default: the district's reference day, else today" }) });
const list = { 200: { description: 'units still to visit', content: { 'application/json': { schema: VisitDueListSchema } } } };

export const visitsDueRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/grids',
      tags: ['visits'],
      summary: 'Visits due, done, pending and overdue per grid in force; special-group counts suppressed (visits.read)',
      middleware: [requirePermission('visits.read')],
      request: {
        query: RegionQuerySchema.merge(DayQuery).extend({
          category: VisitCategorySchema.optional().openapi({ description: 'default: all special-group categories together' }),
        }),
      },
      responses: {
        200: { description: 'the table', content: { 'application/json': { schema: VisitDueGridsSchema } } },
        403: errorResponse('the region is outside your jurisdiction'),
        404: errorResponse('no such region'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const region = await resolveRegionFor(c, q.region);
      const db = c.var.db;
      const [day, settings] = await Promise.all([
        dayOrReference(db, region.districtCode, q.day),
        readAnalyticsSettings(db, region.districtCode),
      ]);
      const body = await dueByGrid(
        db,
        { districtCode: region.districtCode, regionCode: region.code, jurisdictions: currentUser(c).jurisdictions, day },
        q.category ?? null,
        settings.suppressionThreshold,
      );
      await auditRequest(c, 'visits.grids.read', region.code, { day, category: q.category ?? null, rows: body.rows.length });
      return c.json(body, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/grids/{code}/due',
      tags: ['visits'],
      summary: 'Who and which buildings in a grid are still to visit this period (visits.records, audited)',
      middleware: [requirePermission('visits.records')],
      request: { params: GridCodeParam, query: DayQuery },
      responses: { ...list, 403: errorResponse('the grid is outside your jurisdiction'), 404: errorResponse('no such grid in force') },
    }),
    async (c) => {
      const grid = await gridInForce(c, c.req.valid('param').code);
      const day = await dayOrReference(c.var.db, grid.districtCode, c.req.valid('query').day);
      const items = await dueItems(c.var.db, {
        districtCode: grid.districtCode,
        regionCode: grid.communityCode,
        jurisdictions: currentUser(c).jurisdictions,
        day,
        gridCode: grid.code,
      });
      await auditRequest(c, 'visits.due.read', grid.code, { day, count: items.length });
      return c.json({ day, grids: [{ code: grid.code, name: grid.name }], items }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/mine/due',
      tags: ['visits'],
      summary: "The caller's own grids' units still to visit this period (visits.record, audited)",
      middleware: [requirePermission('visits.record')],
      request: {
        query: RegionQuerySchema.extend({ day: DaySchema.optional().openapi({ description: 'default: today (Asia/Shanghai)' }) }),
      },
      responses: { ...list, 403: errorResponse('the account is not linked to a staff member') },
    }),
    async (c) => {
      const user = currentUser(c);
      const q = c.req.valid('query');
      const region = await resolveRegionFor(c, q.region);
      const db = c.var.db;
      const staff = await linkedStaff(db, user.id, region.districtCode);
      if (!staff) throw forbidden('your account is not linked to a staff member of this district: ask an administrator to link it');
      const grids = await staffGrids(db, region.districtCode, staff.id, user.jurisdictions);
      const day = q.day ?? shanghaiDate(Date.now());
      const items = [];
      for (const g of grids) {
        items.push(
          ...(await dueItems(db, {
            districtCode: region.districtCode,
            regionCode: g.code.slice(0, 12),
            jurisdictions: user.jurisdictions,
            day,
            gridCode: g.code,
          })),
        );
      }
      // Most overdue first across the grids, as within one.
      items.sort((a, b) => (b.overdueDays ?? -1) - (a.overdueDays ?? -1));
      await auditRequest(c, 'visits.due.read', region.districtCode, { day, grids: grids.map((g) => g.code), count: items.length });
      return c.json({ day, grids, items }, 200);
    },
  );
