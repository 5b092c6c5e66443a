/**
 * `GET /api/special-groups/records?region=&purpose=`: individual special-group records for
 * `special_groups.records` (grid workers), inside the caller's jurisdiction, identity and
 * phone numbers masked. A purpose is required and every read is audited: who, when, which
 * region, how many records, why, from where.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, insideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { createRouter } from '../http/router.js';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { maskIdNumber, maskPhone } from './mask.js';
import { SpecialGroupRecordSchema } from './special-groups.schemas.js';

const MAX_RECORDS = 1000;
const CATEGORY_KEYS = SPECIAL_GROUP_CATEGORIES.map((c) => c.key) as [string, ...string[]];

const RecordsQuery = RegionQuerySchema.extend({
  purpose: z
    .string({ error: 'required: say why you read these records (it is written to the audit log)' })
    .trim()
    .min(2, { error: 'required: say why you read these records (it is written to the audit log)' })
    .max(200)
    .regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR })
    .openapi({ example: '季度走访' }),
  category: z.enum(CATEGORY_KEYS).optional(),
});

type RecordRow = z.infer<typeof SpecialGroupRecordSchema>;

export const specialGroupsRecordsRoute = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/records',
    tags: ['special-groups'],
    summary: 'Individual records, masked, audited; purpose required (special_groups.records)',
    middleware: [requirePermission('special_groups.records')],
    request: { query: RecordsQuery },
    responses: {
      200: {
        description: `records (at most ${MAX_RECORDS}; truncated says when more exist)`,
        content: { 'application/json': { schema: z.object({ records: z.array(SpecialGroupRecordSchema), truncated: z.boolean() }) } },
      },
    },
  }),
  async (c) => {
    const user = currentUser(c);
    const q = c.req.valid('query');
    const region = await resolveRegionFor(c, q.region);
    const r = await c.var.db.query<RecordRow>(
      `SELECT s.id, s.building_id AS "buildingId", b.name AS "buildingName", b.community_code AS "communityCode",
         s.category, to_char(s.since, 'YYYY-MM-DD') AS since, s.id_number AS "idNumber", s.phone
       FROM special_group_records s
       JOIN buildings b ON b.district_code = s.district_code AND b.id = s.building_id
       WHERE s.district_code = $1 AND b.community_code LIKE $2 || '%' AND ${insideJurisdiction('b.community_code', '$3')}
         AND ($4::text IS NULL OR s.category = $4)
       ORDER BY s.id
       LIMIT ${MAX_RECORDS + 1}`,
      [region.districtCode, region.code, user.jurisdictions, q.category ?? null],
    );
    const records = r.rows
      .slice(0, MAX_RECORDS)
      .map((row) => ({ ...row, idNumber: maskIdNumber(row.idNumber), phone: maskPhone(row.phone) }));
    await auditRequest(c, 'special_groups.records.read', region.code, {
      purpose: q.purpose,
      count: records.length,
      ...(q.category ? { category: q.category } : {}),
    });
    return c.json({ records, truncated: r.rows.length > MAX_RECORDS }, 200);
  },
);
