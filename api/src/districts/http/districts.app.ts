/**
 * `/api/districts` and `/api/uploads`: what the import wizard drives, step by step.
 *
 *   POST /api/uploads                         upload a file (multipart `file`, or the raw body with `?name=`) → its id
 *   POST /api/uploads/{id}/inspect            format, encoding, coordinate system, fields, first rows, bbox
 *   POST /api/uploads/{id}/features           the features as WGS84 GeoJSON with their index, for the wizard's map
 *   GET  /api/districts                       the districts inside the caller's jurisdiction, with counts
 *   POST /api/districts                       create (or update) a district from an uploaded boundary → 202 job
 *   POST /api/districts/{code}/imports        import a layer from an upload: dry run (default) or commit → 202 job;
 *                                             the job's result is the report, with every problem per feature for the map
 *   GET  /api/districts/{code}/imports        the district's import history, with reports
 *   POST /api/districts/{code}/exports        export grids, communities or buildings → 202 job
 *   GET  /api/districts/{code}/exports/{jobId}/file   the exported file
 *
 * All need `districts.import` and the district inside the caller's jurisdiction (a city-level
 * admin's 4-digit jurisdiction covers its districts); special groups also need
 * `special_groups.import`. Every write is audited by the app's audit middleware; special-group
 * imports are audited by name too. Jobs are polled and cancelled at `/api/jobs/{id}`.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { auditRequest } from '../../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction } from '../../auth/jurisdiction.js';
import { requirePermission } from '../../auth/require-permission.js';
import type { AppEnv } from '../../http/app-env.js';
import { forbidden, HttpError, notFound, type ErrorBody } from '../../http/http-error.js';
import { createRouter } from '../../http/router.js';
import { formFile, readMultipart } from '../../http/multipart.js';
import { ImportError } from '../../import/import.types.js';
import { createJob, getJob } from '../../jobs/job.store.js';
import { jobAccepted, jobFileResponse } from '../../jobs/job-http.js';
import { mayAccessJob } from '../../jobs/jobs.app.js';
import { errorResponse } from '../../http/error-response.js';
import { readLayerInput } from '../import/layer-input.js';
import { DISTRICT_JOB_KINDS } from './district-jobs.js';
import {
  CreateDistrictBodySchema,
  DistrictCodeParam,
  DistrictListSchema,
  ExportBodySchema,
  FeaturesBodySchema,
  ImportBodySchema,
  ImportListSchema,
  InspectBodySchema,
  InspectSchema,
  JobAcceptedSchema,
  JobIdInDistrictParam,
  UploadIdParam,
  UploadFeaturesSchema,
  UploadSchema,
} from './districts.schemas.js';
import { findUpload, saveUpload, uploadContent } from './upload.store.js';

/** Default cap on one upload: 64 MiB (larger layers: `pnpm gridatlas district import` on the server). */
export const DEFAULT_UPLOAD_MAX_BYTES = 64 * 2 ** 20;

/** The district must lie inside the caller's jurisdiction (their code a prefix of it). */
function requireDistrict(c: Context<AppEnv>, code: string): void {
  const user = currentUser(c);
  requireInsideJurisdiction(user.jurisdictions, code, 'district');
}

async function ownUpload(c: Context<AppEnv>, id: string) {
  const upload = await findUpload(c.var.db, id);
  if (!upload || upload.createdBy !== currentUser(c).username)
    throw notFound(`no upload ${id} (uploads are kept a day, for whoever made them)`);
  return upload;
}

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function districtsApp(maxUploadBytes = DEFAULT_UPLOAD_MAX_BYTES) {
  const limit = bodyLimit({
    maxSize: maxUploadBytes,
    onError: (c) => {
      const body: ErrorBody = {
        error: {
          code: 'payload_too_large',
          message: `an upload may be at most ${Math.round(maxUploadBytes / 2 ** 20)} MiB: import larger layers with "pnpm gridatlas district import" on the server`,
        },
      };
      return c.json(body, 413);
    },
  });
  const uploads = createRouter();
  uploads.use('/', limit);
  uploads
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags: ['districts'],
        summary:
          'Upload a layer file (multipart "file", or the raw body of any type with ?name=) for inspection and import (districts.import)',
        middleware: [requirePermission('districts.import')],
        // No body schema: a raw upload may come with any content type (a .geojson as application/json).
        request: {
          query: z.object({ name: z.string().trim().min(1).max(200).optional().openapi({ description: 'file name, for a raw body' }) }),
        },
        responses: {
          201: { description: 'stored', ...json(UploadSchema) },
          400: errorResponse('no file'),
          413: errorResponse('too large'),
        },
      }),
      async (c) => {
        const type = c.req.header('content-type') ?? '';
        let file: { fileName: string; bytes: Uint8Array };
        if (type.startsWith('multipart/form-data')) {
          const f = formFile(await readMultipart(c));
          file = { fileName: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
        } else {
          const name = c.req.valid('query').name;
          if (!name) throw new HttpError(400, 'bad_request', 'a raw upload names its file with ?name=communities.zip');
          file = { fileName: name, bytes: new Uint8Array(await c.req.arrayBuffer()) };
        }
        if (file.bytes.byteLength === 0) throw new HttpError(400, 'bad_request', 'the file is empty');
        const stored = await saveUpload(c.var.db, { ...file, createdBy: currentUser(c).username });
        const { createdBy: _by, ...upload } = stored;
        return c.json(upload, 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{id}/inspect',
        tags: ['districts'],
        summary: 'Read an upload as a layer: format, encoding, coordinate system, fields, the first rows (districts.import)',
        middleware: [requirePermission('districts.import')],
        request: { params: UploadIdParam, body: { content: { 'application/json': { schema: InspectBodySchema } }, required: false } },
        responses: {
          200: { description: 'what the file holds', ...json(InspectSchema) },
          404: errorResponse('no such upload'),
          422: errorResponse('the file cannot be read'),
        },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        await ownUpload(c, id);
        const body = InspectBodySchema.parse((await c.req.json().catch(() => ({}))) ?? {});
        const content = (await uploadContent(c.var.db, id))!;
        const { rows, sheet, ...rest } = body;
        try {
          const read = await readLayerInput(
            { name: content.fileName, bytes: content.bytes },
            { ...rest, ...(sheet ? { layer: sheet } : {}) },
          );
          const geometryTypes: Record<string, number> = {};
          let bbox: [number, number, number, number] | null = null;
          const grow = (p: unknown): void => {
            if (!Array.isArray(p)) return;
            if (typeof p[0] === 'number' && typeof p[1] === 'number') {
              const [x, y] = p as [number, number];
              bbox = bbox ? [Math.min(bbox[0], x), Math.min(bbox[1], y), Math.max(bbox[2], x), Math.max(bbox[3], y)] : [x, y, x, y];
            } else for (const q of p) grow(q);
          };
          for (const f of read.features) {
            const t = f.geometry?.type ?? 'none';
            geometryTypes[t] = (geometryTypes[t] ?? 0) + 1;
            if (f.geometry && 'coordinates' in f.geometry) grow(f.geometry.coordinates);
          }
          const preview = read.features
            .slice(0, rows)
            .map((f) => Object.fromEntries(Object.entries(f.properties ?? {}).filter(([k]) => k !== '__row')));
          return c.json(
            {
              fileName: content.fileName,
              format: read.format,
              encoding: read.encoding,
              crs: read.crs,
              fields: read.fields,
              featureCount: read.featureCount,
              geometryTypes,
              bbox,
              preview,
              warnings: read.warnings,
            },
            200,
          );
        } catch (error) {
          if (error instanceof ImportError) throw new HttpError(422, 'unprocessable', error.message);
          throw error;
        }
      },
    );

  // The wizard's map: the layer as read (WGS84), each feature tagged with its 0-based index,
  // the key of the report's per-feature problems. Coordinates to 1e-6° (~0.1 m).
  uploads.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/features',
      tags: ['districts'],
      summary: "An upload's features as WGS84 GeoJSON for the wizard's map, each with its index `i` (districts.import)",
      middleware: [requirePermission('districts.import')],
      request: { params: UploadIdParam, body: { content: { 'application/json': { schema: FeaturesBodySchema } }, required: false } },
      responses: {
        200: { description: 'the features (at most `limit`)', ...json(UploadFeaturesSchema) },
        404: errorResponse('no such upload'),
        422: errorResponse('the file cannot be read'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await ownUpload(c, id);
      const body = FeaturesBodySchema.parse((await c.req.json().catch(() => ({}))) ?? {});
      const content = (await uploadContent(c.var.db, id))!;
      const { limit, sheet, ...rest } = body;
      try {
        const read = await readLayerInput(
          { name: content.fileName, bytes: content.bytes },
          { ...rest, ...(sheet ? { layer: sheet } : {}) },
        );
        const round = (p: unknown): unknown =>
          Array.isArray(p) ? (typeof p[0] === 'number' ? p.map((v: number) => Math.round(v * 1e6) / 1e6) : p.map(round)) : p;
        const features = read.features.slice(0, limit).flatMap((f, i) =>
          f.geometry && 'coordinates' in f.geometry
            ? [
                {
                  type: 'Feature' as const,
                  geometry: { type: f.geometry.type, coordinates: round(f.geometry.coordinates) as unknown[] },
                  properties: { i },
                },
              ]
            : [],
        );
        return c.json({ type: 'FeatureCollection' as const, features, truncated: read.features.length > limit }, 200);
      } catch (error) {
        if (error instanceof ImportError) throw new HttpError(422, 'unprocessable', error.message);
        throw error;
      }
    },
  );

  const districts = createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        tags: ['districts'],
        summary: "Districts inside the caller's jurisdiction, with their counts (map.read)",
        middleware: [requirePermission('map.read')],
        responses: { 200: { description: 'districts', ...json(DistrictListSchema) } },
      }),
      async (c) => {
        const r = await c.var.db.query<z.infer<typeof DistrictListSchema>['districts'][number]>(
          `SELECT d.district_code::text AS code, coalesce(d.name, r.name) AS name, d.province, d.city, d.synthetic,
             (SELECT count(*) FROM regions x WHERE x.district_code = d.district_code AND x.level = 'subdistrict') AS subdistricts,
             (SELECT count(*) FROM regions x WHERE x.district_code = d.district_code AND x.level = 'community') AS communities,
             (SELECT count(*) FROM buildings b WHERE b.district_code = d.district_code) AS buildings,
             (SELECT coalesce(sum(households), 0) FROM buildings b WHERE b.district_code = d.district_code) AS households,
             (SELECT coalesce(sum(households), 0) FROM buildings b WHERE b.district_code = d.district_code AND b.households_source = 'estimated') AS "estimatedHouseholds",
             (SELECT count(*) FROM current_grids g WHERE g.district_code = d.district_code) AS grids,
             (SELECT to_char(max(imported_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM district_imports i WHERE i.district_code = d.district_code) AS "lastImportAt"
           FROM districts d LEFT JOIN regions r ON r.district_code = d.district_code AND r.code = d.district_code
           WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS jur(jur_code) WHERE d.district_code LIKE jur.jur_code || '%' OR jur.jur_code LIKE d.district_code || '%')
           ORDER BY d.district_code`,
          [currentUser(c).jurisdictions],
        );
        return c.json({ districts: r.rows }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        tags: ['districts'],
        summary: 'Create (or update) a district from an uploaded boundary; 202 with the job (districts.import)',
        middleware: [requirePermission('districts.import')],
        request: { body: { content: { 'application/json': { schema: CreateDistrictBodySchema } }, required: true } },
        responses: {
          202: { description: 'queued', ...json(JobAcceptedSchema) },
          403: errorResponse('the code is outside your jurisdiction'),
          404: errorResponse('no such upload'),
        },
      }),
      async (c) => {
        const body = c.req.valid('json');
        requireDistrict(c, body.code);
        await ownUpload(c, body.uploadId);
        const { uploadId, sheet: _sheet, lngField: _lng, latField: _lat, ...options } = body;
        const job = await createJob(c.var.db, {
          kind: DISTRICT_JOB_KINDS.create,
          districtCode: body.code,
          params: { uploadId, options },
          createdBy: currentUser(c).username,
        });
        return jobAccepted(c, job);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{code}/imports',
        tags: ['districts'],
        summary:
          'Import a layer from an upload — a dry run unless dryRun is false; 202 with the job, whose result is the report (districts.import)',
        middleware: [requirePermission('districts.import')],
        request: { params: DistrictCodeParam, body: { content: { 'application/json': { schema: ImportBodySchema } }, required: true } },
        responses: {
          202: { description: 'queued', ...json(JobAcceptedSchema) },
          403: errorResponse('outside your jurisdiction, or special groups without special_groups.import'),
          404: errorResponse('no such district or upload'),
        },
      }),
      async (c) => {
        const { code } = c.req.valid('param');
        const body = c.req.valid('json');
        requireDistrict(c, code);
        const user = currentUser(c);
        if (body.layer === 'special-groups' && !user.permissions.includes('special_groups.import'))
          throw forbidden('importing special groups needs the permission "special_groups.import"');
        const exists = await c.var.db.query('SELECT 1 FROM districts WHERE district_code = $1', [code]);
        if (exists.rows.length === 0) throw notFound(`there is no district ${code}: create it first (POST /api/districts)`);
        await ownUpload(c, body.uploadId);
        const { uploadId, ...options } = body;
        const job = await createJob(c.var.db, {
          kind: DISTRICT_JOB_KINDS.import,
          districtCode: code,
          params: { uploadId, options: { ...options, districtCode: code } },
          createdBy: user.username,
        });
        if (body.layer === 'special-groups') await auditRequest(c, 'special_groups.import', code, { job: job.id, dryRun: body.dryRun });
        return jobAccepted(c, job);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{code}/imports',
        tags: ['districts'],
        summary: "The district's imports, newest first, with their reports (districts.import)",
        middleware: [requirePermission('districts.import')],
        request: { params: DistrictCodeParam },
        responses: { 200: { description: 'imports', ...json(ImportListSchema) }, 403: errorResponse('outside your jurisdiction') },
      }),
      async (c) => {
        const { code } = c.req.valid('param');
        requireDistrict(c, code);
        const r = await c.var.db.query<z.infer<typeof ImportListSchema>['imports'][number]>(
          `SELECT id, layer, file_name AS "fileName", format, crs, encoding, imported_by AS "importedBy",
             to_char(imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "importedAt", job_id AS "jobId", report
           FROM district_imports WHERE district_code = $1 ORDER BY id DESC LIMIT 200`,
          [code],
        );
        return c.json({ imports: r.rows }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{code}/exports',
        tags: ['districts'],
        summary:
          'Export the current grids, the communities or the buildings; 202 with the job, whose result links the file (districts.import)',
        middleware: [requirePermission('districts.import')],
        request: { params: DistrictCodeParam, body: { content: { 'application/json': { schema: ExportBodySchema } }, required: true } },
        responses: { 202: { description: 'queued', ...json(JobAcceptedSchema) }, 403: errorResponse('outside your jurisdiction') },
      }),
      async (c) => {
        const { code } = c.req.valid('param');
        requireDistrict(c, code);
        const body = c.req.valid('json');
        const job = await createJob(c.var.db, {
          kind: DISTRICT_JOB_KINDS.export,
          districtCode: code,
          params: { options: { ...body, districtCode: code } },
          createdBy: currentUser(c).username,
        });
        return jobAccepted(c, job);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{code}/exports/{jobId}/file',
        tags: ['districts'],
        summary: 'The file an export job wrote (districts.import)',
        middleware: [requirePermission('districts.import')],
        request: { params: JobIdInDistrictParam },
        responses: {
          200: { description: 'the file', content: { 'application/octet-stream': { schema: z.any() } } },
          404: errorResponse('no such export, or not finished'),
        },
      }),
      async (c) => {
        const { code, jobId } = c.req.valid('param');
        requireDistrict(c, code);
        const job = await getJob(c.var.db, Number(jobId));
        if (!job || job.kind !== DISTRICT_JOB_KINDS.export || job.districtCode !== code || !mayAccessJob(c, job))
          throw notFound(`no export job ${jobId} for district ${code}`);
        return jobFileResponse(c, job, 'export', 'application/octet-stream');
      },
    );
  return { uploads, districts };
}
