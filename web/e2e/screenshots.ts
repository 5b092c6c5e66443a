/**
 * Screenshots of the app for review: `npx tsx web/e2e/screenshots.ts [outDir]` from the
 * repo root (default `screenshots/`, git-ignored). 1280×800: the login view, the start
 * screen at district zoom in Chinese and English (logged in as the demo planner), and a
 * community at close zoom with a grid's card open.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Region } from '../src/api/api.types';
import { clickNearestGrid, launchBrowser, newAppPage, openApp, startApp, waitForRegion, webDir } from './app-harness';

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

  const en = await openApp(browser, app.url, 'en');
  await en.page.screenshot({ path: join(outDir, 'en-district.png') });

  for (const [name, opened] of [['zh', zh], ['en', en]] as const) {
    if (opened.errors.length) console.warn(`${name}: console errors:\n  ${opened.errors.join('\n  ')}`);
  }
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  await app.close();
}
