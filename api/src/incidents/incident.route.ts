/**
 * One incident: `GET /api/incidents/{district}/{id}` with its timeline and the states the
 * caller may move it to; `GET …/photos/{photoId}` a photo of its report; `POST …/transitions`
 * one step of the loop, performed and checked by incident_transition() in SQL (rule for the
 * caller's roles, jurisdiction, version) and answered with the incident as it now is.
 */
import { districtPathParam, idPathParam } from '../http/path-params.js';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { currentUser, isInsideJurisdiction } from '../auth/jurisdiction.js';
import { requireAnyPermission, requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import type { AppEnv } from '../http/app-env.js';
import { errorResponse } from '../http/error-response.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { NO_CONTROL_CHARS } from '../http/safe-text.js';
import { INCIDENT_COLUMNS, toSummary, type IncidentRow } from './incident-row.js';
import { IncidentDetailSchema, TransitionRequestSchema, type IncidentDetail } from './incidents.schemas.js';
import { transitionError } from './transition-error.js';

const IncidentParams = z.object({
  district: districtPathParam(),
  id: idPathParam('id', 'expected an incident id (a positive whole number)'),
});
const PhotoParams = IncidentParams.extend({
  photoId: idPathParam('photoId', 'expected a photo id (a positive whole number)'),
});

/** The incident with its timeline, or 404 / 403 (outside the caller's jurisdiction). */
export async function loadIncident(
  db: Db,
  district: string,
  id: number,
  userId: number,
  jurisdictions: readonly string[],
): Promise<IncidentDetail> {
  const r = await db.query<IncidentRow>(`SELECT ${INCIDENT_COLUMNS} FROM incidents i WHERE i.district_code = $1 AND i.id = $2::bigint`, [
    district,
    id,
  ]);
  const row = r.rows[0];
  if (!row) throw notFound(`no incident ${id} in district ${district}`);
  if (!isInsideJurisdiction(jurisdictions, row.communityCode ?? row.districtCode))
    throw forbidden(`incident ${row.code} is outside your jurisdiction`);
  const [timeline, photos, next] = await Promise.all([
    db.query<{
      seq: number;
      state: string;
      at: string;
      role: string;
      actor: string | null;
      lng: number | null;
      lat: number | null;
      note: string | null;
      departmentId: number | null;
      staffId: number | null;
      assigneeName: string | null;
    }>(
      `SELECT t.seq, t.state, to_json(t.at) #>> '{}' AS at, t.actor_role AS role,
         coalesce(u.display_name, s.name) AS actor,
         round(ST_X(t.location)::numeric, 6)::float8 AS lng, round(ST_Y(t.location)::numeric, 6)::float8 AS lat, t.note,
         t.assignee_department_id::float8 AS "departmentId", t.assignee_staff_id::float8 AS "staffId",
         coalesce(d.name, a.name) AS "assigneeName"
       FROM incident_transitions t
       LEFT JOIN users u ON u.id = t.user_id
       LEFT JOIN staff s ON s.district_code = t.district_code AND s.id = t.actor_staff_id
       LEFT JOIN departments d ON d.district_code = t.district_code AND d.id = t.assignee_department_id
       LEFT JOIN staff a ON a.district_code = t.district_code AND a.id = t.assignee_staff_id
       WHERE t.district_code = $1 AND t.incident_id = $2::bigint ORDER BY t.seq`,
      [district, id],
    ),
    db.query<{ id: number }>(
      'SELECT id::float8 AS id FROM incident_photos WHERE district_code = $1 AND incident_id = $2::bigint ORDER BY id',
      [district, id],
    ),
    // The same rule look-up as incident_transition(), so the buttons offered are the ones that work.
    db.query<{ to: string }>(
      `SELECT DISTINCT r.to_state AS to FROM incident_transition_rules r
       JOIN user_roles ur ON ur.role_key = r.role_key AND ur.user_id = $1
       JOIN users u ON u.id = ur.user_id
       WHERE r.from_state = $2 AND (NOT r.assignee_only OR (u.staff_id = $3::bigint AND u.staff_district_code = $4))
       ORDER BY 1`,
      [userId, row.state, row.staffId, district],
    ),
  ]);
  return {
    ...toSummary(row),
    photos: photos.rows.map((p) => p.id),
    timeline: timeline.rows.map((t) => ({
      seq: t.seq,
      state: t.state,
      at: t.at,
      role: t.role,
      actor: t.actor,
      position: t.lng === null || t.lat === null ? null : [t.lng, t.lat],
      note: t.note,
      assignee:
        t.departmentId !== null
          ? { kind: 'department', id: t.departmentId, name: t.assigneeName ?? '' }
          : t.staffId !== null
            ? { kind: 'staff', id: t.staffId, name: t.assigneeName ?? '' }
            : null,
    })),
    next: next.rows.map((n) => n.to),
  };
}

const detail = (c: Context<AppEnv>, district: string, id: number) => {
  const user = currentUser(c);
  return loadIncident(c.var.db, district, id, user.id, user.jurisdictions);
};

export const incidentRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/{district}/{id}',
      tags: ['incidents'],
      summary: 'One incident with its timeline and the states you may move it to (incidents.read)',
      middleware: [requirePermission('incidents.read')],
      request: { params: IncidentParams },
      responses: {
        200: { description: 'the incident', content: { 'application/json': { schema: IncidentDetailSchema } } },
        403: errorResponse('outside your jurisdiction'),
        404: errorResponse('no such incident'),
      },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      return c.json(await detail(c, district, Number(id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{district}/{id}/photos/{photoId}',
      tags: ['incidents'],
      summary: 'A photo of an incident report (incidents.read)',
      middleware: [requirePermission('incidents.read')],
      request: { params: PhotoParams },
      responses: {
        200: { description: 'the image', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } },
        403: errorResponse('outside your jurisdiction'),
        404: errorResponse('no such incident or photo'),
      },
    }),
    async (c) => {
      const { district, id, photoId } = c.req.valid('param');
      await detail(c, district, Number(id));
      const r = await c.var.db.query<{ type: string; bytes: Uint8Array }>(
        'SELECT content_type AS type, bytes FROM incident_photos WHERE district_code = $1 AND incident_id = $2::bigint AND id = $3::bigint',
        [district, id, photoId],
      );
      const photo = r.rows[0];
      if (!photo) throw notFound(`incident ${id} has no photo ${photoId}`);
      return c.body(new Uint8Array(photo.bytes), 200, {
        'content-type': photo.type,
        'cache-control': 'private, max-age=86400',
        'x-content-type-options': 'nosniff',
      });
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{district}/{id}/transitions',
      tags: ['incidents'],
      summary:
        'Move an incident one step through the loop (accept, void, register, dispatch, handle, verify, return for rework, close, evaluate); the rules per role are data, checked in SQL',
      middleware: [requireAnyPermission('incidents.write', 'incidents.dispatch', 'incidents.verify', 'incidents.evaluate')],
      request: {
        params: IncidentParams,
        body: { content: { 'application/json': { schema: TransitionRequestSchema } }, required: true },
      },
      responses: {
        200: { description: 'the incident after the step', content: { 'application/json': { schema: IncidentDetailSchema } } },
        400: errorResponse('a malformed step: unknown department or staff, a missing note for voiding or rework'),
        403: errorResponse('your roles may not make this step, it is not assigned to you, or it is outside your jurisdiction'),
        404: errorResponse('no such incident'),
        409: errorResponse('the incident changed since the version you saw, or is in a state this step does not start from'),
      },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const body = c.req.valid('json');
      if (body.note !== undefined && !NO_CONTROL_CHARS.test(body.note))
        throw new HttpError(400, 'bad_request', 'the note must not contain control characters or unpaired surrogates');
      const user = currentUser(c);
      try {
        await c.var.db.transaction((tx) =>
          tx.query(
            `SELECT incident_transition($1::char(6), $2::bigint, $3::bigint, $4, $5::integer, $6,
               CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326) END,
               $9::bigint, $10::bigint, $11)`,
            [
              district,
              id,
              user.id,
              body.to,
              body.version,
              body.note ?? null,
              body.position?.[0] ?? null,
              body.position?.[1] ?? null,
              body.department ?? null,
              body.staff ?? null,
              body.closure ?? null,
            ],
          ),
        );
      } catch (error) {
        throw transitionError(error);
      }
      return c.json(await detail(c, district, Number(id)), 200);
    },
  );
