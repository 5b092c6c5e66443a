/**
 * The HTTP API as a Hono app over one database: routes are small sub-apps mounted under
 * `/api`, described by OpenAPI at `/api/openapi.json`. Tests call `app.request()` directly.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Db } from './db/db.types.js';
import type { AppEnv } from './http/app-env.js';
import { HttpError, type ErrorBody } from './http/http-error.js';
import { securityHeaders } from './http/security-headers.js';
import { mountStaticWeb } from './http/static-web.js';
import { validationHook } from './http/validation-hook.js';
import { baseLayersRoute } from './layers/base-layers.route.js';
import { gridsLayerRoute } from './layers/grids-layer.route.js';
import { silentLogger, type Logger } from './log.js';
import { healthRoute } from './routes/health.route.js';
import { metaRoute } from './routes/meta.route.js';
import { regionsRoute } from './routes/regions.route.js';

export interface AppOptions {
  db: Db;
  log?: Logger;
  /** Folder of the built web app to serve for non-API paths (SPA fallback to index.html). */
  webDist?: string;
}

export function createApp({ db, log = silentLogger, webDist }: AppOptions): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use(securityHeaders());
  app.use('/api/*', async (c, next) => {
    c.set('db', db);
    await next();
  });

  app.route('/api/health', healthRoute);
  app.route('/api/meta', metaRoute);
  app.route('/api/regions', regionsRoute);
  app.route('/api/layers', baseLayersRoute);
  app.route('/api/layers', gridsLayerRoute);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'GridAtlas API (网格图谱)', version: '0.1.0' },
  });

  if (webDist && !mountStaticWeb(app, webDist)) log.warn('web_dist_missing', { webDist });

  app.notFound((c) => {
    const body: ErrorBody = { error: { code: 'not_found', message: `no such endpoint: ${c.req.method} ${c.req.path}` } };
    return c.json(body, 404);
  });

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(error.body(), error.status);
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
