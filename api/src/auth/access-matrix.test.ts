/**
 * Every route of the app (from its OpenAPI document) × every role (and anonymous) × a region
 * inside / outside the caller's jurisdiction → the expected status. A route added later
 * without a row here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../test/test-database.js';
import { TEST_PASSWORD, TEST_ROLES, useTestApp, type Client } from '../test/test-app.js';
import { TINY_COMMUNITY_EAST, TINY_COMMUNITY_WEST } from '../test/tiny-district.fixture.js';

type Who = 'anonymous' | 'admin' | 'planner' | 'analyst' | 'leader' | 'worker' | 'dispatcher';
/** Status when the region is inside the jurisdiction, and when it is outside. */
type Expect = Record<Who, [number, number]>;

const same = (n: number): [number, number] => [n, n];
const everyone = (anon: number, rest: [number, number]): Expect => ({
  anonymous: same(anon),
  admin: rest,
  planner: rest,
  analyst: rest,
  leader: rest,
  worker: rest,
  dispatcher: rest,
});
const only = (roles: Who[]): Expect => {
  const e = everyone(401, same(403));
  for (const r of roles) e[r] = [200, 403];
  return e;
};
const layer = everyone(401, [200, 403]);
const editors = (inside: number): Expect => ({ ...everyone(401, same(403)), admin: [inside, 403], planner: [inside, 403] });
/** A west-community draft the matrix test creates first (the fixture's only draft is in the east). */
let westDraft = 0;
/** The fixture's incident in the west community (1) and in the east (2). */
const incidentOf = (region: string): number => (region === TINY_COMMUNITY_WEST ? 1 : 2);
/** Briefings of the west and the east community, created by the matrix test first. */
const briefingOf: Record<string, number> = {};
/** A visit to a west and to an east building, created by the matrix test first. */
const visitOf: Record<string, number> = {};
/** The one slide (a district-map view) of each of those briefings. */
const slideOf: Record<string, number> = {};
/** Briefing writes: stale versions (409) show the request got past login, permission and jurisdiction. */
const briefingEditors = (inside: number): Expect => ({
  ...everyone(401, same(403)),
  admin: [inside, 403],
  analyst: [inside, 403],
  leader: [inside, 403],
});
const briefingView = (region: string) => ({
  map: 'district',
  regionCode: region,
  layers: ['grids'],
  camera: { center: [108.9, 34.2], zoom: 14, bearing: 0, pitch: 0 },
});

interface Row {
  request: (region: string) => { path: string; method?: string; body?: unknown };
  expect: Expect;
}

const MATRIX: Record<string, Row> = {
  'GET /api/health': { request: () => ({ path: '/api/health' }), expect: everyone(200, same(200)) },
  'POST /api/auth/login': { request: () => ({ path: '/api/auth/login', method: 'POST' }), expect: everyone(401, same(200)) },
  'POST /api/auth/logout': { request: () => ({ path: '/api/auth/logout', method: 'POST' }), expect: everyone(401, same(200)) },
  'GET /api/auth/me': { request: () => ({ path: '/api/auth/me' }), expect: everyone(401, same(200)) },
  // The district of the region (its first six digits): a community user's district overlaps the jurisdiction.
  'GET /api/meta': { request: (region) => ({ path: `/api/meta?region=${region}` }), expect: everyone(401, same(200)) },
  'GET /api/regions': { request: () => ({ path: '/api/regions' }), expect: everyone(401, same(200)) },
  ...Object.fromEntries(
    ['subdistricts', 'communities', 'streets', 'compounds', 'buildings', 'grids'].map((l) => [
      `GET /api/layers/${l}`,
      { request: (region: string) => ({ path: `/api/layers/${l}?region=${region}` }), expect: layer },
    ]),
  ),
  'GET /api/special-groups/summary': {
    request: (region) => ({ path: `/api/special-groups/summary?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/special-groups/records': {
    request: (region) => ({ path: `/api/special-groups/records?region=${region}&purpose=${encodeURIComponent('季度走访')}` }),
    expect: only(['admin', 'worker']),
  },
  'POST /api/plans': {
    request: (region) => ({ path: '/api/plans', method: 'POST', body: { regionCode: region, name: '矩阵' } }),
    expect: editors(201),
  },
  'GET /api/plans/{id}': {
    // Plan 1 covers the whole district (overlaps the west jurisdiction); plan 2 is an east draft.
    request: (region) => ({ path: `/api/plans/${region === TINY_COMMUNITY_WEST ? 1 : 2}` }),
    expect: { ...only(['admin', 'planner', 'analyst', 'leader']) },
  },
  'PUT /api/plans/{id}/grids': {
    // A stale version: 409 shows the request got past login, permission and jurisdiction.
    request: (region) => ({
      path: `/api/plans/${region === TINY_COMMUNITY_WEST ? westDraft : 2}/grids`,
      method: 'PUT',
      body: { version: 999, grids: { type: 'FeatureCollection', features: [] } },
    }),
    expect: editors(409),
  },
  'GET /api/plans': {
    request: (region) => ({ path: `/api/plans?region=${region}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'GET /api/plans/{id}/diff': {
    request: (region) => ({ path: `/api/plans/${region === TINY_COMMUNITY_WEST ? westDraft : 2}/diff` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  // Stale versions: 409 shows the request got past login, permission and jurisdiction.
  ...Object.fromEntries(
    (
      [
        ['submit', ['admin', 'planner']],
        ['approve', ['admin', 'leader']],
        ['return', ['admin', 'leader']],
        ['archive', ['admin', 'planner']],
      ] as const
    ).map(([step, roles]) => [
      `POST /api/plans/{id}/${step}`,
      {
        request: (region: string) => ({
          path: `/api/plans/${region === TINY_COMMUNITY_WEST ? westDraft : 2}/${step}`,
          method: 'POST',
          body: { version: 999 },
        }),
        expect: { ...everyone(401, same(403)), ...Object.fromEntries(roles.map((r) => [r, [409, 403]])) } as Expect,
      },
    ]),
  ),
  'GET /api/grid-codes/{code}': {
    request: (region) => ({ path: `/api/grid-codes/${region}001` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'GET /api/rule-profiles': { request: () => ({ path: '/api/rule-profiles' }), expect: everyone(401, same(200)) },
  // A district's rule needs the whole district in the jurisdiction: community users never may.
  'POST /api/rule-profiles': {
    request: () => ({
      path: '/api/rule-profiles',
      method: 'POST',
      body: {
        districtCode: '610198',
        name: 'm',
        maxHouseholds: 300,
        maxPersons: 1000,
        combine: 'any',
        underFillRatio: 0.4,
        minGridsPerZone: 2,
        maxGridsPerZone: 3,
      },
    }),
    expect: everyone(401, same(403)),
  },
  'POST /api/rule-profiles/{id}/activate': {
    request: () => ({ path: '/api/rule-profiles/1/activate', method: 'POST', body: {} }),
    expect: everyone(401, same(403)),
  },
  ...Object.fromEntries(
    ['delineate', 'rebalance'].map((run) => [
      `POST /api/plans/{id}/${run}`,
      {
        // A stale version: 409 shows the request got past login, permission and jurisdiction.
        request: (region: string) => ({
          path: `/api/plans/${region === TINY_COMMUNITY_WEST ? westDraft : 2}/${run}`,
          method: 'POST',
          body: { version: 999, communityCode: region },
        }),
        expect: editors(409),
      },
    ]),
  ),
  'GET /api/analytics/settings': {
    request: (region) => ({ path: `/api/analytics/settings?region=${region}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  // A district's settings need the whole district in the jurisdiction: community users never may.
  'PUT /api/analytics/settings': {
    request: () => ({ path: '/api/analytics/settings', method: 'PUT', body: { suppressionThreshold: 5 } }),
    expect: everyone(401, same(403)),
  },
  'GET /api/analytics/patrols/tracks': {
    request: (region) => ({ path: `/api/analytics/patrols/tracks?region=${region}&date=2025-06-01` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/analytics/patrols/coverage': {
    request: (region) => ({ path: `/api/analytics/patrols/coverage?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/analytics/patrols/dead-corners': {
    request: (region) => ({ path: `/api/analytics/patrols/dead-corners?region=${region}&days=30` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/analytics/special-groups/grids': {
    request: (region) => ({ path: `/api/analytics/special-groups/grids?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/analytics/special-groups/hexbins': {
    request: (region) => ({ path: `/api/analytics/special-groups/hexbins?region=${region}&zoom=14` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  'GET /api/dashboard': {
    request: (region) => ({ path: `/api/dashboard?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader']),
  },
  // Visits (issue 18): aggregates for leaders and analysts, records for workers; recording needs
  // an account linked to a staff member (none of the matrix's users is: 403).
  'GET /api/visits/plans': {
    request: (region) => ({ path: `/api/visits/plans?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker']),
  },
  'PUT /api/visits/plans': {
    request: () => ({
      path: '/api/visits/plans',
      method: 'PUT',
      body: { districtCode: '610198', plans: [{ category: 'veteran', cadence: 'yearly' }] },
    }),
    expect: everyone(401, same(403)),
  },
  'GET /api/visits/grids': {
    request: (region) => ({ path: `/api/visits/grids?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker']),
  },
  'GET /api/visits/grids/{code}': { request: (region) => ({ path: `/api/visits/grids/${region}001` }), expect: only(['admin', 'worker']) },
  'GET /api/visits/grids/{code}/due': {
    request: (region) => ({ path: `/api/visits/grids/${region}001/due` }),
    expect: only(['admin', 'worker']),
  },
  'GET /api/visits/mine/due': {
    request: (region) => ({ path: `/api/visits/mine/due?region=${region}` }),
    expect: everyone(401, same(403)),
  },
  'POST /api/visits': {
    request: (region) => ({
      path: '/api/visits',
      method: 'POST',
      body: { gridCode: `${region}001`, buildingId: 1, category: 'household', visitedAt: new Date().toISOString() },
    }),
    expect: everyone(401, same(403)),
  },
  // Stale versions (409) show an admin got past permission and jurisdiction; a worker may not
  // change a visit someone else (here: the generator) recorded.
  'PATCH /api/visits/{district}/{id}': {
    request: (region) => ({ path: `/api/visits/610198/${visitOf[region]}`, method: 'PATCH', body: { version: 999, note: 'x' } }),
    expect: { ...everyone(401, same(403)), admin: [409, 403] },
  },
  'DELETE /api/visits/{district}/{id}': {
    request: (region) => ({ path: `/api/visits/610198/${visitOf[region]}?version=999&reason=matrix`, method: 'DELETE', body: {} }),
    expect: { ...everyone(401, same(403)), admin: [409, 403] },
  },
  'GET /api/analytics/workload': {
    request: (region) => ({ path: `/api/analytics/workload?region=${region}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  // Imports write district-wide data: community users never may (the route tests cover admins).
  ...Object.fromEntries(
    ['incidents', 'tracks'].map((kind) => [
      `POST /api/import/${kind}`,
      {
        request: () => ({
          path: `/api/import/${kind}`,
          method: 'POST',
          body: { fileName: 'm.csv', content: Buffer.from('lng,lat,time\n108.905,34.205,2025-01-01\n').toString('base64'), dryRun: true },
        }),
        expect: everyone(401, same(403)),
      },
    ]),
  ),
  ...Object.fromEntries(
    [
      ['GET /api/analytics/incidents/grids', '/api/analytics/incidents/grids?'],
      ['GET /api/analytics/incidents/hexbins', '/api/analytics/incidents/hexbins?bbox=108.9,34.2,108.94,34.22&zoom=14&'],
      ['GET /api/analytics/incidents/series', '/api/analytics/incidents/series?interval=week&'],
      ['GET /api/analytics/incidents/points', '/api/analytics/incidents/points?bbox=108.9,34.2,108.94,34.22&'],
      ['GET /api/tiles/incidents/{z}/{x}/{y}.mvt', '/api/tiles/incidents/14/13148/6605.mvt?'],
    ].map(([route, path]) => [
      route!,
      // incidents.read opens them: the dispatcher (issue 18) reads them too.
      {
        request: (region: string) => ({ path: `${path}region=${region}` }),
        expect: only(['admin', 'analyst', 'leader', 'worker', 'dispatcher']),
      },
    ]),
  ),
  // Every user of the district reads its basemap; only a whole-district admin changes it.
  'GET /api/basemaps/settings': {
    request: (region) => ({ path: `/api/basemaps/settings?region=${region.slice(0, 6)}` }),
    expect: everyone(401, same(200)),
  },
  'PUT /api/basemaps/settings': {
    request: () => ({
      path: '/api/basemaps/settings',
      method: 'PUT',
      body: { districtCode: '610198', defaultBasemap: 'offline', pmtiles: null, tianditu: null },
    }),
    expect: everyone(401, same(403)),
  },
  // The folder is the server's: listing needs the permission only; no folder in this app.
  'GET /api/basemaps/files': {
    request: () => ({ path: '/api/basemaps/files' }),
    expect: { ...everyone(401, same(403)), admin: same(200) },
  },
  'GET /api/basemaps/files/{name}': { request: () => ({ path: '/api/basemaps/files/none.pmtiles' }), expect: everyone(401, same(404)) },
  'PUT /api/basemaps/files/{name}': {
    request: () => ({ path: '/api/basemaps/files/m.pmtiles', method: 'PUT', body: {} }),
    expect: everyone(401, same(403)),
  },
  'DELETE /api/basemaps/files/{name}': {
    request: () => ({ path: '/api/basemaps/files/m.pmtiles', method: 'DELETE' }),
    expect: everyone(401, same(403)),
  },
  // Jobs: anyone logged in lists their own; someone else's (or no) job reads as absent.
  'GET /api/jobs': { request: () => ({ path: '/api/jobs' }), expect: everyone(401, same(200)) },
  'GET /api/jobs/{id}': { request: () => ({ path: '/api/jobs/999999' }), expect: everyone(401, same(404)) },
  'POST /api/jobs/{id}/cancel': {
    request: () => ({ path: '/api/jobs/999999/cancel', method: 'POST', body: {} }),
    expect: everyone(401, same(404)),
  },
  // District imports: districts.import (admins) over the whole district; an unknown upload reads as 404.
  'POST /api/uploads': {
    request: () => ({ path: '/api/uploads?name=m.geojson', method: 'POST', body: {} }),
    expect: { ...everyone(401, same(403)), admin: same(201) },
  },
  'POST /api/uploads/{id}/inspect': {
    request: () => ({ path: `/api/uploads/${'0'.repeat(32)}/inspect`, method: 'POST', body: {} }),
    expect: { ...everyone(401, same(403)), admin: same(404) },
  },
  'POST /api/uploads/{id}/features': {
    request: () => ({ path: `/api/uploads/${'0'.repeat(32)}/features`, method: 'POST', body: {} }),
    expect: { ...everyone(401, same(403)), admin: same(404) },
  },
  'GET /api/districts': { request: () => ({ path: '/api/districts' }), expect: everyone(401, same(200)) },
  'POST /api/districts': {
    request: () => ({ path: '/api/districts', method: 'POST', body: { code: '610198', name: '测试区', uploadId: '0'.repeat(32) } }),
    expect: everyone(401, same(403)),
  },
  'POST /api/districts/{code}/imports': {
    request: () => ({ path: '/api/districts/610198/imports', method: 'POST', body: { layer: 'buildings', uploadId: '0'.repeat(32) } }),
    expect: everyone(401, same(403)),
  },
  'GET /api/districts/{code}/imports': { request: () => ({ path: '/api/districts/610198/imports' }), expect: everyone(401, same(403)) },
  'POST /api/districts/{code}/exports': {
    request: () => ({ path: '/api/districts/610198/exports', method: 'POST', body: { layer: 'grids', format: 'geojson' } }),
    expect: everyone(401, same(403)),
  },
  'GET /api/districts/{code}/exports/{jobId}/file': {
    request: () => ({ path: '/api/districts/610198/exports/999999/file' }),
    expect: everyone(401, same(403)),
  },
  'GET /api/briefings': {
    request: (region) => ({ path: `/api/briefings?region=${region}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'POST /api/briefings': {
    request: (region) => ({ path: '/api/briefings', method: 'POST', body: { regionCode: region, title: '矩阵' } }),
    expect: briefingEditors(201),
  },
  'GET /api/briefings/{id}': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'GET /api/briefings/{id}/slides/{slideId}/figure': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}/slides/${slideOf[region]}/figure` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'PATCH /api/briefings/{id}': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}`, method: 'PATCH', body: { version: 999, title: 'x' } }),
    expect: briefingEditors(409),
  },
  'DELETE /api/briefings/{id}': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}?version=999`, method: 'DELETE', body: {} }),
    expect: briefingEditors(409),
  },
  'POST /api/briefings/{id}/slides': {
    request: (region) => ({
      path: `/api/briefings/${briefingOf[region]}/slides`,
      method: 'POST',
      body: { version: 999, slide: { title: 't', view: briefingView(region) } },
    }),
    expect: briefingEditors(409),
  },
  'PATCH /api/briefings/{id}/slides/{slideId}': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}/slides/1`, method: 'PATCH', body: { version: 999, title: 'x' } }),
    expect: briefingEditors(409),
  },
  'POST /api/briefings/{id}/slides/{slideId}/move': {
    request: (region) => ({
      path: `/api/briefings/${briefingOf[region]}/slides/1/move`,
      method: 'POST',
      body: { version: 999, position: 0 },
    }),
    expect: briefingEditors(409),
  },
  'DELETE /api/briefings/{id}/slides/{slideId}': {
    request: (region) => ({ path: `/api/briefings/${briefingOf[region]}/slides/1?version=999`, method: 'DELETE', body: {} }),
    expect: briefingEditors(409),
  },
  // Service hours: read with reports.export (or profiles.edit), changed by admins (profiles.edit).
  'GET /api/service-hours': {
    request: (region) => ({ path: `/api/service-hours?region=${region}` }),
    expect: only(['admin', 'planner', 'analyst', 'leader']),
  },
  'PUT /api/service-hours': {
    request: (region) => ({
      path: '/api/service-hours',
      method: 'PUT',
      body: { region, zh: '周一至周日 9:00–18:00', en: 'Daily 9:00–18:00' },
    }),
    expect: { ...everyone(401, same(403)), admin: [200, 403] },
  },
  'DELETE /api/service-hours': {
    request: (region) => ({ path: `/api/service-hours?region=${region}`, method: 'DELETE', body: {} }),
    expect: { ...everyone(401, same(403)), admin: [200, 403] },
  },
  // reports.export: admin, planner, analyst, leader. A grid code (here one no plan has: the
  // queued job fails at once, without printing) is refused outside as its community is.
  'POST /api/reports/notice-boards': {
    request: (region) => ({ path: '/api/reports/notice-boards', method: 'POST', body: { region: `${region}999`, size: 'a4' } }),
    expect: { ...everyone(401, same(403)), admin: [202, 403], planner: [202, 403], analyst: [202, 403], leader: [202, 403] },
  },
  // No such job: entitled roles get 404 (its id says nothing), others stop at the permission.
  'GET /api/reports/notice-boards/{jobId}/file': {
    request: () => ({ path: '/api/reports/notice-boards/999999/file' }),
    expect: { ...everyone(401, same(403)), admin: same(404), planner: same(404), analyst: same(404), leader: same(404) },
  },
  // issue 18: staff.read (admin, planner, leader) inside the jurisdiction; staff.edit (admin)
  // for writes. Worker 1 serves the west community, worker 2 the east. A stale version (409)
  // shows a write got past login, permission and jurisdiction; proposal 999999 does not exist.
  'GET /api/staff/model': {
    request: (region) => ({ path: `/api/staff/model?region=${region}` }),
    expect: only(['admin', 'planner', 'leader']),
  },
  'GET /api/staff': { request: (region) => ({ path: `/api/staff?region=${region}` }), expect: only(['admin', 'planner', 'leader']) },
  'GET /api/staff/checks': {
    request: (region) => ({ path: `/api/staff/checks?region=${region}` }),
    expect: only(['admin', 'planner', 'leader']),
  },
  'GET /api/staff/proposals': {
    request: (region) => ({ path: `/api/staff/proposals?region=${region}` }),
    expect: only(['admin', 'planner', 'leader']),
  },
  'GET /api/staff/workers/{district}/{id}': {
    request: (region) => ({ path: `/api/staff/workers/610198/${region === TINY_COMMUNITY_WEST ? 1 : 2}` }),
    expect: only(['admin', 'planner', 'leader']),
  },
  'POST /api/staff': {
    request: (region) => ({ path: '/api/staff', method: 'POST', body: { regionCode: region, name: '矩阵' } }),
    expect: { ...everyone(401, same(403)), admin: [201, 403] },
  },
  'PATCH /api/staff/workers/{district}/{id}': {
    request: (region) => ({
      path: `/api/staff/workers/610198/${region === TINY_COMMUNITY_WEST ? 1 : 2}`,
      method: 'PATCH',
      body: { version: 999, name: 'x' },
    }),
    expect: { ...everyone(401, same(403)), admin: [409, 403] },
  },
  'PUT /api/staff/workers/{district}/{id}/assignments': {
    request: (region) => ({
      path: `/api/staff/workers/610198/${region === TINY_COMMUNITY_WEST ? 1 : 2}/assignments`,
      method: 'PUT',
      body: { version: 999, assignments: [] },
    }),
    expect: { ...everyone(401, same(403)), admin: [409, 403] },
  },
  'POST /api/staff/proposals/{id}/{decision}': {
    request: () => ({ path: '/api/staff/proposals/999999/confirm', method: 'POST', body: {} }),
    expect: { ...everyone(401, same(403)), admin: same(404), planner: same(404) },
  },
  'GET /api/staff/models': {
    request: (region) => ({ path: `/api/staff/models?region=${region}` }),
    expect: only(['admin', 'planner', 'leader']),
  },
  // Models belong to a whole district: a community user's jurisdiction never holds one.
  'POST /api/staff/models': {
    request: () => ({
      path: '/api/staff/models',
      method: 'POST',
      body: { district: '610198', from: 'n_plus_5', key: 'matrix', zh: '矩阵', en: 'Matrix' },
    }),
    expect: everyone(401, same(403)),
  },
  'PUT /api/staff/models/{key}': {
    request: () => ({
      path: '/api/staff/models/n_plus_5',
      method: 'PUT',
      body: {
        district: '610198',
        version: 1,
        zh: '矩阵',
        en: 'Matrix',
        roles: [
          {
            key: 'information_officer',
            zh: '信息员',
            en: 'Information officer',
            scope: 'grid',
            required: true,
            maxGrids: 2,
            maxHouseholds: null,
          },
        ],
      },
    }),
    expect: everyone(401, same(403)),
  },
  'PUT /api/staff/model': {
    request: () => ({ path: '/api/staff/model', method: 'PUT', body: { district: '610198', model: 'grid_ladder' } }),
    expect: everyone(401, same(403)),
  },
  // A community user's jurisdiction never holds a whole district: every import is refused.
  'POST /api/staff/imports': {
    request: () => ({ path: '/api/staff/imports?district=610198&name=roster.csv', method: 'POST', body: {} }),
    expect: everyone(401, same(403)),
  },
  // Incident loop (issue 18): incidents.read reads; a step needs a loop permission, then the
  // jurisdiction (403 outside) and the version (a stale one: 409 inside). The fixture's
  // incident 1 lies in the west community, incident 2 in the east.
  'GET /api/incidents': {
    request: (region) => ({ path: `/api/incidents?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker', 'dispatcher']),
  },
  'GET /api/incidents/map': {
    request: (region) => ({ path: `/api/incidents/map?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker', 'dispatcher']),
  },
  'GET /api/incidents/options': {
    request: (region) => ({ path: `/api/incidents/options?region=${region}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker', 'dispatcher']),
  },
  'GET /api/incidents/mine': {
    request: () => ({ path: '/api/incidents/mine' }),
    expect: { ...everyone(401, same(403)), admin: same(200), worker: same(200), dispatcher: same(200) },
  },
  'GET /api/incidents/{district}/{id}': {
    request: (region) => ({ path: `/api/incidents/610198/${incidentOf(region)}` }),
    expect: only(['admin', 'analyst', 'leader', 'worker', 'dispatcher']),
  },
  'GET /api/incidents/{district}/{id}/photos/{photoId}': {
    request: (region) => ({ path: `/api/incidents/610198/${incidentOf(region)}/photos/999999` }),
    expect: {
      ...everyone(401, same(403)),
      admin: [404, 403],
      analyst: [404, 403],
      leader: [404, 403],
      worker: [404, 403],
      dispatcher: [404, 403],
    },
  },
  'POST /api/incidents/{district}/{id}/transitions': {
    request: (region) => ({
      path: `/api/incidents/610198/${incidentOf(region)}/transitions`,
      method: 'POST',
      body: { to: 'accepted', version: 999 },
    }),
    expect: { ...everyone(401, same(403)), admin: [409, 403], leader: [409, 403], worker: [409, 403], dispatcher: [409, 403] },
  },
  // A JSON body where a form belongs: past the permission, refused as the wrong media type.
  'POST /api/incidents': {
    request: () => ({ path: '/api/incidents', method: 'POST', body: {} }),
    expect: { ...everyone(401, same(403)), admin: same(415), worker: same(415), dispatcher: same(415) },
  },
  'GET /api/audit': { request: () => ({ path: '/api/audit' }), expect: { ...everyone(401, same(403)), admin: same(200) } },
  'POST /api/reports': {
    request: (region) => ({ path: '/api/reports', method: 'POST', body: { kind: 'monthly', region, period: '2026-01', format: 'pdf' } }),
    expect: { ...everyone(401, same(403)), admin: [202, 403], planner: [202, 403], analyst: [202, 403], leader: [202, 403] },
  },
  'GET /api/reports/{jobId}/file': {
    request: () => ({ path: '/api/reports/999999/file' }),
    expect: { ...everyone(401, same(404)), worker: same(403), dispatcher: same(403) },
  },
};

describe.each(BACKENDS)('access-control matrix on %s', (kind) => {
  const ctx = useTestApp(kind);

  it('has a row for every route the app describes', async () => {
    const { body } = await ctx.get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const routes = Object.entries(body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('answers every route × role × jurisdiction cell as the table says', async () => {
    const clients = new Map<Who, Client>([['anonymous', ctx.anonymous]]);
    for (const role of TEST_ROLES) clients.set(role as Who, await ctx.login(`${role}-west`));
    const failures: string[] = [];
    const draft = await ctx.t.db.query<{ id: number }>(
      `INSERT INTO plans (district_code, region_code, name, author) VALUES ('610198', $1, 'matrix', 'test') RETURNING id`,
      [TINY_COMMUNITY_WEST],
    );
    westDraft = draft.rows[0]!.id;
    for (const region of [TINY_COMMUNITY_WEST, TINY_COMMUNITY_EAST]) {
      const b = await ctx.t.db.query<{ id: number }>(
        `INSERT INTO briefings (district_code, region_code, title, created_by, updated_by) VALUES ('610198', $1, 'matrix', 'test', 'test') RETURNING id::int AS id`,
        [region],
      );
      briefingOf[region] = b.rows[0]!.id;
      const v = await ctx.t.db.query<{ id: number }>(
        `INSERT INTO visits (district_code, staff_id, building_id, visited_at, kind) VALUES ('610198', 1, $1, now(), 'routine') RETURNING id::int AS id`,
        [region === TINY_COMMUNITY_WEST ? 1 : 4],
      );
      visitOf[region] = v.rows[0]!.id;
      const slide = await ctx.t.db.query<{ id: number }>(
        `INSERT INTO briefing_slides (district_code, briefing_id, position, title, note, view) VALUES ('610198', $1, 0, 'matrix', '', $2::jsonb) RETURNING id::int AS id`,
        [b.rows[0]!.id, JSON.stringify(briefingView(region))],
      );
      slideOf[region] = slide.rows[0]!.id;
    }
    for (const [route, row] of Object.entries(MATRIX)) {
      for (const [who, expected] of Object.entries(row.expect) as [Who, [number, number]][]) {
        for (const [side, region] of [
          [0, TINY_COMMUNITY_WEST],
          [1, TINY_COMMUNITY_EAST],
        ] as const) {
          const req = row.request(region);
          let status: number;
          if (req.path === '/api/auth/login') {
            const creds =
              who === 'anonymous'
                ? { username: 'nobody', password: 'wrong-password' }
                : { username: `${who}-west`, password: TEST_PASSWORD };
            status = (await ctx.anonymous.post(req.path, creds)).status;
          } else if (req.path === '/api/auth/logout') {
            // Logging out ends the session: use a fresh one.
            const c = who === 'anonymous' ? ctx.anonymous : await ctx.login(`${who}-west`);
            status = (await c.post(req.path)).status;
          } else if (req.body !== undefined) {
            const c = clients.get(who)!;
            const headers = { 'content-type': 'application/json', 'x-csrf-token': c.csrf };
            status = (await c.request(req.path, { method: req.method ?? 'POST', headers, body: JSON.stringify(req.body) })).status;
          } else {
            status = (await clients.get(who)!.request(req.path, { method: req.method ?? 'GET' })).status;
          }
          if (status !== expected[side])
            failures.push(`${route} as ${who} (${side ? 'outside' : 'inside'}): ${status}, expected ${expected[side]}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
