/**
 * Divide and rebalance in the planner, in real headless Chromium against the real API and
 * demo district: the engine runs in its web worker while the page keeps drawing frames; the
 * preview shows the grid count against the lower bound; accepting is one undoable edit;
 * cancelling brings the panel back to idle with the draft untouched.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureCollectionOf, GridLayerProperties, Region } from '@gridatlas/api/contract';
import { launchBrowser, openApp, startApp, waitForMapReady, waitForRegion, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let community: Region;

const rowKeys = () =>
  page.locator('[data-testid="planner-grids"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
const errorProblems = () => page.locator('[data-testid="planner-problems"] li.problem-error').count();
const status = () => page.getAttribute('[data-testid="auto-plan"]', 'data-status');

/** Starts recording the page's main-thread long tasks (> 50 ms) and animation frames, to show it stays responsive. */
const watchMainThread = () =>
  page.evaluate(() => {
    const w = window as unknown as { __watch: { longest: number; frames: number; on: boolean } };
    const watch = (w.__watch = { longest: 0, frames: 0, on: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (watch.on) watch.longest = Math.max(watch.longest, e.duration);
    }).observe({ type: 'longtask' });
    const tick = () => {
      watch.frames++;
      if (watch.on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const stopWatching = () =>
  page.evaluate(() => {
    const w = window as unknown as { __watch: { longest: number; frames: number; on: boolean } };
    w.__watch.on = false;
    return { longest: w.__watch.longest, frames: w.__watch.frames };
  });

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page, errors } = await openApp(browser, app.url, 'zh'));
  const regions = await page.evaluate(async () => ((await (await fetch('/api/regions')).json()) as { regions: Region[] }).regions);
  const district = regions.find((r) => r.level === 'district')!;
  const grids = await page.evaluate(
    async (code) =>
      (await (await fetch(`/api/layers/grids?region=${code}&plan=current`)).json()) as FeatureCollectionOf<GridLayerProperties>,
    district.code,
  );
  // A community with a grid over the cap, so rebalancing has work to do.
  const over = grids.features.filter((f) => f.properties.status === 'over').sort((a, b) => a.properties.load - b.properties.load)[0];
  if (!over) throw new Error('the demo district has no over-cap grid');
  community = regions.find((r) => r.code === over.properties.communityCode)!;
  await page.selectOption('[data-testid="pick-subdistrict"]', community.parentCode ?? '');
  await page.selectOption('[data-testid="pick-community"]', community.code);
  await waitForRegion(page, community.bbox);
  await page.click('[data-testid="open-planner"]');
  await page.waitForSelector('[data-testid="planner"]');
  await waitForMapReady(page);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('automatic planning', () => {
  it('divides the community in the worker, previews against the lower bound, accepts as one edit and undoes it', async () => {
    const before = await rowKeys();
    await watchMainThread();
    await page.click('[data-testid="auto-divide"]');
    await page.waitForSelector('[data-testid="auto-preview"]', { timeout: 90_000 });
    const main = await stopWatching();
    const cell = page.locator('[data-testid="auto-grids"]');
    const grids = Number(await cell.getAttribute('data-grids'));
    const lowerBound = Number(await cell.getAttribute('data-lower-bound'));
    const ms = page.locator('[data-testid="auto-ms"]');
    const [workerMs = 0, totalMs = 0, diffMs = 0] = await Promise.all(
      ['data-worker-ms', 'data-total-ms', 'data-diff-ms'].map(async (a) => Number(await ms.getAttribute(a))),
    );
    console.info(
      `divide ${community.code} (${community.grids} grids in force): ${grids} grids, lower bound ${lowerBound}; engine ${workerMs} ms in the worker, ${totalMs} ms start→result (diff on the main thread ${diffMs} ms); longest main-thread task ${main.longest.toFixed(0)} ms, ${main.frames} frames`,
    );
    // Under "any" grids may meet the rule by persons, so fewer than the household bound is fine.
    expect(await cell.textContent()).toMatch(new RegExp(`下限(为)? ${lowerBound}`));
    expect(grids).toBeGreaterThanOrEqual(1);
    expect(grids).toBeLessThanOrEqual(Math.ceil(lowerBound * 1.05) + 1);
    expect(workerMs).toBeGreaterThan(0);
    expect(diffMs).toBeLessThan(totalMs);
    const exceptions = await page.locator('[data-testid="auto-exceptions"] li').count();

    await page.click('[data-testid="auto-accept"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n, grids);
    expect(await status()).toBe('idle');
    const statuses = await page
      .locator('[data-testid="planner-grids"] tbody td.status')
      .evaluateAll((cells) => cells.map((c) => c.textContent));
    expect(statuses.filter((s) => s !== '达标').length).toBeLessThanOrEqual(exceptions);
    expect(statuses.filter((s) => s === '超标').length).toBe(exceptions);
    expect(await errorProblems()).toBe(0);

    await page.click('[data-testid="undo"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n, before.length);
    expect(await rowKeys()).toEqual(before);
  }, 180_000);

  it('rebalances only the grids over the cap and their neighbours', async () => {
    const before = await rowKeys();
    expect(await page.locator('[data-testid="planner-problems"] [data-kind="over_cap"]').count()).toBeGreaterThan(0);
    await page.click('[data-testid="auto-rebalance"]');
    await page.waitForSelector('[data-testid="auto-preview"]', { timeout: 90_000 });
    const summary = await page.textContent('[data-testid="auto-preview"]');
    console.info(`rebalance ${community.code}: ${summary}`);
    expect(await page.textContent('[data-testid="auto-rerun"]')).toMatch(/个网格/);
    await page.click('[data-testid="auto-accept"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="auto-plan"]')?.getAttribute('data-status') === 'idle');
    const after = await rowKeys();
    // Untouched grids keep their keys; only the over-cap grids' neighbourhood changes.
    expect(after.filter((k) => before.includes(k)).length).toBeGreaterThan(before.length / 2);
    expect(await page.locator('[data-testid="planner-problems"] [data-kind="over_cap"]').count()).toBe(0);
    expect(await errorProblems()).toBe(0);
    await page.click('[data-testid="undo"]');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="planner-grids"] tbody tr').length === n, before.length);
    expect(await rowKeys()).toEqual(before);
  }, 180_000);

  it('takes the target fill and balance from the Divide options to the worker', async () => {
    await page.selectOption('[data-testid="auto-target-fill"]', '0.85');
    await page.selectOption('[data-testid="auto-balance"]', 'households');
    await page.click('[data-testid="auto-divide"]');
    await page.waitForSelector('[data-testid="auto-preview"]', { timeout: 90_000 });
    // The worker's report echoes what it was asked: planned to 85%, households evened out.
    expect(await page.getAttribute('[data-testid="auto-planned-fill"]', 'data-target-fill')).toBe('0.85');
    expect(await page.getAttribute('[data-testid="auto-spread"]', 'data-by')).toBe('households');
    expect(await page.textContent('[data-testid="auto-spread"]')).toMatch(/平均 \d+/);
    // The options are locked while a proposal waits for accept or discard.
    expect(await page.isDisabled('[data-testid="auto-target-fill"]')).toBe(true);
    const shot = join(process.env.GRIDATLAS_SCREENSHOTS ?? tmpdir(), 'zh-divide-options.png');
    await page.locator('[data-testid="auto-plan"]').screenshot({ path: shot });
    console.info(`divide options screenshot: ${shot}`);
    await page.click('[data-testid="auto-discard"]');
    await page.selectOption('[data-testid="auto-target-fill"]', '1');
    await page.selectOption('[data-testid="auto-balance"]', 'none');
  }, 180_000);

  it('cancels a run and comes back to idle with the draft untouched', async () => {
    const before = await rowKeys();
    // Click cancel the moment it renders (a mutation observer runs before the worker's answer can be handled).
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const panel = document.querySelector('[data-testid="auto-plan"]')!;
          const observer = new MutationObserver(() => {
            const cancel = panel.querySelector<HTMLButtonElement>('[data-testid="auto-cancel"]');
            if (!cancel) return;
            observer.disconnect();
            cancel.click();
            resolve();
          });
          observer.observe(panel, { childList: true, subtree: true });
          document.querySelector<HTMLButtonElement>('[data-testid="auto-divide"]')!.click();
        }),
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="auto-plan"]')?.getAttribute('data-status') === 'idle');
    await page.waitForTimeout(1500);
    expect(await status()).toBe('idle');
    expect(await page.locator('[data-testid="auto-preview"]').count()).toBe(0);
    expect(await page.isEnabled('[data-testid="auto-divide"]')).toBe(true);
    expect(await rowKeys()).toEqual(before);
    // A fresh worker serves the next run.
    await page.click('[data-testid="auto-divide"]');
    await page.waitForSelector('[data-testid="auto-preview"]', { timeout: 90_000 });
    await page.click('[data-testid="auto-discard"]');
    expect(await status()).toBe('idle');
    expect(await rowKeys()).toEqual(before);
    expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  }, 180_000);
});
