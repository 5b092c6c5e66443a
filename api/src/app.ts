/**
 * The HTTP API as a Hono app over one database: routes are small sub-apps mounted under
 * `/api`, described by OpenAPI at `/api/openapi.json`. Tests call `app.request()` directly.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { analyticsSettingsRoute } from './analytics/settings.route.js';
import { patrolsCoverageRoute } from './analytics/patrols-coverage.route.js';
import { patrolsDeadCornersRoute } from './analytics/patrols-dead-corners.route.js';
import { patrolsTracksRoute } from './analytics/patrols-tracks.route.js';
import { specialGroupsGridsRoute } from './analytics/special-groups-grids.route.js';
import { specialGroupsHexbinsRoute } from './analytics/special-groups-hexbins.route.js';
import { workloadRoute } from './analytics/workload.route.js';
import { incidentsGridsRoute } from './analytics/incidents-grids.route.js';
import { incidentsHexbinsRoute } from './analytics/incidents-hexbins.route.js';
import { incidentsPointsRoute } from './analytics/incidents-points.route.js';
import { incidentsSeriesRoute } from './analytics/incidents-series.route.js';
import { incidentsTileRoute } from './tiles/incidents-tile.route.js';
import { auditRoute } from './audit/audit.route.js';
import { auditWrites } from './audit/audit-writes.middleware.js';
import { authRoute } from './auth/auth.route.js';
import { LOGIN_PATH, sessionMiddleware } from './auth/session.middleware.js';
import { SESSION_COOKIE } from './auth/session-token.js';
import type { Db } from './db/db.types.js';
import type { AppEnv } from './http/app-env.js';
import { finishOpenApiDocument } from './http/openapi-document.js';
import { HttpError, type ErrorBody, type ErrorCode } from './http/http-error.js';
import { clientIp } from './http/client-ip.js';
import { securityHeaders } from './http/security-headers.js';
import { mountStaticWeb } from './http/static-web.js';
import { validationHook } from './http/validation-hook.js';
import { DEFAULT_IMPORT_MAX_BYTES, importRoute } from './import/import.route.js';
import { createAppJobRunner } from './jobs/app-job-runner.js';
import { DEFAULT_UPLOAD_MAX_BYTES, districtsApp } from './districts/http/districts.app.js';
import type { JobRunner } from './jobs/job-runner.js';
import { jobsApp } from './jobs/jobs.app.js';
import { baseLayersRoute } from './layers/base-layers.route.js';
import { gridsLayerRoute } from './layers/grids-layer.route.js';
import { plansRoute } from './plans/plans.route.js';
import { planDiffRoute } from './plans/plan-diff.route.js';
import { planWorkflowRoute } from './plans/plan-workflow.route.js';
import { planEngineRoute } from './plans/plan-engine.route.js';
import { ruleProfilesRoute } from './rule-profiles/rule-profiles.route.js';
import { gridCodesRoute } from './grid-codes/grid-codes.route.js';
import { silentLogger, type Logger } from './log.js';
import { healthRoute } from './routes/health.route.js';
import { metaRoute } from './routes/meta.route.js';
import { regionsRoute } from './routes/regions.route.js';
import { specialGroupsRecordsRoute } from './special-groups/special-groups-records.route.js';
import { specialGroupsSummaryRoute } from './special-groups/special-groups-summary.route.js';

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
  /** Largest upload to /api/uploads in bytes (default 64 MiB). */
  maxUploadBytes?: number;
  /** The job runner (default: one over `db` with every job kind, started on the first job). */
  jobs?: JobRunner;
}

/** Routes anyone may call; every other /api route sits behind login and a permission. */
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
  maxBodyBytes = 2 ** 20,
  maxImportBytes = DEFAULT_IMPORT_MAX_BYTES,
  maxUploadBytes = DEFAULT_UPLOAD_MAX_BYTES,
  jobs = createAppJobRunner(db, log),
}: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(securityHeaders());
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    c.set('ip', clientIp(c, trustProxy));
    c.set('jobs', jobs);
    await next();
  });
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => {
      const body: ErrorBody = { error: { code: 'payload_too_large', message: `the request body is larger than ${maxBodyBytes} bytes` } };
      return c.json(body, 413);
    },
  });
  // File imports and uploads carry their own, larger caps (see importRoute, districtsApp).
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/import/') || c.req.path === '/api/uploads' ? next() : limitBody(c, next)));
  app.use('/api/*', sessionMiddleware({ trustProxy }));
  app.use('/api/*', auditWrites(['/api/auth/login', '/api/auth/logout']));

  app.route('/api/health', healthRoute);
  app.route('/api/auth', authRoute({ trustProxy }));
  app.route('/api/meta', metaRoute);
  app.route('/api/regions', regionsRoute);
  app.route('/api/layers', baseLayersRoute);
  app.route('/api/layers', gridsLayerRoute);
  app.route('/api/special-groups', specialGroupsSummaryRoute);
  app.route('/api/special-groups', specialGroupsRecordsRoute);
  app.route('/api/audit', auditRoute);
  app.route('/api/plans', plansRoute);
  app.route('/api/plans', planWorkflowRoute);
  app.route('/api/plans', planDiffRoute);
  app.route('/api/plans', planEngineRoute);
  app.route('/api/rule-profiles', ruleProfilesRoute);
  app.route('/api/grid-codes', gridCodesRoute);
  app.route('/api/import', importRoute(maxImportBytes));
  app.route('/api/jobs', jobsApp);
  const district = districtsApp(maxUploadBytes);
  app.route('/api/uploads', district.uploads);
  app.route('/api/districts', district.districts);
  app.route('/api/analytics', analyticsSettingsRoute);
  app.route('/api/analytics', patrolsTracksRoute);
  app.route('/api/analytics', patrolsCoverageRoute);
  app.route('/api/analytics', patrolsDeadCornersRoute);
  app.route('/api/analytics', specialGroupsGridsRoute);
  app.route('/api/analytics', specialGroupsHexbinsRoute);
  app.route('/api/analytics', workloadRoute);
  app.route('/api/analytics', incidentsGridsRoute);
  app.route('/api/analytics', incidentsHexbinsRoute);
  app.route('/api/analytics', incidentsSeriesRoute);
  app.route('/api/analytics', incidentsPointsRoute);
  app.route('/api/tiles', incidentsTileRoute);

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
        info: { title: 'GridAtlas API (网格图谱)', version: '0.1.0', description: 'Community grid management: plans and grids, analytics, imports. Errors are `{ error: { code, message, details? } }`.' },
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
