/**
 * The grid planner in real headless Chromium against the real API and demo district: split
 * an over-cap grid by drawing a line across it with the mouse, see both halves' counts and
 * the problem disappear, undo and redo with the keyboard, save, reload, and find it kept.
 * The test hook is used only to turn map coordinates into screen points.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollectionOf, GridLayerProperties, Region } from '@gridatlas/api/contract';
import { launchBrowser, openApp, startApp, waitForMapReady, waitForRegion, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
let community: Region;
let target: { code: string; ring: [number, number][] };

type Grids = FeatureCollectionOf<GridLayerProperties>;

async function openPlanner(): Promise<void> {
  await page.selectOption('[data-testid="pick-subdistrict"]', community.parentCode ?? '');
  await page.selectOption('[data-testid="pick-community"]', community.code);
  await waitForRegion(page, community.bbox);
  await page.click('[data-testid="open-planner"]');
  await page.waitForSelector('[data-testid="planner"]');
  await waitForMapReady(page);
}

/** Screen point (page pixels) of `[lng, lat]` on the planner map. */
async function screen(lngLat: [number, number]): Promise<{ x: number; y: number }> {
  const p = await page.evaluate((ll) => window.__gridatlas!.map.project(ll), lngLat);
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  return { x: box.x + p.x, y: box.y + p.y };
}

const rowCount = () => page.locator('[data-testid="planner-grids"] tbody tr').count();
const overCapText = () => page.locator('[data-testid="planner-problems"] [data-kind="over_cap"]').allTextContents();
const tail = () => target.code.slice(-3);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page } = await openApp(browser, app.url, 'zh'));
  const regions = await page.evaluate(async () => ((await (await fetch('/api/regions')).json()) as { regions: Region[] }).regions);
  const district = regions.find((r) => r.level === 'district')!;
  const grids = await page.evaluate(
    async (code) => (await (await fetch(`/api/layers/grids?region=${code}&plan=current`)).json()) as Grids,
    district.code,
  );
  // The mildest over-cap grid: cut in half, both halves are within the cap.
  const over = grids.features
    .filter((f) => f.properties.status === 'over' && f.properties.load < 1.8 && f.geometry.type === 'Polygon')
    .sort((a, b) => a.properties.load - b.properties.load)[0];
  if (!over) throw new Error('the demo district has no over-cap grid');
  target = { code: over.properties.code, ring: (over.geometry.coordinates as [number, number][][])[0]! };
  community = regions.find((r) => r.code === over.properties.communityCode)!;
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('grid planner', () => {
  it('splits an over-cap grid by a line drawn across it, undoes, redoes, saves and keeps it after reload', async () => {
    await openPlanner();
    const before = await rowCount();
    expect((await overCapText()).some((t) => t.includes(tail()))).toBe(true);

    // Select the grid, then draw a line across its shorter side through its middle.
    const xs = target.ring.map((p) => p[0]);
    const ys = target.ring.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const [cx, cy] = [(w + e) / 2, (s + n) / 2];
    const wide = (e - w) * Math.cos((cy * Math.PI) / 180) > n - s;
    const padX = (e - w) * 0.2;
    const padY = (n - s) * 0.2;
    const start: [number, number] = wide ? [cx, s - padY] : [w - padX, cy];
    const end: [number, number] = wide ? [cx, n + padY] : [e + padX, cy];
    await page.click('[data-testid="tool-select"]');
    const centre = await screen([cx, cy]);
    await page.mouse.click(centre.x, centre.y);
    await page.waitForSelector(`[data-testid="planner-grids"] tr[aria-selected="true"]`);
    await page.click('[data-testid="tool-split"]');
    const a = await screen(start);
    const b = await screen(end);
    await page.mouse.click(a.x, a.y);
    await page.mouse.move(b.x, b.y, { steps: 5 });
    await page.mouse.click(b.x, b.y);
    await page.mouse.click(b.x, b.y); // a click on the last point finishes the line

    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n + 1, before);
    const halves = await page.locator('[data-testid="planner-grids"] tr[aria-selected="true"]').evaluateAll((rows) =>
      rows.map((r) => ({
        households: Number(r.querySelector('[data-col="households"]')!.textContent!.replace(/,/g, '')),
        status: r.className + r.lastElementChild!.className,
      })),
    );
    expect(halves).toHaveLength(2);
    for (const h of halves) {
      expect(h.households).toBeGreaterThan(0);
      expect(h.status).not.toContain('status-over');
    }
    expect((await overCapText()).some((t) => t.includes(tail()))).toBe(false);

    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n, before);
    expect((await overCapText()).some((t) => t.includes(tail()))).toBe(true);

    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n + 1, before);
    expect((await overCapText()).some((t) => t.includes(tail()))).toBe(false);

    await page.click('[data-testid="save"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="plan-status"]')?.textContent?.includes('未保存'));
    expect(await page.textContent('[data-testid="planner-message"]')).toContain('已保存');

    await page.reload();
    await waitForMapReady(page);
    await openPlanner();
    expect(await rowCount()).toBe(before + 1);
    expect((await overCapText()).some((t) => t.includes(tail()))).toBe(false);
  }, 180_000);
});
