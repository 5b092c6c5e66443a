/**
 * The staffing-model editor (issue 18), mounted under `/api/staff`:
 *
 *   GET  /models?region=     the district's chosen model, the models it may use, holders per role (staff.read)
 *   POST /models             copy a model into the district (staff.edit over the whole district)
 *   PUT  /models/{key}       edit a district's copy: names, roles, limits (version-checked)
 *   PUT  /model              choose the district's model
 *
 * Writes need `staff.edit` and a jurisdiction holding the whole district; each is one
 * transaction with its `staff.model.*` audit row, and answers the district's models afresh.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { writeAudit } from '../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { errorResponse } from '../http/error-response.js';
import { createRouter } from '../http/router.js';
import { rosterScope } from './staff-scope.js';
import { chooseModel, copyModel, editModel, listModels } from './staff-models.store.js';
import { DistrictModelsSchema, ModelChoiceSchema, ModelCopySchema, ModelEditSchema } from './staff-models.schemas.js';

const READ = requirePermission('staff.read');
const EDIT = requirePermission('staff.edit');
const ok = (description: string) => ({ description, content: { 'application/json': { schema: DistrictModelsSchema } } });
const json = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
const WRITE_ERRORS = {
  400: errorResponse('invalid fields: keys, names, scopes, limits, duplicate roles'),
  403: errorResponse('the district is not wholly inside your jurisdiction, you lack staff.edit, or the model is built-in'),
  404: errorResponse('no such model in the district'),
  409: errorResponse('a stale version (names who changed the model), a key taken, or a role workers hold (says how many)'),
};

export const staffModelsRoute = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/models',
      tags: ['staff'],
      summary: "The district's staffing models: the chosen one, built-in ones and the district's copies, holders per role (staff.read)",
      middleware: [READ],
      request: {
        query: z.object({
          region: z
            .string()
            .regex(/^\d{6}(\d{3}){0,2}$/, { error: 'expected a region code of 6, 9 or 12 digits' })
            .optional(),
        }),
      },
      responses: { 200: ok("the district's models"), 403: errorResponse('outside your jurisdiction') },
    }),
    async (c) => {
      const scope = await rosterScope(c, c.req.valid('query').region);
      return c.json(await listModels(c.var.db, scope.districtCode), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/models',
      tags: ['staff'],
      summary: 'Copy a staffing model into the district under a new key (staff.edit)',
      middleware: [EDIT],
      request: json(ModelCopySchema),
      responses: { 201: ok("the district's models, the copy among them"), ...WRITE_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.district, 'district');
      const out = await c.var.db.transaction(async (tx) => {
        await copyModel(tx, body.district, body.from, body, user.username);
        await writeAudit(tx, {
          userId: user.id,
          action: 'staff.model.copy',
          target: `${body.district}/${body.key}`,
          detail: { from: body.from },
          ip: c.var.ip,
        });
        return listModels(tx, body.district);
      });
      return c.json(out, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/models/{key}',
      tags: ['staff'],
      summary: "Edit a district's staffing model: names, roles (added, renamed, limits, optional), in order (staff.edit, version-checked)",
      middleware: [EDIT],
      request: {
        params: z.object({
          key: z
            .string()
            .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'expected a model key' })
            .openapi({ param: { name: 'key', in: 'path' } }),
        }),
        ...json(ModelEditSchema),
      },
      responses: { 200: ok("the district's models, the edited one a version on"), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.district, 'district');
      const out = await c.var.db.transaction(async (tx) => {
        const change = await editModel(tx, body.district, key, body, user.username);
        await writeAudit(tx, {
          userId: user.id,
          action: 'staff.model.update',
          target: `${body.district}/${key}`,
          detail: { version: body.version, ...change },
          ip: c.var.ip,
        });
        return listModels(tx, body.district);
      });
      return c.json(out, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/model',
      tags: ['staff'],
      summary: "Choose the district's staffing model; vacancy and overload checks follow it at once (staff.edit)",
      middleware: [EDIT],
      request: json(ModelChoiceSchema),
      responses: { 200: ok("the district's models, the choice made"), ...WRITE_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.district, 'district');
      const out = await c.var.db.transaction(async (tx) => {
        const { from } = await chooseModel(tx, body.district, body.model, user.username);
        await writeAudit(tx, {
          userId: user.id,
          action: 'staff.model.choose',
          target: `${body.district}/${body.model}`,
          detail: { from },
          ip: c.var.ip,
        });
        return listModels(tx, body.district);
      });
      return c.json(out, 200);
    },
  );
