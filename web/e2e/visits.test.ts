/**
 * Visits in real headless Chromium against the demo district (a year of generated visits):
 * a grid worker's "my visits due" at phone size (360×740) recording a visit, the analyst's
 * overdue-visits layer with suppressed grids hatched and labelled, and the grid card's
 * visits section. Screenshots go to GRIDATLAS_SHOTS (default: the OS temp folder).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickGrid, openAnalyst, renderedFeatures, selectLayer } from './analyst-harness';
import { clickNearestGrid, launchBrowser, logInByRequest, newAppPage, openApp, startApp, type RunningApp } from './app-harness';

const SHOTS = process.env.GRIDATLAS_SHOTS ?? tmpdir();
const PASSWORD = process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // The demo's worker account becomes the information officer of the first grid.
  await app.db!.query(
    `UPDATE users SET (staff_district_code, staff_id) = (SELECT district_code, staff_id FROM staff_assignments
       WHERE role = 'information_officer' AND grid_code IS NOT NULL ORDER BY grid_code LIMIT 1) WHERE username = 'worker'`,
  );
  // Building the app and seeding the demo district (a year of visits) on a shared two-core machine.
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

// "My visits due" is a tab of the worker's phone page (its own compact header): the desktop top
// bar made the page 754 px wide in zh and 898 px in en at 360 px.
describe('my visits due (grid worker, phone)', () => {
  for (const locale of ['zh', 'en'] as const) {
    it(`lists what is due and overdue in the worker's own grid and records a visit (${locale})`, async () => {
      const { page, errors } = await newAppPage(browser, locale, { width: 360, height: 740 });
      await logInByRequest(page, app.url, { username: 'worker', password: PASSWORD });
      await page.goto(`${app.url}/#my-visits`);
      await page.waitForSelector('[data-testid="my-visits"]', { timeout: 300_000 });
      expect(await page.getAttribute('[data-testid="field-tab-visits"]', 'aria-selected')).toBe('true');
      const items = page.locator('[data-testid="due-item"]');
      expect(await items.count()).toBeGreaterThan(0);
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await page.screenshot({ path: join(SHOTS, `visits-mine-${locale}.png`) });

      const before = await app.db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM visits WHERE recorded_by IS NOT NULL`);
      await items.first().locator('[data-testid="record-visit"]').click();
      const form = page.locator('[data-testid="record-form"]');
      await form.locator('textarea').fill(locale === 'zh' ? '老人身体尚可' : 'all well');
      const door = form.locator('input[type="text"]');
      if (await door.count()) await door.fill('1-101');
      await page.screenshot({ path: join(SHOTS, `visits-record-${locale}.png`) });
      await form.locator('[data-testid="record-submit"]').click();
      await page.waitForSelector('.my-visits-done', { timeout: 60_000 });
      const after = await app.db!.query<{ n: number }>(`SELECT count(*)::int AS n FROM visits WHERE recorded_by IS NOT NULL`);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n + 1);
      expect(errors).toEqual([]);
    });
  }
});

describe('overdue visits for analysts', () => {
  it('colours grids by people overdue, hatches and labels suppressed ones "<5"; the grid card shows the counts', async () => {
    const { page, errors } = await openApp(browser, app.url, 'zh', { username: 'analyst', password: PASSWORD });
    await openAnalyst(page);
    await selectLayer(page, 'visits');
    const labels = await renderedFeatures(page, ['analyst-special-labels'], 'label');
    expect(labels.count).toBeGreaterThan(0);
    const fills = await page.evaluate(
      () => window.__gridatlas!.map.queryRenderedFeatures({ layers: ['analyst-special-fill', 'analyst-special-hatch'] }).length,
    );
    expect(fills).toBeGreaterThan(0);
    // Every label is a count or a suppressed display: never a number below the threshold.
    for (const l of labels.values as string[]) expect(/^<\d+$|^—$|^\d+$/.test(l) && !(Number(l) > 0 && Number(l) < 5)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'visits-analyst-zh.png') });
    await clickGrid(page);
    expect(errors).toEqual([]);
  });

  it('the district map grid card has a visits section', async () => {
    const { page, errors } = await openApp(browser, app.url, 'en', { username: 'analyst', password: PASSWORD });
    await clickNearestGrid(page);
    await page.waitForSelector('[data-testid="grid-visits"] td', { timeout: 120_000 });
    await page.screenshot({ path: join(SHOTS, 'visits-grid-card-en.png') });
    expect(errors).toEqual([]);
  });
});
