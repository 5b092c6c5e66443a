import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { useTestApp } from '../test/test-app.js';
import { tinyDistrict } from '../test/tiny-district.fixture.js';

const sum = (key: 'households' | 'persons', code = ''): number =>
  tinyDistrict.buildings.filter((b) => b.communityCode.startsWith(code)).reduce((n, b) => n + b[key], 0);

describe.each(BACKENDS)('meta routes on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('GET /api/health reports the database and PostGIS', async () => {
    const { status, body } = await ctx.get('/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      database: kind,
      postgis: kind === 'embedded' ? expect.stringMatching(/^3\.6/) : expect.stringMatching(/^3\.3/),
      seeded: true,
    });
  });

  it('GET /api/meta describes the district', async () => {
    const { status, body } = await ctx.get('/api/meta');
    expect(status).toBe(200);
    expect(body).toEqual({
      district: { code: '610198', name: '测试区' },
      synthetic: true,
      scale: 'default',
      referenceDate: '2025-06-30',
      ruleProfile: {
        maxHouseholds: 300,
        maxPersons: 1000,
        combine: 'any',
        underFillRatio: 0.4,
        minGridsPerZone: 2,
        maxGridsPerZone: 3,
        sliverM2: 1,
        sliverWidthM: 0.5,
      },
      counts: {
        subdistricts: 1,
        communities: 2,
        compounds: 2,
        buildings: 6,
        households: sum('households'),
        persons: sum('persons'),
        grids: 3,
      },
    });
  });

  it('GET /api/meta?region= describes the district of that region, and refuses one outside the jurisdiction', async () => {
    const { status, body } = await ctx.get<{ district: { code: string } }>('/api/meta?region=610198001001');
    expect(status).toBe(200);
    expect(body.district).toEqual({ code: '610198', name: '测试区' });
    expect((await ctx.get('/api/meta?region=420111')).status).toBe(403);
    expect((await ctx.get('/api/meta?region=61')).status).toBe(400);
  });

  it('GET /api/openapi.json describes every route', async () => {
    const { status, body } = await ctx.get<{ openapi: string; paths: Record<string, unknown> }>('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/analytics/incidents/grids',
      '/api/analytics/incidents/hexbins',
      '/api/analytics/incidents/points',
      '/api/analytics/incidents/series',
      '/api/analytics/patrols/coverage',
      '/api/analytics/patrols/dead-corners',
      '/api/analytics/patrols/tracks',
      '/api/analytics/settings',
      '/api/analytics/special-groups/grids',
      '/api/analytics/special-groups/hexbins',
      '/api/analytics/workload',
      '/api/audit',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/me',
      '/api/basemaps/files',
      '/api/basemaps/files/{name}',
      '/api/basemaps/settings',
      '/api/briefings',
      '/api/briefings/{id}',
      '/api/briefings/{id}/slides',
      '/api/briefings/{id}/slides/{slideId}',
      '/api/briefings/{id}/slides/{slideId}/figure',
      '/api/briefings/{id}/slides/{slideId}/move',
      '/api/dashboard',
      '/api/districts',
      '/api/districts/{code}/exports',
      '/api/districts/{code}/exports/{jobId}/file',
      '/api/districts/{code}/imports',
      '/api/grid-codes/{code}',
      '/api/health',
      '/api/import/incidents',
      '/api/import/tracks',
      '/api/incidents',
      '/api/incidents/map',
      '/api/incidents/mine',
      '/api/incidents/options',
      '/api/incidents/{district}/{id}',
      '/api/incidents/{district}/{id}/photos/{photoId}',
      '/api/incidents/{district}/{id}/transitions',
      '/api/jobs',
      '/api/jobs/{id}',
      '/api/jobs/{id}/cancel',
      '/api/layers/buildings',
      '/api/layers/communities',
      '/api/layers/compounds',
      '/api/layers/grids',
      '/api/layers/streets',
      '/api/layers/subdistricts',
      '/api/meta',
      '/api/plans',
      '/api/plans/{id}',
      '/api/plans/{id}/approve',
      '/api/plans/{id}/archive',
      '/api/plans/{id}/delineate',
      '/api/plans/{id}/diff',
      '/api/plans/{id}/grids',
      '/api/plans/{id}/rebalance',
      '/api/plans/{id}/return',
      '/api/plans/{id}/submit',
      '/api/regions',
      '/api/reports',
      '/api/reports/notice-boards',
      '/api/reports/notice-boards/{jobId}/file',
      '/api/reports/{jobId}/file',
      '/api/rule-profiles',
      '/api/rule-profiles/{id}/activate',
      '/api/service-hours',
      '/api/special-groups/records',
      '/api/special-groups/summary',
      '/api/staff',
      '/api/staff/checks',
      '/api/staff/imports',
      '/api/staff/model',
      '/api/staff/models',
      '/api/staff/models/{key}',
      '/api/staff/proposals',
      '/api/staff/proposals/{id}/{decision}',
      '/api/staff/workers/{district}/{id}',
      '/api/staff/workers/{district}/{id}/assignments',
      '/api/tiles/incidents/{z}/{x}/{y}.mvt',
      '/api/uploads',
      '/api/uploads/{id}/features',
      '/api/uploads/{id}/inspect',
      '/api/visits',
      '/api/visits/grids',
      '/api/visits/grids/{code}',
      '/api/visits/grids/{code}/due',
      '/api/visits/mine/due',
      '/api/visits/plans',
      '/api/visits/{district}/{id}',
    ]);
  });
});
