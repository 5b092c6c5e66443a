/**
 * The dashboard in real headless Chromium against the real API and demo district: the demo
 * leader lands on it; its figures equal counts computed here in plain SQL on the server's
 * database; a figure opens the analyst map on its layer and month; the wall (`#dashboard/wall`)
 * is dark, rotates its panels and is left with Esc.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newAppPage, startApp, type RunningApp } from './app-harness';
import { cutFigureTexts, figureValue, LEADER, openDashboard, toolbarRowSpread, waitForDashboard } from './dashboard-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
let period: string;
let district: string;

/** The month's bounds as Beijing-time instants, in SQL. */
const MONTH_START = `(($2::text || '-01')::date::timestamp AT TIME ZONE 'Asia/Shanghai')`;
const MONTH_END = `((($2::text || '-01')::date + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')`;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // No hash, no tab: where a leader lands.
  ({ page } = await openDashboard(browser, app.url, { viewport: { width: 1366, height: 768 } }));
  period = (await page.getAttribute('[data-testid="dashboard"]', 'data-period'))!;
  district = (await page.evaluate(
    async () => ((await (await fetch('/api/meta')).json()) as { district: { code: string } }).district.code,
  ))!;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const sql = async <T>(text: string, params: unknown[]): Promise<T> => (await app.db!.query<T & object>(text, params)).rows[0]!;

describe('dashboard', () => {
  it('is where the leader lands, on the last ended month, with every section', async () => {
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    expect(await page.locator('[data-testid="map"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="open-dashboard"]', 'aria-selected')).toBe('true');
    for (const section of ['grids', 'staffing', 'incidents', 'patrols', 'special'])
      expect(await page.locator(`[data-testid="section-${section}"]`).count(), section).toBe(1);
  });

  it.runIf(!process.env.GRIDATLAS_E2E_URL)('shows the counts SQL gives on the same database', async () => {
    const incidents = await sql<{ n: number; closed: number; voided: number }>(
      `WITH month AS (
         -- The district's incidents, those in no community (a boundary road, a park) included.
         SELECT i.id FROM incidents i
         WHERE i.district_code = $1
           AND i.reported_at >= ${MONTH_START} AND i.reported_at < ${MONTH_END}
       ), fate AS (
         SELECT m.id,
           bool_or(t.state = 'closed' AND t.at < ${MONTH_END}) AS closed,
           bool_or(t.state = 'voided' AND t.at < ${MONTH_END}) AS voided
         FROM month m LEFT JOIN incident_transitions t ON t.district_code = $1 AND t.incident_id = m.id
         GROUP BY m.id
       )
       SELECT count(*)::int AS n,
         count(*) FILTER (WHERE closed AND NOT coalesce(voided, false))::int AS closed,
         count(*) FILTER (WHERE voided)::int AS voided
       FROM fate`,
      [district, period],
    );
    expect(incidents.n).toBeGreaterThan(0);
    expect(await figureValue(page, 'incidents', 'count')).toBe(incidents.n);
    expect(await figureValue(page, 'incidents', 'closedShare')).toBeCloseTo(incidents.closed / (incidents.n - incidents.voided), 3);

    // Grids in force at the month's end: per community, those of the plan approved last by then.
    const grids = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM grids g
       JOIN plans p ON p.id = g.plan_id
       WHERE g.district_code = $1 AND p.approved_at IS NOT NULL AND p.status IN ('approved', 'archived')
         AND p.approved_at = (
           SELECT max(p2.approved_at) FROM plans p2
           WHERE p2.district_code = $1 AND p2.status IN ('approved', 'archived') AND p2.approved_at < ${MONTH_END}
             AND g.community_code LIKE p2.region_code || '%')`,
      [district, period],
    );
    expect(grids.n).toBeGreaterThan(0);
    expect(await figureValue(page, 'grids', 'count')).toBe(grids.n);

    // The small multiples add up to the month's incidents.
    const categories = await page.$$eval('[data-testid^="category-"]', (els) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(categories.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(incidents.n);
  });

  it('says a comparison is incomplete where it reaches before the first record, instead of a change in per cent', async () => {
    const board = await page.evaluate(async ([r, p]) => (await fetch(`/api/dashboard?region=${r}&period=${p}`)).json(), [
      district,
      period,
    ] as const);
    const records = board.incidents.records as { since: string; previousPartial: boolean; yearAgoPartial: boolean };
    // The demo's incidents are a year long: the same month a year before begins before the first one.
    expect(records.yearAgoPartial).toBe(true);
    const first = await sql<{ d: string }>(
      `SELECT to_char(min(reported_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS d FROM incidents WHERE district_code = $1`,
      [district],
    );
    expect(records.since).toBe(first.d);
    const tile = '[data-testid="figure-incidents-count"]';
    expect(await page.textContent(`${tile} [data-against="vsLastYear"]`)).toBe(`去年同期记录不全（始于 ${records.since}）`);
    const previous = await page.textContent(`${tile} [data-against="vsPrevious"]`);
    if (records.previousPartial) expect(previous).toBe(`上期记录不全（始于 ${records.since}）`);
    else expect(previous).not.toContain('记录不全');
    // No note may be cut or spill out of its tile at 1366×768.
    const spilled = await page.$$eval(
      '.figure-tile [data-testid="delta-partial"]',
      (els) =>
        els.filter((e) => {
          const tile = e.closest('.figure-tile')!.getBoundingClientRect();
          const box = e.getBoundingClientRect();
          return e.scrollWidth > e.clientWidth + 1 || box.right > tile.right + 0.5 || box.bottom > tile.bottom + 0.5;
        }).length,
    );
    expect(spilled).toBe(0);
    if (process.env.GRIDATLAS_SHOTS) {
      await mkdir(process.env.GRIDATLAS_SHOTS, { recursive: true });
      await page.screenshot({ path: join(process.env.GRIDATLAS_SHOTS, 'zh-dashboard-1366.png') });
    }
  });

  it('fits a 1366×768 laptop in Chinese and English: no label or comparison cut, the toolbar on one row', async () => {
    expect(await cutFigureTexts(page)).toEqual([]);
    expect(await toolbarRowSpread(page)).toBeLessThan(6);
    const en = await openDashboard(browser, app.url, { locale: 'en', viewport: { width: 1366, height: 768 } });
    // English labels and comparisons are the longer ones ("vs a year ago = 0 pts unchanged").
    expect(await cutFigureTexts(en.page)).toEqual([]);
    expect(await toolbarRowSpread(en.page)).toBeLessThan(6);
    // A role's name goes into its label whole, and reads as English whatever the role is called.
    const vacancy = await en.page.$$eval('[data-testid^="figure-staffing-vacancy."] .figure-label', (els) => els.map((e) => e.textContent));
    expect(vacancy.length).toBeGreaterThan(0);
    for (const label of vacancy) expect(label).toMatch(/^Grids with no \S/);
    if (process.env.GRIDATLAS_SHOTS) await en.page.screenshot({ path: join(process.env.GRIDATLAS_SHOTS, 'en-dashboard-1366.png') });
    await en.page.context().close();
  });

  it('opens the analyst heatmap of the month from the incidents figure, and comes back by the tab', async () => {
    await page.click('[data-testid="figure-incidents-count"]');
    await page.waitForSelector('[data-testid="analyst"][data-layer="heat"]', { timeout: 120_000 });
    const [year, month] = period.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    expect(await page.textContent('[data-testid="period-value"]')).toContain(`${period}-01`);
    expect(await page.textContent('[data-testid="period-value"]')).toContain(last);
    expect(await page.getAttribute('[data-testid="open-analyst"]', 'aria-selected')).toBe('true');
    await page.click('[data-testid="open-dashboard"]');
    await waitForDashboard(page);
  });

  it('opens the choropleth on a heavy grid', async () => {
    const row = page.locator('[data-testid^="heavy-"]').first();
    const code = (await row.getAttribute('data-testid'))!.replace('heavy-', '');
    await row.click();
    await page.waitForSelector('[data-testid="analyst"][data-layer="choropleth"]', { timeout: 120_000 });
    await page.waitForSelector('[data-testid="analyst-grid-detail"]', { timeout: 120_000 });
    expect(await page.textContent('[data-testid="analyst-grid-detail"]')).toContain(code);
    await page.click('[data-testid="open-dashboard"]');
    await waitForDashboard(page);
  });

  it('runs as a wall from its URL: dark, rotating, left with Esc', async () => {
    const wall = await newAppPage(browser, 'zh', { width: 1920, height: 1080 });
    await wall.page.request.post(`${app.url}/api/auth/login`, { data: LEADER });
    await wall.page.goto(`${app.url}/?rotate=5#dashboard/wall`);
    await waitForDashboard(wall.page);
    const background = await wall.page.$eval('[data-testid="dashboard"]', (el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(r + g + b).toBeLessThan(120);
    expect(await wall.page.locator('.top-bar').count()).toBe(0);
    expect(await wall.page.locator('[data-testid^="section-"]').count()).toBe(1);
    const first = await wall.page.getAttribute('[data-testid^="section-"]', 'data-testid');
    await wall.page.waitForSelector('[data-testid="dashboard"][data-panel="1"]', { timeout: 20_000 });
    expect(await wall.page.getAttribute('[data-testid^="section-"]', 'data-testid')).not.toBe(first);
    await wall.page.keyboard.press('Escape');
    await wall.page.waitForSelector('.top-bar');
    // Leaving the wall mounts the dashboard inside the shell again: wait for its figures.
    await waitForDashboard(wall.page);
    expect(await wall.page.getAttribute('[data-testid="dashboard"]', 'class')).not.toContain('wall');
    expect(await wall.page.locator('[data-testid^="section-"]').count()).toBeGreaterThan(3);
    await wall.page.context().close();
  });
});
