/**
 * `/api/staff` (issue 18): the N+5 roster of a jurisdiction.
 *
 *   GET   /model?region=                          the district's staffing model (roles, scopes, limits)
 *   GET   /?region&q&role&grid&active             workers (work phone only; gender, birth year to editors)
 *   POST  /                                       add a worker with assignments (staff.edit)
 *   GET   /workers/{district}/{id}                one worker
 *   PATCH /workers/{district}/{id}                edit or deactivate (staff.edit, version-checked)
 *   PUT   /workers/{district}/{id}/assignments    replace a worker's assignments (staff.edit, version-checked)
 *   GET   /checks?region=                         vacancies, overloads, workers needing a grid, per grid
 *   GET   /proposals?region&status                assignments proposed after a plan's approval
 *   POST  /proposals/{id}/confirm | /reject       a planner's decision (staff.edit or plans.edit)
 *   POST  /imports?district&dryRun&allowRejected  an XLSX/CSV roster (staff.edit), the import report back
 *   GET|POST /models, PUT /models/{key}, PUT /model  the model editor (`staff-models.route.ts`)
 *
 * Reads need `staff.read`; every write runs in one transaction with its `staff.*` audit row.
 */
import { districtPathParam, idPathParam } from '../http/path-params.js';
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { writeAudit } from '../audit/audit.store.js';
import { currentUser, isInsideJurisdiction, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requireAnyPermission, requirePermission } from '../auth/require-permission.js';
import { importDistrictLayer } from '../districts/index.js';
import { errorResponse } from '../http/error-response.js';
import { HttpError, forbidden, notFound, type ErrorBody } from '../http/http-error.js';
import { formFile, readMultipart } from '../http/multipart.js';
import { createRouter } from '../http/router.js';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { ImportError } from '../import/import.types.js';
import { replaceAssignments, resolveAssignments } from './assignment-targets.js';
import { staffChecks } from './staff-checks.sql.js';
import { staffModel } from './staff-model.js';
import { staffModelsRoute } from './staff-models.route.js';
import { decideProposal, listProposals } from './staff-proposals.js';
import { rosterScope } from './staff-scope.js';
import { bumpWorker, listWorkers, loadWorker, lockWorker } from './staff.store.js';
import {
  AssignmentsUpdateSchema,
  ListQuerySchema,
  NewWorkerSchema,
  ProposalSchema,
  StaffChecksSchema,
  StaffModelSchema,
  WorkerListSchema,
  WorkerSchema,
  WorkerUpdateSchema,
} from './staff.schemas.js';
import { workloadByGrid } from './workload-by-grid.js';

const READ = requirePermission('staff.read');
const EDIT = requirePermission('staff.edit');
const DECIDE = requireAnyPermission('staff.edit', 'plans.edit');
/** Largest roster accepted over HTTP (larger: `pnpm gridatlas staff-import`). */
export const MAX_ROSTER_BYTES = 8 * 2 ** 20;

const ok = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const RegionQuery = z.object({
  region: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, { error: 'expected a region code of 6, 9 or 12 digits' })
    .optional(),
});
const WorkerParams = z.object({
  district: districtPathParam(),
  id: idPathParam('id', 'expected a worker id'),
});
const ProposalParams = z.object({
  id: idPathParam('id', 'expected a proposal id'),
});
const WRITE_ERRORS = {
  400: errorResponse('invalid fields or an assignment the model does not allow (role, grid, zone or region unknown)'),
  403: errorResponse('outside your jurisdiction, or you lack staff.edit'),
  404: errorResponse('no such worker'),
  409: errorResponse('someone changed the worker since the version you edited: the answer names who'),
};

const rosterLimit = bodyLimit({
  maxSize: MAX_ROSTER_BYTES,
  onError: (c) => {
    const body: ErrorBody = {
      error: {
        code: 'payload_too_large',
        message: `a roster may be at most 8 MiB here: import larger ones with "pnpm gridatlas staff-import"`,
      },
    };
    return c.json(body, 413);
  },
});

export const staffApp = createRouter();
staffApp.use('/imports', rosterLimit);
staffApp.route('/', staffModelsRoute);
staffApp
  .openapi(
    createRoute({
      method: 'get',
      path: '/model',
      tags: ['staff'],
      summary: "The district's staffing model: roles, the unit each serves, required or not, per-worker limits (staff.read)",
      middleware: [READ],
      request: { query: RegionQuery },
      responses: { 200: ok(StaffModelSchema, 'the model'), 403: errorResponse('outside your jurisdiction') },
    }),
    async (c) => {
      const scope = await rosterScope(c, c.req.valid('query').region);
      return c.json(await staffModel(c.var.db, scope.districtCode), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['staff'],
      summary: 'Workers of a jurisdiction, filtered by name/phone, role, grid, active (staff.read)',
      middleware: [READ],
      request: { query: ListQuerySchema },
      responses: { 200: ok(WorkerListSchema, 'a page of workers'), 403: errorResponse('outside your jurisdiction') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const user = currentUser(c);
      const scope = await rosterScope(c, q.region);
      const list = await listWorkers(
        c.var.db,
        {
          ...scope,
          q: q.q || undefined,
          role: q.role,
          grid: q.grid,
          active: q.active === undefined ? undefined : q.active === 'true',
          limit: q.limit,
          offset: q.offset,
        },
        user.jurisdictions,
        user.permissions.includes('staff.edit'),
      );
      return c.json(list, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['staff'],
      summary: 'Add a worker to the roster, with assignments (staff.edit)',
      middleware: [EDIT],
      request: { body: { content: { 'application/json': { schema: NewWorkerSchema } }, required: true } },
      responses: { 201: ok(WorkerSchema, 'the new worker'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, body.regionCode, 'region');
      const districtCode = body.regionCode.slice(0, 6);
      const worker = await c.var.db.transaction(async (tx) => {
        const region = await tx.query('SELECT 1 FROM regions WHERE district_code = $1 AND code = $2', [districtCode, body.regionCode]);
        if (!region.rows[0]) throw new HttpError(400, 'bad_request', `no region ${body.regionCode}`);
        const model = await staffModel(tx, districtCode);
        const rows = await resolveAssignments(tx, districtCode, model, body.assignments, user.jurisdictions);
        const r = await tx.query<{ id: number }>(
          // The identity sequence (set past the seeded ids by the seed): concurrent adds never collide.
          `INSERT INTO staff (district_code, name, phone, gender, birth_year, region_code, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id`,
          [districtCode, body.name, body.phone ?? null, body.gender ?? null, body.birthYear ?? null, body.regionCode, user.username],
        );
        const id = r.rows[0]!.id;
        await replaceAssignments(tx, districtCode, id, rows);
        await writeAudit(tx, {
          userId: user.id,
          action: 'staff.create',
          target: `${districtCode}/${id}`,
          detail: { assignments: rows },
          ip: c.var.ip,
        });
        return (await loadWorker(tx, districtCode, id, true))!;
      });
      return c.json(worker, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/workers/{district}/{id}',
      tags: ['staff'],
      summary: 'One worker with assignments (staff.read; gender and birth year with staff.edit)',
      middleware: [READ],
      request: { params: WorkerParams },
      responses: {
        200: ok(WorkerSchema, 'the worker'),
        403: errorResponse('outside your jurisdiction'),
        404: errorResponse('no such worker'),
      },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const user = currentUser(c);
      const w = await loadWorker(c.var.db, district, Number(id), user.permissions.includes('staff.edit'));
      if (!w) throw notFound(`no worker ${id} in district ${district}`);
      if (!isInsideJurisdiction(user.jurisdictions, w.regionCode))
        throw forbidden(`worker ${id} belongs to region ${w.regionCode}, outside your jurisdiction`);
      return c.json(w, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/workers/{district}/{id}',
      tags: ['staff'],
      summary: 'Edit a worker, or deactivate one (active: false ends every assignment) (staff.edit)',
      middleware: [EDIT],
      request: { params: WorkerParams, body: { content: { 'application/json': { schema: WorkerUpdateSchema } }, required: true } },
      responses: { 200: ok(WorkerSchema, 'the worker, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const worker = await c.var.db.transaction(async (tx) => {
        const before = await lockWorker(tx, district, Number(id), body.version, user.jurisdictions);
        if (body.regionCode !== undefined) {
          requireInsideJurisdiction(user.jurisdictions, body.regionCode, 'region');
          const region = await tx.query('SELECT 1 FROM regions WHERE district_code = $1 AND code = $2', [district, body.regionCode]);
          if (!region.rows[0]) throw new HttpError(400, 'bad_request', `no region ${body.regionCode} in district ${district}`);
        }
        await tx.query(
          `UPDATE staff SET name = coalesce($3, name),
             phone = CASE WHEN $4::boolean THEN $5 ELSE phone END,
             gender = CASE WHEN $6::boolean THEN $7 ELSE gender END,
             birth_year = CASE WHEN $8::boolean THEN $9::int ELSE birth_year END,
             region_code = coalesce($10, region_code), active = coalesce($11, active)
           WHERE district_code = $1 AND id = $2`,
          [
            district,
            Number(id),
            body.name ?? null,
            body.phone !== undefined,
            body.phone ?? null,
            body.gender !== undefined,
            body.gender ?? null,
            body.birthYear !== undefined,
            body.birthYear ?? null,
            body.regionCode ?? null,
            body.active ?? null,
          ],
        );
        // A deactivated worker serves nowhere: dispatch and the checks read assignments alone.
        if (body.active === false) await replaceAssignments(tx, district, Number(id), []);
        await bumpWorker(tx, district, Number(id), user.username);
        const { version: _v, ...changed } = body;
        await writeAudit(tx, {
          userId: user.id,
          action: body.active === false ? 'staff.deactivate' : 'staff.update',
          target: `${district}/${id}`,
          detail: {
            fields: Object.keys(changed),
            version: body.version,
            ...(body.active === false ? { endedAssignments: before.assignments } : {}),
          },
          ip: c.var.ip,
        });
        return (await loadWorker(tx, district, Number(id), true))!;
      });
      return c.json(worker, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/workers/{district}/{id}/assignments',
      tags: ['staff'],
      summary: "Replace a worker's assignments: grids, zones of 2–3 grids, communities, as each role's scope needs (staff.edit)",
      middleware: [EDIT],
      request: { params: WorkerParams, body: { content: { 'application/json': { schema: AssignmentsUpdateSchema } }, required: true } },
      responses: { 200: ok(WorkerSchema, 'the worker, one version on'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { district, id } = c.req.valid('param');
      const body = c.req.valid('json');
      const user = currentUser(c);
      const worker = await c.var.db.transaction(async (tx) => {
        const before = await lockWorker(tx, district, Number(id), body.version, user.jurisdictions);
        if (!before.active) throw new HttpError(409, 'conflict', `worker ${id} is deactivated: reactivate them first`);
        // Assignments outside the caller's jurisdiction stay as they are: nobody edits beyond theirs.
        const beyond = before.assignments.filter((a) => !isInsideJurisdiction(user.jurisdictions, a.gridCode ?? a.regionCode));
        if (beyond.length > 0)
          throw forbidden(
            `worker ${id} also serves ${beyond.map((a) => a.gridCode ?? a.zoneCode ?? a.regionCode).join(', ')}, outside your jurisdiction`,
          );
        const rows = await resolveAssignments(tx, district, await staffModel(tx, district), body.assignments, user.jurisdictions);
        await replaceAssignments(tx, district, Number(id), rows);
        await bumpWorker(tx, district, Number(id), user.username);
        await writeAudit(tx, {
          userId: user.id,
          action: 'staff.assign',
          target: `${district}/${id}`,
          detail: { before: before.assignments.map(({ id: _i, ...a }) => a), after: rows, version: body.version },
          ip: c.var.ip,
        });
        return (await loadWorker(tx, district, Number(id), true))!;
      });
      return c.json(worker, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/checks',
      tags: ['staff'],
      summary:
        'Per grid in force: who serves it and which required role is missing; overloaded workers; workers needing a grid (staff.read)',
      middleware: [READ],
      request: {
        query: RegionQuery.extend({
          workload: z.enum(['true', 'false']).optional().openapi({ description: 'sum the workload index per overloaded worker' }),
        }),
      },
      responses: { 200: ok(StaffChecksSchema, 'the checks'), 403: errorResponse('outside your jurisdiction') },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = await rosterScope(c, q.region);
      const db = c.var.db;
      const [model, workload] = await Promise.all([
        staffModel(db, scope.districtCode),
        q.workload === 'true' ? workloadByGrid(db, scope.districtCode) : Promise.resolve(undefined),
      ]);
      const checks = await staffChecks(db, scope.districtCode, scope.regionCode, workload);
      return c.json({ model, ...checks }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/proposals',
      tags: ['staff'],
      summary: "Assignments proposed after a plan's approval for the grids that took a split or merged grid's area (staff.read)",
      middleware: [READ],
      request: { query: RegionQuery.extend({ status: z.enum(['pending', 'confirmed', 'rejected']).optional() }) },
      responses: {
        200: ok(z.object({ proposals: z.array(ProposalSchema) }), 'the proposals'),
        403: errorResponse('outside your jurisdiction'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const scope = await rosterScope(c, q.region);
      return c.json({ proposals: await listProposals(c.var.db, scope.districtCode, scope.regionCode, q.status ?? null) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/proposals/{id}/{decision}',
      tags: ['staff'],
      summary: 'Confirm (the worker moves to the new grid) or reject a proposed assignment (staff.edit or plans.edit)',
      middleware: [DECIDE],
      request: {
        params: ProposalParams.extend({ decision: z.enum(['confirm', 'reject']).openapi({ param: { name: 'decision', in: 'path' } }) }),
      },
      responses: {
        200: ok(ProposalSchema, 'the proposal, decided'),
        403: errorResponse('outside your jurisdiction'),
        404: errorResponse('no such proposal'),
        409: errorResponse('already decided, or the grid or worker is gone'),
      },
    }),
    async (c) => {
      const { id, decision } = c.req.valid('param');
      const user = currentUser(c);
      return c.json(await decideProposal(c.var.db, Number(id), decision, user, c.var.ip), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/imports',
      tags: ['staff'],
      summary:
        'Import a roster (XLSX or CSV; multipart "file", or the raw body with ?name=): every row reported as added, updated, unchanged or rejected (staff.edit)',
      middleware: [EDIT],
      request: {
        query: z.object({
          district: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit district code' }),
          name: z.string().trim().min(1).max(200).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR }).optional(),
          dryRun: z.enum(['true', 'false']).optional(),
          allowRejected: z.enum(['true', 'false']).optional(),
        }),
      },
      responses: {
        200: ok(
          z.record(z.string(), z.unknown()).openapi('RosterImportReport'),
          'the import report (written: whether anything was written)',
        ),
        400: errorResponse('the file cannot be read as a roster'),
        403: errorResponse('the district is not wholly inside your jurisdiction'),
        413: errorResponse('too large'),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const user = currentUser(c);
      requireInsideJurisdiction(user.jurisdictions, q.district, 'district');
      const type = c.req.header('content-type') ?? '';
      let input: { name: string; bytes: Uint8Array };
      if (type.startsWith('multipart/form-data')) {
        const f = formFile(await readMultipart(c));
        input = { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
      } else {
        if (!q.name) throw new HttpError(400, 'bad_request', 'a raw upload names its file with ?name=roster.xlsx');
        input = { name: q.name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
      }
      if (input.bytes.byteLength === 0) throw new HttpError(400, 'bad_request', 'the file is empty');
      try {
        const report = await importDistrictLayer(c.var.db, input, {
          layer: 'staff',
          districtCode: q.district,
          dryRun: q.dryRun === 'true',
          allowRejected: q.allowRejected === 'true',
          importedBy: user.username,
        });
        await writeAudit(c.var.db, {
          userId: user.id,
          action: 'staff.import',
          target: q.district,
          detail: { file: report.file, read: report.read, accepted: report.accepted, rejected: report.rejected, written: report.written },
          ip: c.var.ip,
        });
        return c.json(report as unknown as Record<string, unknown>, 200);
      } catch (error) {
        if (error instanceof ImportError) throw new HttpError(400, 'bad_request', error.message);
        throw error;
      }
    },
  );
