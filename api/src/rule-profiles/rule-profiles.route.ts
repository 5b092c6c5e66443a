/**
 * Rule profiles are data: `GET /api/rule-profiles` lists a district's (map.read), `POST`
 * adds one and may make it active (profiles.edit), `POST /:id/activate` switches the active
 * one. Editing needs the whole district inside the caller's jurisdiction; every change is
 * audited by the app's write middleware.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { currentUser, overlapsJurisdiction, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { Db } from '../db/db.types.js';
import { HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { NewProfile, ProfileSchema, type Profile } from './rule-profiles.schemas.js';

const COLUMNS = `id, district_code AS "districtCode", name, active, created_at AS "createdAt", max_households AS "maxHouseholds",
  max_persons AS "maxPersons", combine, under_fill_ratio::float8 AS "underFillRatio", min_grids_per_zone AS "minGridsPerZone",
  max_grids_per_zone AS "maxGridsPerZone", sliver_m2 AS "sliverM2", sliver_width_m AS "sliverWidthM"`;

const IdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a profile id (a positive whole number)' })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const toProfile = (r: Profile & { createdAt: unknown; districtCode: string }): Profile => ({
  ...r,
  districtCode: r.districtCode.trim(),
  createdAt: new Date(r.createdAt as string).toISOString(),
});

async function activate(tx: Db, districtCode: string, id: number): Promise<void> {
  await tx.query('UPDATE rule_profiles SET active = false WHERE district_code = $1 AND active AND id <> $2', [districtCode, id]);
  await tx.query('UPDATE rule_profiles SET active = true WHERE district_code = $1 AND id = $2', [districtCode, id]);
}

const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });

export const ruleProfilesApp = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['rule profiles'],
      summary: 'Rule profiles of the districts in your jurisdiction, the active one first (map.read)',
      middleware: [requirePermission('map.read')],
      responses: { 200: ok(z.object({ profiles: z.array(ProfileSchema) }), 'the profiles') },
    }),
    async (c) => {
      const user = currentUser(c);
      const r = await c.var.db.query<Profile>(
        `SELECT ${COLUMNS} FROM rule_profiles WHERE ${overlapsJurisdiction('district_code', '$1')} ORDER BY district_code, active DESC, id DESC`,
        [user.jurisdictions],
      );
      return c.json({ profiles: r.rows.map(toProfile) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['rule profiles'],
      summary: 'Add a rule profile, optionally making it the active one (profiles.edit)',
      middleware: [requirePermission('profiles.edit')],
      request: { body: { content: { 'application/json': { schema: NewProfile } }, required: true } },
      responses: {
        201: ok(ProfileSchema, 'the new profile'),
        403: errorResponse('the district is not wholly inside your jurisdiction'),
        404: errorResponse('no such district'),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.districtCode, 'district');
      const profile = await c.var.db.transaction(async (tx) => {
        const known = await tx.query('SELECT 1 FROM districts WHERE district_code = $1', [body.districtCode]);
        if (known.rows.length === 0) throw notFound(`no district with code ${body.districtCode}`);
        const r = await tx.query<Profile>(
          `INSERT INTO rule_profiles (district_code, name, max_households, max_persons, combine, under_fill_ratio, min_grids_per_zone, max_grids_per_zone, sliver_m2, sliver_width_m)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [
            body.districtCode,
            body.name,
            body.maxHouseholds,
            body.maxPersons,
            body.combine,
            body.underFillRatio,
            body.minGridsPerZone,
            body.maxGridsPerZone,
            body.sliverM2,
            body.sliverWidthM,
          ],
        );
        const id = r.rows[0]!.id;
        if (body.activate) await activate(tx, body.districtCode, id);
        const row = await tx.query<Profile>(`SELECT ${COLUMNS} FROM rule_profiles WHERE district_code = $1 AND id = $2`, [
          body.districtCode,
          id,
        ]);
        return toProfile(row.rows[0]!);
      });
      return c.json(profile, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/activate',
      tags: ['rule profiles'],
      summary: "Make a profile its district's active one (profiles.edit)",
      middleware: [requirePermission('profiles.edit')],
      request: { params: IdParam },
      responses: {
        200: ok(ProfileSchema, 'the profile, now active'),
        403: errorResponse('the district is not wholly inside your jurisdiction'),
        404: errorResponse('no such profile'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const user = currentUser(c);
      const profile = await c.var.db.transaction(async (tx) => {
        const found = await tx.query<{ districtCode: string }>(
          `SELECT district_code AS "districtCode" FROM rule_profiles WHERE id = $1::bigint FOR UPDATE`,
          [id],
        );
        const district = found.rows[0]?.districtCode.trim();
        if (!district) throw notFound(`no rule profile with id ${id}`);
        requireInsideJurisdiction(user.jurisdictions, district, 'district');
        await activate(tx, district, Number(id));
        const row = await tx.query<Profile>(`SELECT ${COLUMNS} FROM rule_profiles WHERE district_code = $1 AND id = $2`, [district, id]);
        if (!row.rows[0]) throw new HttpError(409, 'conflict', `rule profile ${id} vanished during activation`);
        return toProfile(row.rows[0]);
      });
      return c.json(profile, 200);
    },
  );
