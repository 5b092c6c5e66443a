/** `GET /api/health`: is the database there, which one, and is a district loaded. */
import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../http/router.js';
import { isSeeded } from '../seed/district-data.js';
import { HealthSchema } from './meta.schemas.js';

export const healthApp = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['meta'],
    summary: 'Database and seeding status (public)',
    security: [],
    responses: { 200: { description: 'the API and its database answer', content: { 'application/json': { schema: HealthSchema } } } },
  }),
  async (c) => {
    const db = c.var.db;
    const version = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
    return c.json({ status: 'ok' as const, database: db.kind, postgis: version.rows[0]?.v ?? 'unknown', seeded: await isSeeded(db) }, 200);
  },
);
