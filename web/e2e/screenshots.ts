/**
 * Screenshots of the app for review: `npx tsx web/e2e/screenshots.ts [outDir]` from the
 * repo root (default `screenshots/`, git-ignored). 1280×800: the login view, the start
 * screen at district zoom in Chinese and English (logged in as the demo planner), and a
 * community at close zoom with a grid's card open, the planner, and the analyst view's layers
 * (`zh-analyst-*.png`).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Region } from '@gridatlas/api/contract';
import { shootAnalystLayers } from './analyst-screenshots';
import { openAnalyst } from './analyst-harness';
import {
  clickNearestGrid,
  DEMO_LOGIN,
  launchBrowser,
  newAppPage,
  openApp,
  startApp,
  waitForMapReady,
  waitForRegion,
  webDir,
} from './app-harness';

const outDir = resolve(process.argv[2] ?? join(webDir, '..', 'screenshots'));
await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();
try {
  const anon = await newAppPage(browser, 'zh');
  await anon.page.goto(app.url);
  await anon.page.waitForSelector('[data-testid="login-view"]');
  await anon.page.screenshot({ path: join(outDir, 'zh-login.png') });
  await anon.page.context().close();

  const zh = await openApp(browser, app.url, 'zh');
  await zh.page.screenshot({ path: join(outDir, 'zh-district.png') });

  const regions = await zh.page.evaluate(async () => ((await (await fetch('/api/regions')).json()) as { regions: Region[] }).regions);
  const community = regions.filter((r) => r.level === 'community').sort((a, b) => b.grids - a.grids)[0];
  if (!community) throw new Error('the district has no communities');
  await zh.page.selectOption('[data-testid="pick-subdistrict"]', community.parentCode ?? '');
  await zh.page.selectOption('[data-testid="pick-community"]', community.code);
  await waitForRegion(zh.page, community.bbox);
  await zh.page.screenshot({ path: join(outDir, 'zh-community.png') });

  await clickNearestGrid(zh.page);
  await zh.page.waitForSelector('[data-testid="grid-card"]');
  await zh.page.screenshot({ path: join(outDir, 'zh-community-card.png') });

  // The planner on the same community: whole community, a split line being drawn, a problem
  // focused, a vertex dragged (live figures), the compare view and an automatic division's preview.
  await zh.page.click('[data-testid="open-planner"]');
  await zh.page.waitForSelector('[data-testid="planner"]');
  await waitForMapReady(zh.page);
  await zh.page.screenshot({ path: join(outDir, 'zh-planner.png') });
  const map = (await zh.page.locator('[data-testid="map"]').boundingBox())!;
  await zh.page.click('[data-testid="tool-split"]');
  await zh.page.mouse.click(map.x + map.width * 0.3, map.y + map.height * 0.5);
  await zh.page.mouse.move(map.x + map.width * 0.7, map.y + map.height * 0.45, { steps: 8 });
  await zh.page.screenshot({ path: join(outDir, 'zh-planner-split.png') });
  await zh.page.keyboard.press('Escape');
  // Split the first grid across its middle and save, so the compare view has a change to show.
  await zh.page.click('[data-testid="planner-grids"] tbody tr');
  const key = await zh.page.getAttribute('[data-testid="planner-grids"] tr[aria-selected="true"]', 'data-key');
  const ends = await zh.page.evaluate((k) => {
    const map = window.__gridatlas!.map;
    const f = map.querySourceFeatures('grids').find((g) => g.properties['key'] === k)!;
    const ring = (f.geometry as unknown as { coordinates: [number, number][][] }).coordinates[0]!;
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    const [w, e, s, n] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const pad = (n - s) * 0.15;
    return [map.project([(w + e) / 2, s - pad]), map.project([(w + e) / 2, n + pad])];
  }, key);
  await zh.page.click('[data-testid="tool-split"]');
  for (const p of [ends[0]!, ends[1]!, ends[1]!]) await zh.page.mouse.click(map.x + p.x, map.y + p.y);
  await zh.page.click('[data-testid="save"]');
  await zh.page.waitForSelector('.message-info');
  await zh.page.click('[data-testid="tool-select"]');
  const problem = zh.page.locator('[data-testid="planner-problems"] li button').first();
  if (await problem.count()) {
    await problem.click();
    await zh.page.waitForTimeout(900);
  }
  await zh.page.screenshot({ path: join(outDir, 'zh-planner-problems.png') });
  await zh.page.click('[data-testid="compare"]');
  await zh.page.waitForSelector('[data-testid="compare-table"], [data-testid="compare-view"] [role="alert"]');
  await zh.page.waitForTimeout(800);
  await zh.page.screenshot({ path: join(outDir, 'zh-planner-compare.png') });

  // Divide the community automatically: the proposal over the draft with its summary.
  await zh.page.click('[data-testid="compare-view"] header .icon-button');
  await zh.page.click('[data-testid="auto-divide"]');
  await zh.page.waitForSelector('[data-testid="auto-preview"]', { timeout: 90_000 });
  await zh.page.waitForTimeout(800);
  await zh.page.screenshot({ path: join(outDir, 'zh-planner-divide-preview.png') });
  await zh.page.click('[data-testid="auto-discard"]');

  // The analyst view, one screenshot per layer, logged in as the demo analyst.
  const analyst = await openApp(browser, app.url, 'zh', { username: 'analyst', password: DEMO_LOGIN.password });
  await openAnalyst(analyst.page);
  await shootAnalystLayers(analyst.page, outDir);
  await analyst.page.context().close();

  const en = await openApp(browser, app.url, 'en');
  await en.page.screenshot({ path: join(outDir, 'en-district.png') });

  for (const [name, opened] of [
    ['zh', zh],
    ['en', en],
  ] as const) {
    if (opened.errors.length) console.warn(`${name}: console errors:\n  ${opened.errors.join('\n  ')}`);
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  await app.close();
}
