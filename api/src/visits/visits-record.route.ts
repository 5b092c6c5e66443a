/**
 * Recording visits (visits.record):
 * - `POST /api/visits`: a grid worker records a visit in one of their own grids (their staff
 *   row is the visitor) to a building that grid holds, at most 31 days back and not in the
 *   future. The note is stored, never logged nor audited.
 * - `PATCH /api/visits/{district}/{id}`: a correction, naming the version it corrects (409 when
 *   someone changed it since).
 * - `DELETE /api/visits/{district}/{id}?version=&reason=`: a withdrawal. The row stays (who,
 *   when, why) and counts nowhere.
 * Who may correct or withdraw: the one who recorded it, within 7 days of recording; or anyone
 * holding visits.plan (the district's administrators) in whose jurisdiction it lies, at any
 * time. Every change is audited with what changed (never the note's text).
 */
import { createRoute, z } from '@hono/zod-openapi';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import type { SessionUser } from '../auth/session-user.js';
import type { Db } from '../db/db.types.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { gridOfBuilding } from './building-in-grid.js';
import { readVisit, type StoredVisit } from './visit-row.js';
import { gridInForce, requireOwnGrid } from './visits-access.js';
import { VisitCorrectionBody, VisitRecordBody, VisitSchema, VisitWithdrawQuery } from './visits.schemas.js';

const DAY_MS = 86_400_000;
/** How far back a visit may be entered (days): later entries are for an administrator to make. */
export const MAX_BACKDATE_DAYS = 31;
/** How long the recorder may correct or withdraw their own visit (days). */
export const OWN_CORRECTION_DAYS = 7;
/** Clocks of phones drift: a visit a few minutes "in the future" is not refused. */
const CLOCK_SLACK_MS = 10 * 60_000;

/** The generated visits' kind column, from the category a visit was made for. */
function kindOf(category: string): 'routine' | 'difficulty' | 'elderly_alone' {
  if (category === 'elderly_alone') return 'elderly_alone';
  return category === 'low_income' || category === 'disabled' ? 'difficulty' : 'routine';
}

function checkVisitTime(iso: string): void {
  const t = Date.parse(iso);
  if (t > Date.now() + CLOCK_SLACK_MS) throw new HttpError(400, 'bad_request', 'visitedAt is in the future');
  if (t < Date.now() - MAX_BACKDATE_DAYS * DAY_MS) {
    throw new HttpError(400, 'bad_request', `visitedAt is more than ${MAX_BACKDATE_DAYS} days ago: ask an administrator to enter it`);
  }
}

const Path = z.object({
  district: z.string().regex(/^\d{6}$/, { error: 'a 6-digit district code' }),
  id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});

/** The stored visit the caller may change, else 404/403/409 saying why. */
async function changeable(db: Db, user: SessionUser, district: string, id: number, version: number): Promise<StoredVisit> {
  const stored = await readVisit(db, district, id);
  if (!stored) throw notFound(`no visit ${id} in district ${district}`);
  requireInsideJurisdiction(user.jurisdictions, stored.communityCode, 'region');
  if (stored.deleted) throw new HttpError(409, 'conflict', `visit ${id} was withdrawn: it cannot change`);
  const admin = user.permissions.includes('visits.plan');
  if (!admin) {
    if (stored.recordedBy !== user.id) throw forbidden(`visit ${id} was recorded by someone else: ask an administrator to change it`);
    if (stored.recordedMs !== null && stored.recordedMs < Date.now() - OWN_CORRECTION_DAYS * DAY_MS) {
      throw forbidden(`visit ${id} was recorded more than ${OWN_CORRECTION_DAYS} days ago: ask an administrator to change it`);
    }
  }
  if (stored.visit.version !== version) {
    throw new HttpError(
      409,
      'conflict',
      `visit ${id} changed since you read it (now version ${stored.visit.version}): reload and try again`,
      {
        version: stored.visit.version,
      },
    );
  }
  return stored;
}

const visitReply = (description: string) => ({ description, content: { 'application/json': { schema: VisitSchema } } });

export const visitsRecordRoute = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['visits'],
      summary: 'Record a visit in one of your own grids (visits.record)',
      middleware: [requirePermission('visits.record')],
      request: { body: { required: true, content: { 'application/json': { schema: VisitRecordBody } } } },
      responses: {
        201: visitReply('the visit recorded'),
        400: errorResponse('a time in the future or too far back, a building the grid does not hold, or bad fields'),
        403: errorResponse('not your grid, or your account is not linked to a staff member'),
        404: errorResponse('no such grid in force'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const grid = await gridInForce(c, body.gridCode);
      const staff = await requireOwnGrid(c, grid);
      checkVisitTime(body.visitedAt);
      const db = c.var.db;
      if ((await gridOfBuilding(db, grid.districtCode, body.buildingId)) !== grid.code) {
        throw new HttpError(400, 'bad_request', `building ${body.buildingId} is not in grid ${grid.code}`);
      }
      const r = await db.query<{ id: string }>(
        `INSERT INTO visits (district_code, staff_id, building_id, visited_at, kind, category, household, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, now()) RETURNING id`,
        [
          grid.districtCode,
          staff.id,
          body.buildingId,
          body.visitedAt,
          kindOf(body.category),
          body.category,
          body.household ?? null,
          body.note ?? null,
          currentUser(c).id,
        ],
      );
      const id = Number(r.rows[0]!.id);
      await auditRequest(c, 'visits.record', grid.code, { id, buildingId: body.buildingId, category: body.category });
      const stored = (await readVisit(db, grid.districtCode, id))!;
      return c.json({ ...stored.visit, gridCode: grid.code }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{district}/{id}',
      tags: ['visits'],
      summary: 'Correct a visit: yours within 7 days, any with visits.plan',
      middleware: [requirePermission('visits.record')],
      request: { params: Path, body: { required: true, content: { 'application/json': { schema: VisitCorrectionBody } } } },
      responses: {
        200: visitReply('the visit corrected'),
        400: errorResponse('bad fields or a time out of range'),
        403: errorResponse("someone else's visit, or older than 7 days, or outside your jurisdiction"),
        404: errorResponse('no such visit'),
        409: errorResponse('changed since you read it, or withdrawn'),
      },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.visitedAt !== undefined) checkVisitTime(body.visitedAt);
      const db = c.var.db;
      const stored = await db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM visits WHERE district_code = $1 AND id = $2 FOR UPDATE', [district, id]);
        const stored = await changeable(tx, currentUser(c), district, id, body.version);
        await tx.query(
          `UPDATE visits SET version = version + 1,
             category = CASE WHEN $3::boolean THEN $4 ELSE category END,
             kind = CASE WHEN $3::boolean THEN $5 ELSE kind END,
             visited_at = coalesce($6::timestamptz, visited_at),
             household = CASE WHEN $7::boolean THEN $8 ELSE household END,
             note = CASE WHEN $9::boolean THEN $10 ELSE note END
           WHERE district_code = $1 AND id = $2`,
          [
            district,
            id,
            body.category !== undefined,
            body.category ?? null,
            body.category ? kindOf(body.category) : null,
            body.visitedAt ?? null,
            body.household !== undefined,
            body.household ?? null,
            body.note !== undefined,
            body.note ?? null,
          ],
        );
        return stored;
      });
      const fields = (['category', 'visitedAt', 'household', 'note'] as const).filter((k) => body[k] !== undefined);
      await auditRequest(c, 'visits.correct', `${district}/${id}`, { fields, version: body.version + 1 });
      const after = (await readVisit(db, district, id))!;
      return c.json({ ...after.visit, gridCode: await gridOfBuilding(db, district, stored.visit.buildingId) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{district}/{id}',
      tags: ['visits'],
      summary: 'Withdraw a visit (kept, counted nowhere): yours within 7 days, any with visits.plan',
      middleware: [requirePermission('visits.record')],
      request: { params: Path, query: VisitWithdrawQuery },
      responses: {
        200: visitReply('the visit withdrawn'),
        400: errorResponse('no reason or no version'),
        403: errorResponse("someone else's visit, or older than 7 days, or outside your jurisdiction"),
        404: errorResponse('no such visit'),
        409: errorResponse('changed since you read it, or already withdrawn'),
      },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const q = c.req.valid('query');
      const db = c.var.db;
      const user = currentUser(c);
      const stored = await db.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM visits WHERE district_code = $1 AND id = $2 FOR UPDATE', [district, id]);
        const stored = await changeable(tx, user, district, id, q.version);
        await tx.query(
          `UPDATE visits SET version = version + 1, deleted_at = now(), deleted_by = $3, delete_reason = $4 WHERE district_code = $1 AND id = $2`,
          [district, id, user.id, q.reason],
        );
        return stored;
      });
      await auditRequest(c, 'visits.withdraw', `${district}/${id}`, { reason: q.reason });
      const after = (await readVisit(db, district, id))!;
      return c.json({ ...after.visit, gridCode: await gridOfBuilding(db, district, stored.visit.buildingId) }, 200);
    },
  );
