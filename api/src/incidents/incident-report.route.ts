/**
 * `POST /api/incidents`: report (上报) an incident at a position, as a multipart form with an
 * optional photo. The incident starts `reported` with its first transition (who, role, when,
 * where); it must lie inside the reporter's jurisdiction. The photo is checked by its bytes and
 * stored in the database; neither it nor the description is ever logged.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { currentUser, isInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import { forbidden, HttpError, type ErrorBody } from '../http/http-error.js';
import { readMultipart } from '../http/multipart.js';
import { createRouter } from '../http/router.js';
import { NO_CONTROL_CHARS } from '../http/safe-text.js';
import { loadIncident } from './incident.route.js';
import { IncidentDetailSchema } from './incidents.schemas.js';
import { MAX_PHOTO_BYTES, sniffPhotoType } from './photo-check.js';

const bad = (message: string) => new HttpError(400, 'bad_request', message);

/** A form field as trimmed text, or a 400 naming it. */
function text(form: Record<string, string | File>, name: string, max: number, required: boolean): string | null {
  const v = form[name];
  if (v === undefined || v === '') {
    if (required) throw bad(`the form needs a "${name}" field`);
    return null;
  }
  if (typeof v !== 'string') throw bad(`"${name}" must be text, not a file`);
  const t = v.trim();
  if (t.length > max) throw bad(`"${name}" may have at most ${max} characters`);
  if (!NO_CONTROL_CHARS.test(t)) throw bad(`"${name}" must not contain control characters or unpaired surrogates`);
  return t;
}

function coordinate(form: Record<string, string | File>, name: 'lng' | 'lat'): number {
  const raw = text(form, name, 20, true)!;
  const v = Number(raw);
  const limit = name === 'lng' ? 180 : 90;
  if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(raw) || !Number.isFinite(v) || Math.abs(v) > limit)
    throw bad(`"${name}" must be a number of degrees (WGS84) within ±${limit}`);
  return v;
}

const limit = bodyLimit({
  maxSize: MAX_PHOTO_BYTES + 64 * 1024,
  onError: (c) => {
    const body: ErrorBody = {
      error: { code: 'payload_too_large', message: `a report with its photo may be at most ${MAX_PHOTO_BYTES / 2 ** 20} MiB` },
    };
    return c.json(body, 413);
  },
});

export const incidentReportRoute = createRouter();
incidentReportRoute.use('/', async (c, next) => (c.req.method === 'POST' ? limit(c, next) : next()));
incidentReportRoute.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags: ['incidents'],
    summary: 'Report an incident at a position ([lng, lat] WGS84), with an optional photo (incidents.write)',
    middleware: [requirePermission('incidents.write')],
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({
              lng: z.string().openapi({ description: 'longitude, WGS84 degrees' }),
              lat: z.string().openapi({ description: 'latitude, WGS84 degrees' }),
              category: z.string().openapi({ description: 'one of the categories of GET /api/incidents/options' }),
              description: z.string().optional().openapi({ description: 'what is wrong, at most 500 characters' }),
              channel: z.string().optional().openapi({ description: 'how it came in (default 网格员上报)' }),
              // Checked by the handler (type by its bytes, size): the schema only describes it.
              photo: z
                .any()
                .optional()
                .openapi({ type: 'string', format: 'binary', description: `JPEG, PNG or WebP, at most ${MAX_PHOTO_BYTES / 2 ** 20} MiB` }),
            }),
          },
        },
      },
    },
    responses: {
      201: { description: 'the new incident', content: { 'application/json': { schema: IncidentDetailSchema } } },
      400: errorResponse(
        'a missing or malformed field, an unknown category, a photo that is no JPEG/PNG/WebP, or a position in no district',
      ),
      403: errorResponse('the position is outside your jurisdiction, or you lack incidents.write'),
      413: errorResponse('the photo is too large'),
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const form = await readMultipart(c);
    const lng = coordinate(form, 'lng');
    const lat = coordinate(form, 'lat');
    const category = text(form, 'category', 40, true)!;
    const description = text(form, 'description', 500, false);
    const channel = text(form, 'channel', 40, false) ?? '网格员上报';
    let photo: { type: string; bytes: Uint8Array } | null = null;
    const file = form.photo;
    if (file !== undefined && file !== '') {
      if (!(file instanceof File)) throw bad('"photo" must be a file');
      if (file.size > MAX_PHOTO_BYTES)
        throw new HttpError(413, 'payload_too_large', `the photo may be at most ${MAX_PHOTO_BYTES / 2 ** 20} MiB`);
      const bytes = new Uint8Array(await file.arrayBuffer());
      const type = sniffPhotoType(bytes);
      if (!type) throw bad('the photo must be a JPEG, PNG or WebP image');
      photo = { type, bytes };
    }
    const created = await c.var.db.transaction(async (tx) => {
      const known = await tx.query<{ category: string }>(
        "SELECT category FROM incident_categories WHERE category <> '*' ORDER BY category",
      );
      if (!known.rows.some((k) => k.category === category))
        throw bad(`unknown category "${category}": categories are ${known.rows.map((k) => k.category).join(', ')}`);
      const where = await tx.query<{ district: string }>(
        `SELECT r.district_code::text AS district FROM regions r
         WHERE r.level = 'district' AND ST_Intersects(r.boundary, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
         ORDER BY r.district_code LIMIT 1`,
        [lng, lat],
      );
      const district = where.rows[0]?.district;
      if (!district) throw bad(`the position [${lng}, ${lat}] lies in no district loaded here`);
      const role = await tx.query<{ key: string }>(
        `SELECT r.key FROM user_roles ur JOIN roles r ON r.key = ur.role_key
         WHERE ur.user_id = $1 AND r.permissions ? 'incidents.write' ORDER BY r.key LIMIT 1`,
        [user.id],
      );
      const inserted = await tx.query<{ id: number; place: string }>(
        `WITH n AS (SELECT nextval(pg_get_serial_sequence('incidents', 'id')) AS id)
         INSERT INTO incidents (district_code, id, code, category, channel, state, reported_at, location, description, reported_by)
         SELECT $1::char(6), n.id, 'SJ' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(n.id::text, 6, '0'),
           $2, $3, 'reported', now(), ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4326), $6, $7
         FROM n
         RETURNING id::float8 AS id, coalesce(community_code, district_code::text) AS place`,
        [district, category, channel, lng, lat, description, user.id],
      );
      const { id, place } = inserted.rows[0]!;
      if (!isInsideJurisdiction(user.jurisdictions, place)) throw forbidden(`the position [${lng}, ${lat}] is outside your jurisdiction`);
      const me = await tx.query<{ staffId: number | null }>(
        `SELECT CASE WHEN EXISTS (SELECT 1 FROM staff s WHERE s.district_code = $2 AND s.id = u.staff_id) THEN u.staff_id::float8 END AS "staffId"
         FROM users u WHERE u.id = $1 AND u.staff_district_code = $2`,
        [user.id, district],
      );
      await tx.query(
        `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_staff_id, actor_role, location, user_id)
         VALUES ($1, $2::bigint, 1, 'reported', now(), $3::bigint, $4, ST_SetSRID(ST_MakePoint($5::float8, $6::float8), 4326), $7)`,
        [district, id, me.rows[0]?.staffId ?? null, role.rows[0]?.key ?? user.roles[0] ?? 'unknown', lng, lat, user.id],
      );
      if (photo)
        await tx.query(
          'INSERT INTO incident_photos (district_code, incident_id, content_type, bytes, uploaded_by) VALUES ($1, $2::bigint, $3, $4, $5)',
          [district, id, photo.type, photo.bytes, user.id],
        );
      return { district, id };
    });
    return c.json(await loadIncident(c.var.db, created.district, created.id, user.id, user.jurisdictions), 201);
  },
);
