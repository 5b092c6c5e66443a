/**
 * `POST /api/import/incidents` (incidents.write) and `POST /api/import/tracks`
 * (patrols.write): a file uploaded as multipart (`file` + an `options` JSON field) or as JSON
 * (`fileName`, base64 `content`, options inline), checked and — unless `dryRun` — committed
 * in one transaction. The whole district must lie inside the caller's jurisdiction. These
 * routes take bodies up to `maxBytes` (the app's 1 MiB limit does not apply to them); larger
 * files go through `pnpm gridatlas import` on the server.
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { currentUser, requireInsideJurisdiction } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import type { AppEnv } from '../http/app-env.js';
import { HttpError, type ErrorBody } from '../http/http-error.js';
import { formFile, readMultipart } from '../http/multipart.js';
import { createRouter } from '../http/router.js';
import { errorResponse } from '../http/error-response.js';
import { loadDistrict } from './import-context.js';
import { importIncidents } from './import-incidents.js';
import { importTracks } from './import-tracks.js';
import { ImportError, type ImportInput, type ImportReport } from './import.types.js';
import { FormUpload, ImportOptions, ImportReportSchema, JsonUpload, type ImportReportBody } from './import.schemas.js';

/** Default cap on an upload: 32 MiB. */
export const DEFAULT_IMPORT_MAX_BYTES = 32 * 2 ** 20;

async function upload(c: Context<AppEnv>): Promise<{ input: ImportInput; options: ImportOptions }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await readMultipart(c);
    const file = formFile(form);
    let raw: unknown = {};
    try {
      raw = typeof form.options === 'string' && form.options !== '' ? JSON.parse(form.options) : {};
    } catch {
      throw new HttpError(400, 'bad_request', 'the "options" field is not valid JSON');
    }
    const parsed = ImportOptions.safeParse(raw);
    if (!parsed.success) throw new HttpError(400, 'bad_request', 'bad import options', parsed.error.issues);
    return { input: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, options: parsed.data };
  }
  const parsed = JsonUpload.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success)
    throw new HttpError(
      400,
      'bad_request',
      'expected JSON { fileName, content (base64), …options } or a multipart upload',
      parsed.error.issues,
    );
  const { fileName, content, ...options } = parsed.data;
  return { input: { name: fileName, bytes: new Uint8Array(Buffer.from(content, 'base64')) }, options };
}

async function run(c: Context<AppEnv>, kind: 'incidents' | 'tracks'): Promise<ImportReport> {
  const user = currentUser(c);
  const { input, options } = await upload(c);
  const { districtCode } = await loadDistrict(c.var.db, true, options.district).catch((error: unknown) => {
    throw error instanceof ImportError ? new HttpError(422, 'unprocessable', error.message) : error;
  });
  requireInsideJurisdiction(user.jurisdictions, districtCode, 'district');
  options.district = districtCode;
  const common = { ...options, importedBy: user.username };
  try {
    return kind === 'incidents' ? await importIncidents(c.var.db, input, common) : await importTracks(c.var.db, input, common);
  } catch (error) {
    if (error instanceof ImportError) throw new HttpError(422, 'unprocessable', error.message);
    throw error;
  }
}

const body = {
  content: { 'application/json': { schema: JsonUpload }, 'multipart/form-data': { schema: FormUpload } },
  // Not "required": with it, zod-openapi runs both validators on every request; without, the one the content type names.
  required: false,
};
const responses = {
  200: { description: 'dry run: what would be imported', content: { 'application/json': { schema: ImportReportSchema } } },
  201: {
    description: 'committed: the rows accepted are in, in one transaction',
    content: { 'application/json': { schema: ImportReportSchema } },
  },
  400: errorResponse('malformed upload or options'),
  403: errorResponse('the district is not wholly inside your jurisdiction'),
  413: errorResponse('the upload is larger than the cap; use `pnpm gridatlas import` on the server'),
  422: errorResponse('the file cannot be read as the format, or a field cannot be found'),
};

export function importApp(maxBytes = DEFAULT_IMPORT_MAX_BYTES) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      const b: ErrorBody = {
        error: {
          code: 'payload_too_large',
          message: `an import upload may be at most ${maxBytes} bytes (${Math.round(maxBytes / 2 ** 20)} MiB); import larger files with "pnpm gridatlas import" on the server`,
        },
      };
      return c.json(b, 413);
    },
  });
  const router = createRouter();
  router.use('*', limit);
  return router
    .openapi(
      createRoute({
        method: 'post',
        path: '/incidents',
        tags: ['import'],
        summary: 'Import incidents from CSV, GeoJSON, XLSX or a zipped shapefile (incidents.write)',
        middleware: [requirePermission('incidents.write')],
        request: { body },
        responses,
      }),
      async (c) => {
        const report = await run(c, 'incidents');
        return c.json(report as ImportReportBody & ImportReport, report.dryRun ? 200 : 201);
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/tracks',
        tags: ['import'],
        summary: 'Import patrol tracks from GPX or CSV (lat, lng, time, worker) (patrols.write)',
        middleware: [requirePermission('patrols.write')],
        request: { body },
        responses,
      }),
      async (c) => {
        const report = await run(c, 'tracks');
        return c.json(report as ImportReportBody & ImportReport, report.dryRun ? 200 : 201);
      },
    );
}
