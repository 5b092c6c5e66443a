/**
 * The HTTP API as a Hono app over one database: routes are small sub-apps mounted under
 * `/api`, described by OpenAPI at `/api/openapi.json`. Tests call `app.request()` directly.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DEFAULT_INLINE_PATROL_TRACKS } from './analytics/patrol-coverage-job.js';
import { analyticsApp } from './analytics/analytics.app.js';
import { reportsApp } from './reports/reports.app.js';
import { auditApp } from './audit/audit.route.js';
import { briefingsApp } from './briefings/briefings.app.js';
import { staffApp } from './staff/staff.app.js';
import { basemapsApp, DEFAULT_BASEMAP_MAX_BYTES } from './basemaps/basemaps.app.js';
import { auditWrites } from './audit/audit-writes.middleware.js';
import { authApp } from './auth/auth.route.js';
import { LOGIN_PATH, sessionMiddleware } from './auth/session.middleware.js';
import { SESSION_COOKIE } from './auth/session-token.js';
import { limitDb, type Db } from './db/db.types.js';
import { runAsWork } from './db/work-class.js';
import {
  DEFAULT_JOB_STATEMENT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  isStatementTimeout,
  requestLimits,
  TimeLimitError,
} from './db/time-limit.js';
import type { AppEnv } from './http/app-env.js';
import { finishOpenApiDocument } from './http/openapi-document.js';
import { HttpError, type ErrorBody, type ErrorCode } from './http/http-error.js';
import { clientIp } from './http/client-ip.js';
import { requestClient } from './http/request-client.js';
import { securityHeaders } from './http/security-headers.js';
import { mountStaticWeb } from './http/static-web.js';
import { validationHook } from './http/validation-hook.js';
import { incidentsApp } from './incidents/incidents.app.js';
import { DEFAULT_IMPORT_MAX_BYTES, importApp } from './import/import.route.js';
import { createAppJobRunner } from './jobs/app-job-runner.js';
import { dashboardApp } from './dashboard/dashboard.route.js';
import { DEFAULT_UPLOAD_MAX_BYTES, districtsApp } from './districts/http/districts.app.js';
import { noticeBoardsApp } from './notice-boards/notice-boards.app.js';
import { serviceHoursApp } from './notice-boards/service-hours.app.js';
import type { JobRunner } from './jobs/job-runner.js';
import { jobsApp } from './jobs/jobs.app.js';
import { layersApp } from './layers/layers.app.js';
import { plansApp } from './plans/plans.app.js';
import { ruleProfilesApp } from './rule-profiles/rule-profiles.route.js';
import { gridCodesApp } from './grid-codes/grid-codes.route.js';
import { silentLogger, type Logger } from './log.js';
import { healthApp } from './meta/health.route.js';
import { metaApp } from './meta/meta.route.js';
import { regionsApp } from './regions/regions.route.js';
import { specialGroupsApp } from './special-groups/special-groups.app.js';
import { tilesApp } from './tiles/tiles.app.js';
import { visitsApp } from './visits/visits.app.js';

export interface AppOptions {
  db: Db;
  log?: Logger;
  /** Folder of the built web app to serve for non-API paths (SPA fallback to index.html). */
  webDist?: string;
  /** Behind a reverse proxy: take the address from X-Forwarded-For and https from X-Forwarded-Proto. */
  trustProxy?: boolean;
  /** Largest request body in bytes (default 1 MiB); larger is a 413. */
  maxBodyBytes?: number;
  /** Largest upload to /api/import/* in bytes (default 32 MiB), instead of `maxBodyBytes`. */
  maxImportBytes?: number;
  /** Folder of PMTiles basemaps (served with range requests, uploads land there); none by default. */
  basemapDir?: string;
  /** Largest basemap upload in bytes (default 2 GiB). */
  maxBasemapBytes?: number;
  /** Largest upload to /api/uploads in bytes (default 64 MiB). */
  maxUploadBytes?: number;
  /** The job runner (default: one over `db` with every job kind, started on the first job). */
  jobs?: JobRunner;
  /**
   * Time limit of a request in ms (default 8 s; 0: none): no statement of it starts after it and,
   * on PostgreSQL, none runs longer (`statement_timeout`). Passing it is a 503 `time_limit`.
   */
  requestTimeoutMs?: number;
  /** The same for file imports and uploads, which write whole files in one request (default 10 min). */
  importTimeoutMs?: number;
  /** Patrol coverage: tracks of days not worked out yet that a request tests itself; more make a job (default 24). */
  inlinePatrolTracks?: number;
}

/** Routes anyone may call; every other /api route sits behind login and a permission. */
/** Largest request body (bytes) outside file imports and uploads. */
export const DEFAULT_MAX_BODY_BYTES = 2 ** 20;

export const PUBLIC_ROUTES = ['/api/health', '/api/openapi.json', LOGIN_PATH] as const;

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'too_many_requests',
};

export function createApp({
  db,
  log = silentLogger,
  webDist,
  trustProxy = false,
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  maxImportBytes = DEFAULT_IMPORT_MAX_BYTES,
  basemapDir,
  maxBasemapBytes = DEFAULT_BASEMAP_MAX_BYTES,
  maxUploadBytes = DEFAULT_UPLOAD_MAX_BYTES,
  jobs = createAppJobRunner(db, log),
  requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  importTimeoutMs = DEFAULT_JOB_STATEMENT_TIMEOUT_MS,
  inlinePatrolTracks = DEFAULT_INLINE_PATROL_TRACKS,
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const isFileUpload = (path: string, method: string): boolean =>
    path.startsWith('/api/import/') ||
    path === '/api/uploads' ||
    (method === 'PUT' && path.startsWith('/api/basemaps/files/')) ||
    // An incident report carries a photo (its own cap: incidents/incident-report.route.ts).
    (method === 'POST' && path === '/api/incidents');
  app.use(securityHeaders());
  app.use('/api/*', async (c, next) => {
    // Every statement of the request runs under its time limit (see db/time-limit.ts).
    c.set('db', limitDb(db, requestLimits(isFileUpload(c.req.path, c.req.method) ? importTimeoutMs : requestTimeoutMs)));
    const ip = clientIp(c, trustProxy);
    c.set('ip', ip);
    c.set('jobs', jobs);
    c.set('inlinePatrolTracks', inlinePatrolTracks);
    // Its statements go before jobs' and background work's on the embedded database, taking turns with other clients' (db/statement-turns.ts).
    await runAsWork({ class: 'interactive', client: requestClient(getCookie(c, SESSION_COOKIE), ip) }, next);
  });
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => {
      const body: ErrorBody = { error: { code: 'payload_too_large', message: `the request body is larger than ${maxBodyBytes} bytes` } };
      return c.json(body, 413);
    },
  });
  // File imports, uploads and basemap files carry their own, larger caps (see importApp, districtsApp, basemapsApp).
  app.use('/api/*', (c, next) => (isFileUpload(c.req.path, c.req.method) ? next() : limitBody(c, next)));
  app.use('/api/*', sessionMiddleware({ trustProxy }));
  app.use('/api/*', auditWrites(['/api/auth/login', '/api/auth/logout']));

  app.route('/api/health', healthApp);
  app.route('/api/auth', authApp({ trustProxy }));
  app.route('/api/meta', metaApp);
  app.route('/api/regions', regionsApp);
  app.route('/api/layers', layersApp);
  app.route('/api/special-groups', specialGroupsApp);
  app.route('/api/audit', auditApp);
  app.route('/api/plans', plansApp);
  app.route('/api/rule-profiles', ruleProfilesApp);
  app.route('/api/grid-codes', gridCodesApp);
  app.route('/api/import', importApp(maxImportBytes));
  app.route('/api/jobs', jobsApp);
  const district = districtsApp(maxUploadBytes);
  app.route('/api/uploads', district.uploads);
  app.route('/api/districts', district.districts);
  app.route('/api/analytics', analyticsApp);
  app.route('/api/tiles', tilesApp);
  app.route('/api/dashboard', dashboardApp);
  app.route('/api/briefings', briefingsApp);
  app.route('/api/staff', staffApp);
  app.route('/api/incidents', incidentsApp);
  app.route('/api/reports/notice-boards', noticeBoardsApp);
  app.route('/api/service-hours', serviceHoursApp);
  app.route('/api/reports', reportsApp);
  app.route('/api/visits', visitsApp);
  app.route('/api/basemaps', basemapsApp({ dir: basemapDir ?? null, maxUploadBytes: maxBasemapBytes }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'set by POST /api/auth/login; writes also need the ga_csrf cookie echoed in X-CSRF-Token',
  });
  // Built on first request, when every route is registered, and finished for clients outside.
  let published: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', (c) => {
    published ??= finishOpenApiDocument(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'GridAtlas API (网格图谱)',
          version: '0.1.0',
          description:
            'Community grid management: plans and grids, analytics, imports. Errors are `{ error: { code, message, details? } }`.',
        },
        security: [{ session: [] }],
      }) as unknown as Record<string, unknown>,
      { publicPaths: PUBLIC_ROUTES },
    );
    return c.json(published);
  });

  if (webDist && !mountStaticWeb(app, webDist)) log.warn('web_dist_missing', { webDist });

  app.notFound((c) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `no such endpoint: ${c.req.method} ${c.req.path}` } };
    return c.json(body, 404);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body(), error.status);
    if (error instanceof TimeLimitError || isStatementTimeout(error)) {
      const limitMs =
        error instanceof TimeLimitError ? error.limitMs : isFileUpload(c.req.path, c.req.method) ? importTimeoutMs : requestTimeoutMs;
      log.warn('request_time_limit', {
        method: c.req.method,
        path: c.req.path,
        limitMs,
        reason: error instanceof TimeLimitError ? error.reason : 'statement',
      });
      c.header('Retry-After', '5');
      return c.json(timeLimitBody(limitMs), 503);
    }
    // Hono's own refusals (malformed JSON is a 400 from the validator) keep their status.
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      const message = /JSON/i.test(error.message) ? 'the request body is not valid JSON' : error.message || 'bad request';
      const body: ErrorBody = { error: { code: STATUS_CODES[status] ?? 'bad_request', message } };
      return c.json(body, status);
    }
    // Log what went wrong for operators; the client gets no stack trace and no SQL.
    log.error('request_failed', {
      method: c.req.method,
      path: c.req.path,
      error: error.name,
      code: (error as { code?: string }).code,
      message: error.message.slice(0, 500),
    });
    const body: ErrorBody = { error: { code: 'internal', message: 'internal error' } };
    return c.json(body, 500);
  });
  return app;
}

/** What a person can do when a request passed its time limit. */
function timeLimitBody(limitMs: number): ErrorBody {
  const seconds = Math.round(limitMs / 100) / 10;
  return {
    error: {
      code: 'time_limit',
      message:
        `this request passed its time limit of ${seconds} s: the server is busy with long work or the request asks for too much at once. ` +
        'Try again in a moment, or narrow the period or the area; long work (patrol coverage over long periods, imports, exports) runs as a job with progress instead. ' +
        'Operators set the limit with GRIDATLAS_STATEMENT_TIMEOUT_MS.',
      details: { limitMs },
    },
  };
}
