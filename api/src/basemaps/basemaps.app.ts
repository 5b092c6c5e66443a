/**
 * `/api/basemaps`: what the map draws under GridAtlas's own layers, per district.
 *
 * - `GET /settings?region=` (map.read): the district's basemap settings, for every user of
 *   the district (a Tianditu key is a browser key: it has to reach the browser).
 * - `PUT /settings` (basemaps.edit, the whole district in the jurisdiction): replaces them;
 *   a named PMTiles file must be a readable archive in the basemap folder. Audited without the key.
 * - `GET /files` (basemaps.edit): the PMTiles archives in the basemap folder, with headers.
 * - `PUT /files/{name}` and `DELETE /files/{name}` (basemaps.edit, a jurisdiction of a whole
 *   district or more: the folder serves every district): add an archive (the request body,
 *   streamed to disk, checked, at most GRIDATLAS_BASEMAP_MAX_MB) or remove one no district uses.
 * - `GET /files/{name}` (map.read): the archive, with HTTP range requests (206) as the
 *   `pmtiles` reader in the browser asks them, a strong ETag so it notices a replaced file.
 */
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { auditRequest } from '../audit/audit.store.js';
import { currentUser, requireInsideJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { AppEnv } from '../http/app-env.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { createRouter } from '../http/router.js';
import { validationHook } from '../http/validation-hook.js';
import { RegionQuerySchema } from '../layers/layer-schemas.js';
import { errorResponse } from '../http/error-response.js';
import { filesInUse, readBasemapSettings, writeBasemapSettings } from './basemap-settings.store.js';
import {
  BasemapSettingsSchema,
  BasemapSettingsUpdateSchema,
  FileNameParamSchema,
  PmtilesFileSchema,
  PmtilesFilesSchema,
} from './basemap.schemas.js';
import { parseByteRange } from './byte-range.js';
import { listPmtilesFiles, pmtilesPath, readPmtilesSummary, saveUpload } from './pmtiles-folder.js';

export interface BasemapsOptions {
  /** The basemap folder; null: none configured (PMTiles basemaps cannot be set or served). */
  dir: string | null;
  /** Largest upload in bytes. */
  maxUploadBytes: number;
}

export const DEFAULT_BASEMAP_MAX_BYTES = 2 * 2 ** 30;

const settingsOk = {
  200: { description: "the district's basemap settings", content: { 'application/json': { schema: BasemapSettingsSchema } } },
};

function folderOf(options: BasemapsOptions): string {
  if (!options.dir)
    throw new HttpError(
      409,
      'conflict',
      'the server has no basemap folder: start it with GRIDATLAS_BASEMAP_DIR set to a folder of .pmtiles files',
    );
  return options.dir;
}

/** Adding or removing a shared file needs a jurisdiction over a whole district or more. */
function requireDistrictAdmin(c: Context<AppEnv>): void {
  if (!currentUser(c).jurisdictions.some((j) => j.length <= 6)) {
    throw forbidden(
      'basemap files serve every district on the server: only an administrator of a whole district or more may add or remove them',
    );
  }
}

const fileParam = (c: Context<AppEnv>) => {
  const parsed = FileNameParamSchema.safeParse({ name: c.req.param('name') });
  return parsed.success
    ? { name: parsed.data.name }
    : { invalid: validationHook({ target: 'param', success: false, error: parsed.error }, c)! };
};

export function basemapsApp(options: BasemapsOptions) {
  const app = createRouter()
    .openapi(
      createRoute({
        method: 'get',
        path: '/settings',
        tags: ['basemaps'],
        summary: "The district's basemap: offline style, a PMTiles archive or Tianditu (map.read)",
        middleware: [requirePermission('map.read')],
        request: { query: RegionQuerySchema },
        responses: { ...settingsOk, 403: errorResponse('the region is outside your jurisdiction'), 404: errorResponse('no such region') },
      }),
      async (c) => {
        const region = await resolveRegionFor(c, c.req.valid('query').region);
        return c.json(await readBasemapSettings(c.var.db, region.districtCode), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/settings',
        tags: ['basemaps'],
        summary: "Set a district's basemaps and the default one (basemaps.edit)",
        middleware: [requirePermission('basemaps.edit')],
        request: { body: { required: true, content: { 'application/json': { schema: BasemapSettingsUpdateSchema } } } },
        responses: {
          ...settingsOk,
          400: errorResponse('a malformed key, review number or file name, or a default that is not set'),
          403: errorResponse('the district is not wholly inside your jurisdiction'),
          404: errorResponse('no such district'),
          409: errorResponse('a PMTiles file is named but the server has no basemap folder'),
          422: errorResponse('the PMTiles file is missing from the folder or not a readable archive'),
        },
      }),
      async (c) => {
        const user = currentUser(c);
        const body = c.req.valid('json');
        const region = await resolveRegionFor(c, body.districtCode);
        if (region.level !== 'district') throw notFound(`no district with code ${body.districtCode}`);
        requireInsideJurisdiction(user.jurisdictions, body.districtCode, 'district');
        if (body.pmtiles) {
          const path = pmtilesPath(folderOf(options), body.pmtiles.file);
          if (
            !(await stat(path).then(
              (s) => s.isFile(),
              () => false,
            ))
          ) {
            throw new HttpError(
              422,
              'unprocessable',
              `${body.pmtiles.file} is not in the basemap folder: upload it first, or copy it into ${options.dir}`,
            );
          }
          await readPmtilesSummary(path, body.pmtiles.file);
        }
        await writeBasemapSettings(c.var.db, body, user.username);
        // The key stays out of the audit log: whether one is set is enough to follow changes.
        await auditRequest(c, 'basemap.settings', body.districtCode, {
          defaultBasemap: body.defaultBasemap,
          pmtilesFile: body.pmtiles?.file ?? null,
          tiandituKey: body.tianditu ? 'set' : 'none',
          reviewNumber: body.tianditu?.reviewNumber ?? null,
        });
        return c.json(await readBasemapSettings(c.var.db, body.districtCode), 200);
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/files',
        tags: ['basemaps'],
        summary: 'The PMTiles archives in the basemap folder (basemaps.edit)',
        middleware: [requirePermission('basemaps.edit')],
        responses: {
          200: { description: 'archives, by name', content: { 'application/json': { schema: PmtilesFilesSchema } } },
          403: errorResponse('the permission basemaps.edit is lacking'),
        },
      }),
      async (c) => {
        if (!options.dir) return c.json({ configured: false, files: [] }, 200);
        return c.json({ configured: true, files: await listPmtilesFiles(options.dir, await filesInUse(c.var.db)) }, 200);
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/files/{name}',
        tags: ['basemaps'],
        summary: 'Remove an archive no district uses (basemaps.edit)',
        middleware: [requirePermission('basemaps.edit')],
        request: { params: FileNameParamSchema },
        responses: {
          200: { description: 'removed', content: { 'application/json': { schema: z.object({ removed: z.string() }) } } },
          403: errorResponse('only an administrator of a whole district or more'),
          404: errorResponse('no such file'),
          409: errorResponse('a district uses it, or there is no basemap folder'),
        },
      }),
      async (c) => {
        requireDistrictAdmin(c);
        const { name } = c.req.valid('param');
        const path = pmtilesPath(folderOf(options), name);
        if (
          !(await stat(path).then(
            (s) => s.isFile(),
            () => false,
          ))
        )
          throw notFound(`${name} is not in the basemap folder`);
        const users = (await filesInUse(c.var.db)).get(name);
        if (users?.length)
          throw new HttpError(
            409,
            'conflict',
            `${name} is the basemap of district ${users.join(', ')}: choose another basemap there first`,
          );
        await rm(path);
        return c.json({ removed: name }, 200);
      },
    );

  // Binary bodies in and out: described in the document, handled outside the JSON validators.
  app.openAPIRegistry.registerPath({
    method: 'put',
    path: '/files/{name}',
    tags: ['basemaps'],
    summary: 'Add a PMTiles archive to the basemap folder: the request body is the file (basemaps.edit)',
    request: {
      params: FileNameParamSchema,
      body: { required: true, content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } },
    },
    responses: {
      201: { description: 'stored', content: { 'application/json': { schema: PmtilesFileSchema } } },
      400: errorResponse('an empty body or a bad file name'),
      403: errorResponse('only an administrator of a whole district or more'),
      409: errorResponse('a file of that name exists, or there is no basemap folder'),
      413: errorResponse('larger than GRIDATLAS_BASEMAP_MAX_MB'),
      422: errorResponse('not a PMTiles v3 archive'),
    },
  });
  app.put('/files/:name', requirePermission('basemaps.edit'), async (c) => {
    requireDistrictAdmin(c);
    const p = fileParam(c);
    if ('invalid' in p) return p.invalid;
    const dir = folderOf(options);
    const body = c.req.raw.body;
    if (!body) throw new HttpError(400, 'bad_request', 'the upload is empty: send the archive as the request body');
    const summary = await saveUpload(dir, p.name, body, options.maxUploadBytes);
    const info = await stat(pmtilesPath(dir, p.name));
    await auditRequest(c, 'basemap.file.add', p.name, { sizeBytes: info.size });
    return c.json({ name: p.name, sizeBytes: info.size, modifiedAt: info.mtime.toISOString(), ...summary, usedBy: [] }, 201);
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/files/{name}',
    tags: ['basemaps'],
    summary: 'A PMTiles archive, whole or one byte range (map.read)',
    request: { params: FileNameParamSchema, headers: z.object({ range: z.string().optional().openapi({ example: 'bytes=0-16383' }) }) },
    responses: {
      200: {
        description: 'the whole archive',
        content: { 'application/vnd.pmtiles': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      206: {
        description: 'the requested bytes',
        content: { 'application/vnd.pmtiles': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      404: errorResponse('no such file, or no basemap folder'),
      416: errorResponse('the range starts past the end of the file'),
    },
  });
  app.get('/files/:name', requirePermission('map.read'), async (c) => {
    const p = fileParam(c);
    if ('invalid' in p) return p.invalid;
    if (!options.dir) throw notFound('the server has no basemap folder (GRIDATLAS_BASEMAP_DIR)');
    const path = pmtilesPath(options.dir, p.name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw notFound(`${p.name} is not in the basemap folder`);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/vnd.pmtiles',
      ETag: etag,
      // Archives are replaced only by delete and upload, which changes the ETag.
      'Cache-Control': 'private, max-age=300',
    };
    const range = parseByteRange(c.req.header('range'), info.size);
    if (range === 'unsatisfiable') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${info.size}` });
    const { start, end } = range ?? { start: 0, end: info.size - 1 };
    const length = Math.max(0, end - start + 1);
    const stream =
      length === 0 ? new Uint8Array(0) : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>);
    headers['Content-Length'] = String(length);
    if (!range) return c.body(stream, 200, headers);
    return c.body(stream, 206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${info.size}` });
  });
  return app;
}
