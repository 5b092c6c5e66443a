/**
 * The analyst view in real headless Chromium against the real API and demo district: each
 * layer is switched on and what it DREW is checked (deck.gl layer data and picking through
 * the analyst test hook, MapLibre's queryRenderedFeatures for tile and choropleth layers);
 * the period slider changes the counts; the CSV export holds the table's rows; a planner
 * has no special-group layer. Panning the heatmap keeps drawing frames; how fast, at the demo's
 * volume, a year at Lianhu scale and the points route's cap, is `pnpm bench heatmap`'s.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickGrid, deckLayerLength, openAnalyst, panFrameTimes, renderedFeatures, selectLayer } from './analyst-harness';
import { DEMO_LOGIN, launchBrowser, openApp, startApp, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
const ANALYST = { username: 'analyst', password: DEMO_LOGIN.password };
const statusTotal = async () =>
  Number(((await page.textContent('[data-testid="analyst-status"]')) ?? '').match(/合计 ([\d,]+)/)?.[1]?.replace(/,/g, '') ?? NaN);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page } = await openApp(browser, app.url, 'zh', ANALYST));
  await openAnalyst(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('analyst view', () => {
  it('draws the incident heatmap from binary points, and the period slider changes the counts', async () => {
    const points = await deckLayerLength(page, 'incident-heat');
    await page.waitForFunction(() => /合计 [\d,]+/.test(document.querySelector('[data-testid="analyst-status"]')?.textContent ?? ''));
    const total = await statusTotal();
    expect(points).toBeGreaterThan(1000);
    expect(points).toBeLessThanOrEqual(total);

    // The last half year only: fewer incidents in the table, the chart and the heatmap.
    await page.locator('[data-testid="period-from"]').fill('182');
    await page.waitForFunction((before) => {
      const n = Number(
        document
          .querySelector('[data-testid="analyst-status"]')
          ?.textContent?.match(/合计 ([\d,]+)/)?.[1]
          ?.replace(/,/g, ''),
      );
      return n > 0 && n < before;
    }, total);
    const half = await statusTotal();
    expect(half).toBeLessThan(total * 0.75);
    await page.waitForFunction((before) => (window.__gridatlasAnalyst?.layers()[0]?.length ?? before) < before, points);
    expect(await page.textContent('[data-testid="period-value"]')).toMatch(/（18[34] 天）/);
  });

  it('pans the heatmap: frames keep coming while the map is dragged (timed at larger volumes by `pnpm bench heatmap`)', async () => {
    const pan = await panFrameTimes(page);
    console.log(`heatmap pan at the demo's volume (ms): ${JSON.stringify(pan)}`);
    expect(pan.frames).toBeGreaterThan(10);
  });

  it('draws hexbins for the viewport and picks one under the cursor', async () => {
    await selectLayer(page, 'hexbin');
    expect(await deckLayerLength(page, 'incident-hexbins')).toBeGreaterThan(10);
    const picked = await page.waitForFunction(() => {
      const hook = window.__gridatlasAnalyst!;
      const canvas = window.__gridatlas!.map.getCanvas();
      for (let y = 0.3; y < 0.8; y += 0.1) {
        const hit = hook.overlay.pickObject({ x: canvas.clientWidth / 2, y: canvas.clientHeight * y, radius: 4 }) as {
          object?: { properties?: { count?: number } };
        } | null;
        if (hit?.object?.properties?.count) return hit.object.properties.count;
      }
      return false;
    });
    expect(await picked.jsonValue()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="analyst-legend"]')).toContain('米');
  });

  it('draws incident points from vector tiles at close zoom', async () => {
    await selectLayer(page, 'points');
    await page.evaluate(() => window.__gridatlas!.map.jumpTo({ zoom: 15.5 }));
    const drawn = await renderedFeatures(page, ['analyst-incident-points'], 'category');
    expect(drawn.count).toBeGreaterThan(5);
    expect(drawn.values.every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
    await page.evaluate(() => window.__gridatlas!.map.jumpTo({ zoom: 13.8 }));
  });

  it('colours grids by any metric and shows a clicked grid', async () => {
    await selectLayer(page, 'choropleth');
    await page.selectOption('[data-testid="choropleth-metric"]', 'perThousand');
    const drawn = await renderedFeatures(page, ['analyst-choropleth'], 'value');
    expect(drawn.values.filter((v) => typeof v === 'number' && v > 0).length).toBeGreaterThan(20);
    expect(await page.textContent('[data-testid="analyst-legend"]')).toContain('件/千户');
    await clickGrid(page);
    await page.waitForSelector('[data-testid="analyst-grid-detail"] [data-metric="analyst.col.incidents"]');
    await page.click('[data-testid="analyst-grid-detail"] .icon-button');
  });

  it('exports the table as CSV with a BOM and every row', async () => {
    await page.click('[data-testid="tab-table"]');
    const rows = Number((await page.textContent('[data-testid="table-rows"]'))!.match(/\d+/)![0]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toContain('网格编码');
    expect(lines).toHaveLength(rows + 1);
    expect(rows).toBeGreaterThan(100);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-png"]')]);
    const bytes = await readFile((await png.path())!);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    await page.click('[data-testid="tab-charts"]');
  });

  it('plays back patrol tracks with a running clock', async () => {
    await selectLayer(page, 'tracks');
    expect(await deckLayerLength(page, 'patrol-trips')).toBeGreaterThan(10);
    const before = await page.textContent('[data-testid="clock"]');
    await page.click('[data-testid="play"]');
    await page.waitForFunction((b) => document.querySelector('[data-testid="clock"]')?.textContent !== b, before);
    await page.click('[data-testid="play"]');
    const time = await page.evaluate(() => window.__gridatlasAnalyst!.layers()[0]!.props['currentTime'] as number);
    expect(time).toBeGreaterThan(0);
  });

  it('shows special-group density with small cells suppressed, never as points', async () => {
    await selectLayer(page, 'special');
    const labels = await renderedFeatures(page, ['analyst-special-labels'], 'label');
    expect(labels.count).toBeGreaterThan(5);
    // Every label is a count at or above the threshold, or the suppressed display.
    expect(labels.values.every((l) => l === '<5' || Number(l) >= 5)).toBe(true);
    expect(await page.textContent('[data-testid="analyst-legend"]')).toContain('少于 5 人');
  });

  it('colours grids by workload', async () => {
    await selectLayer(page, 'workload');
    const drawn = await renderedFeatures(page, ['analyst-choropleth'], 'value');
    expect(drawn.values.filter((v) => typeof v === 'number').length).toBeGreaterThan(20);
  });

  it('gives a planner no special-group layer (and no incident layers without incidents.read)', async () => {
    const planner = await openApp(browser, app.url, 'zh');
    await openAnalyst(planner.page);
    const layers = await planner.page
      .locator('[data-testid="analyst-layers"] input[type="radio"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(layers).not.toContain('special');
    expect(layers).toContain('workload');
    expect(planner.requests.some((u) => u.includes('/special-groups/'))).toBe(false);
    await planner.page.context().close();
  });
});
