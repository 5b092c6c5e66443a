/**
 * The incident loop in real headless Chromium against the real API and demo district (issue 18):
 * the demo dispatcher lands on the dispatcher's view, whose state chips say what SQL counts, and
 * accepts, registers and dispatches a new report; the demo worker, on a 360×740 phone with a faked
 * position, marks an incident assigned to them handled and reports one at their position with a
 * photo. `GRIDATLAS_SCREENSHOTS=<folder>` keeps screenshots of both pages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logInByRequest, newAppPage, startApp, type RunningApp } from './app-harness';

const PASSWORD = process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo';
const SHOTS = process.env.GRIDATLAS_SCREENSHOTS;
/** A 1×1 PNG: the API checks the type by the bytes. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

const db = () => app.db!;

/** The legend's box and the map's, in page pixels: the legend must leave the whole map visible. */
async function expectLegendOffMap(page: Page): Promise<void> {
  const legend = (await page.locator('[data-testid="incident-legend"]').boundingBox())!;
  const map = (await page.locator('[data-testid="incident-map"]').boundingBox())!;
  const overlap =
    Math.max(0, Math.min(legend.x + legend.width, map.x + map.width) - Math.max(legend.x, map.x)) *
    Math.max(0, Math.min(legend.y + legend.height, map.y + map.height) - Math.max(legend.y, map.y));
  expect(overlap).toBe(0);
  // Nor does the strip squeeze the map: at 1366×768 most of the height below the filters is map.
  expect(map.height).toBeGreaterThan(legend.height * 4);
}

describe.runIf(!process.env.GRIDATLAS_E2E_URL)('incident loop in the browser', () => {
  it('lands the dispatcher on the list and map, with chip counts from SQL, and dispatches a new report', async () => {
    const { page, errors } = await newAppPage(browser, 'zh', { width: 1366, height: 768 });
    await logInByRequest(page, app.url, { username: 'dispatcher', password: PASSWORD });
    // A fresh report to work on, at a building of the district.
    const at = (
      await db().query<{ lng: number; lat: number }>(
        `SELECT ST_X(ST_PointOnSurface(footprint)) AS lng, ST_Y(ST_PointOnSurface(footprint)) AS lat FROM buildings ORDER BY id LIMIT 1`,
      )
    ).rows[0]!;
    const created = await page.request.post(`${app.url}/api/incidents`, {
      multipart: { lng: at.lng.toFixed(7), lat: at.lat.toFixed(7), category: '市政设施', description: '路灯不亮' },
      headers: { 'x-csrf-token': (await page.context().cookies()).find((c) => c.name === 'ga_csrf')!.value },
    });
    expect(created.status()).toBe(201);
    const report = (await created.json()) as { id: number; code: string };

    await page.goto(app.url);
    await page.waitForSelector('[data-testid="dispatcher-view"]', { timeout: 300_000 });
    await page.waitForSelector('[data-testid="incident-map"][data-state="ready"]', { timeout: 300_000 });
    await page.waitForSelector('[data-testid="incident-row"]');
    const counts = await db().query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM incidents GROUP BY state');
    for (const { state, n } of counts.rows) expect(await page.textContent(`[data-testid="chip-${state}"] b`), state).toBe(String(n));
    await shot(page, 'dispatcher-list-map');
    await expectLegendOffMap(page);

    // The jurisdiction's grids lie under the points; a click on a grid away from any point filters the list by it.
    await page.waitForFunction(() => (window.__gridatlas?.map.querySourceFeatures('grids').length ?? 0) > 0, null, { timeout: 120_000 });
    const spot = await page.evaluate(() => {
      const map = window.__gridatlas!.map;
      map.jumpTo({ zoom: 15 });
      return new Promise<{ x: number; y: number; code: string } | null>((resolve) =>
        map.once('idle', () => {
          const canvas = map.getCanvas().getBoundingClientRect();
          for (let y = 40; y < canvas.height - 40; y += 23)
            for (let x = 40; x < canvas.width - 40; x += 23) {
              const box: [[number, number], [number, number]] = [
                [x - 14, y - 14],
                [x + 14, y + 14],
              ];
              if (map.queryRenderedFeatures(box, { layers: ['incidents-points'] }).length > 0) continue;
              const grid = map.queryRenderedFeatures([x, y], { layers: ['grids-fill'] })[0];
              if (grid) return resolve({ x: canvas.left + x, y: canvas.top + y, code: String(grid.properties.code) });
            }
          resolve(null);
        }),
      );
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await page.waitForSelector('[data-testid="grid-filter"]');
    expect(await page.textContent('[data-testid="grid-filter"]')).toContain(spot!.code);
    const inGrid = (
      await db().query<{ n: number }>(
        // The API's grid filter: the incident's in-force grid (kept by migration 0015's triggers).
        `SELECT count(*)::int AS n FROM incidents i
         WHERE i.grid_code = $1 AND i.state IN ('reported','accepted','registered','dispatched','in_progress','feedback','verified')`,
        [spot!.code],
      )
    ).rows[0]!.n;
    await page.waitForFunction((n) => document.querySelector('.incident-list .muted')?.textContent?.includes(String(n)), inGrid);
    await shot(page, 'dispatcher-grid-filter');
    await page.click('[data-testid="grid-filter"] button');
    await page.waitForSelector('[data-testid="grid-filter"]', { state: 'detached' });

    await page.click('[data-testid="chip-reported"]');
    await page.fill('input[type="search"]', report.code);
    await page.locator('[data-testid="incident-row"]', { hasText: report.code }).click();
    await page.waitForSelector('[data-testid="incident-detail"]');
    // With the detail open the map is narrower and its legend wraps onto more rows: still off the map.
    await expectLegendOffMap(page);
    await page.click('[data-testid="action-accepted"]');
    await page.waitForSelector('[data-testid="action-registered"]');
    await page.click('[data-testid="action-registered"]');
    await page.click('[data-testid="action-dispatched"]');
    await page.waitForSelector('[data-testid="dispatch-dialog"] option');
    await shot(page, 'dispatcher-dispatch-dialog');
    // A worker's report goes to the grid's staff by default; this one to the category's department.
    await page.click('[data-testid="dispatch-kind-department"]');
    await page.click('[data-testid="dispatch-confirm"]');
    await page.waitForSelector('[data-testid="incident-detail"] .timer');
    await shot(page, 'dispatcher-dispatched');
    const row = (
      await db().query<{ state: string; department: string | null; deadline: boolean }>(
        `SELECT i.state, d.name AS department, i.deadline_at > now() AS deadline FROM incidents i
         LEFT JOIN departments d ON d.district_code = i.district_code AND d.id = i.assignee_department_id WHERE i.id = $1`,
        [report.id],
      )
    ).rows[0]!;
    // 市政设施 goes to its usual department by default, with its deadline running.
    expect(row).toEqual({ state: 'dispatched', department: '市政管理所', deadline: true });
    const steps = await db().query<{ state: string; role: string }>(
      'SELECT state, actor_role AS role FROM incident_transitions WHERE incident_id = $1 ORDER BY seq',
      [report.id],
    );
    expect(steps.rows.map((s) => s.state)).toEqual(['reported', 'accepted', 'registered', 'dispatched']);
    expect(steps.rows.slice(1).every((s) => s.role === 'dispatcher')).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 900_000);

  it('lets the worker on a phone mark their incident handled and report one where they stand, with a photo', async () => {
    // The demo worker is the staff member of the first grid; give them an incident in it.
    const mine = (
      await db().query<{ district: string; staff: number; grid: string; lng: number; lat: number }>(
        `SELECT u.staff_district_code::text AS district, u.staff_id::int AS staff, a.grid_code AS grid,
           ST_X(ST_PointOnSurface(g.geometry)) AS lng, ST_Y(ST_PointOnSurface(g.geometry)) AS lat
         FROM users u
         JOIN staff_assignments a ON a.district_code = u.staff_district_code AND a.staff_id = u.staff_id AND a.grid_code IS NOT NULL
         JOIN grids g ON g.district_code = a.district_code AND g.code = a.grid_code
         WHERE u.username = 'worker' ORDER BY a.grid_code LIMIT 1`,
      )
    ).rows[0]!;
    const dispatcher = (await db().query<{ id: number }>(`SELECT id::int AS id FROM users WHERE username = 'dispatcher'`)).rows[0]!.id;
    const open = (
      await db().query<{ id: number; version: number }>(
        `SELECT id::int AS id, version FROM incidents WHERE district_code = $1 AND state = 'registered' ORDER BY id LIMIT 1`,
        [mine.district],
      )
    ).rows[0];
    let assignedId: number;
    if (open) {
      await db().query(`SELECT incident_transition($1, $2, $3, 'dispatched', $4, '请核实', NULL, NULL, $5)`, [
        mine.district,
        open.id,
        dispatcher,
        open.version,
        mine.staff,
      ]);
      assignedId = open.id;
    } else throw new Error('the demo district has no registered incident to dispatch');

    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      geolocation: { longitude: mine.lng, latitude: mine.lat, accuracy: 12 },
      permissions: ['geolocation'],
    });
    await context.addInitScript(() => localStorage.setItem('gridatlas.locale', 'zh'));
    const page = await context.newPage();
    page.setDefaultNavigationTimeout(300_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await logInByRequest(page, app.url, { username: 'worker', password: PASSWORD });
    await page.goto(app.url);
    await page.waitForSelector('[data-testid="worker-page"]', { timeout: 300_000 });
    const assignedCode = (await db().query<{ code: string }>('SELECT code FROM incidents WHERE id = $1', [assignedId])).rows[0]!.code;
    const card = page.locator('[data-testid="assigned-incident"]', { hasText: assignedCode });
    await card.waitFor();
    await shot(page, 'worker-mine');
    await card.locator('textarea').fill('已现场处理');
    await card.locator('[data-testid="mark-handled"]').click();
    await card.locator('[data-testid="mark-handled"]').waitFor({ state: 'detached', timeout: 120_000 });
    const handled = (
      await db().query<{ state: string; note: string; near: boolean }>(
        `SELECT i.state, t.note, ST_DWithin(t.location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 1) AS near
         FROM incidents i JOIN incident_transitions t ON t.district_code = i.district_code AND t.incident_id = i.id
         WHERE i.id = $1 ORDER BY t.seq DESC LIMIT 1`,
        [assignedId, mine.lng, mine.lat],
      )
    ).rows[0]!;
    expect(handled).toEqual({ state: 'feedback', note: '已现场处理', near: true });

    await page.click('[data-testid="field-tab-report"]');
    await page.waitForSelector('[data-testid="field-map"][data-state="ready"]', { timeout: 300_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="field-location"]')?.textContent?.includes('已定位'));
    await page.selectOption('[data-testid="field-category"]', '环境卫生');
    await page.fill('[data-testid="field-description"]', '垃圾桶满溢');
    await page.setInputFiles('[data-testid="field-photo"]', { name: 'p.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('.photo-input .muted');
    await shot(page, 'worker-report');
    await page.click('[data-testid="field-submit"]');
    await page.waitForSelector('[data-testid="field-notice"]');
    const code = /SJ\d{14}/.exec((await page.textContent('[data-testid="field-notice"]'))!)![0];
    await shot(page, 'worker-reported');
    const reported = (
      await db().query<{ grid: string; photos: number; by: string; near: boolean }>(
        `SELECT i.grid_code AS grid, (SELECT count(*)::int FROM incident_photos p WHERE p.incident_id = i.id AND p.district_code = i.district_code) AS photos,
           u.username AS by, ST_DWithin(i.location::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography, 1) AS near
         FROM incidents i JOIN users u ON u.id = i.reported_by WHERE i.code = $1`,
        [code, mine.lng, mine.lat],
      )
    ).rows[0]!;
    expect(reported).toEqual({ grid: mine.grid, photos: 1, by: 'worker', near: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);
});
