/**
 * Screenshots of the leaders' views for review: `npx tsx web/e2e/dashboard-screenshots.ts [outDir]`
 * from the repo root (default `screenshots/dashboard/`, git-ignored). At 1366×768 (a laptop) and
 * 1920×1080 (a projector), in Chinese and English: the dashboard of the district, of a
 * subdistrict and of a community, the wall (two panels), a briefing's editor and a presented
 * slide, and the dispatcher's view. Each shot's name says view, language and width; the log
 * lists, per shot, the elements whose text is cut (`scrollWidth > clientWidth`).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { Region } from '@gridatlas/api/contract';
import { DEMO_LOGIN, launchBrowser, logInByRequest, newAppPage, startApp, waitForMapReady, webDir } from './app-harness';
import { openDashboard } from './dashboard-harness';

const outDir = resolve(process.argv[2] ?? join(webDir, '..', 'screenshots', 'dashboard'));
await mkdir(outDir, { recursive: true });
const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['zh', 'en'] as const;
const ANALYST = { username: 'analyst', password: DEMO_LOGIN.password };
const DISPATCHER = { username: 'dispatcher', password: DEMO_LOGIN.password };

/** Elements showing text that does not fit them (cut by an ellipsis or hidden overflow). */
const cutTexts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((e) => {
        if (!e.offsetParent || e.children.length > 8 || !e.textContent?.trim()) return false;
        const style = getComputedStyle(e);
        return style.overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1 && e.tagName !== 'SELECT';
      })
      .map((e) => `${e.className || e.tagName}: "${e.textContent!.trim().slice(0, 60)}"`),
  );

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  const cut = await cutTexts(page);
  console.log(`${name}: ${cut.length ? `cut: ${cut.join(' | ')}` : 'nothing cut'}`);
}

const app = await startApp();
const browser = await launchBrowser();
try {
  // The regions to show: the subdistrict and community with the most grids.
  const probe = await newAppPage(browser);
  await logInByRequest(probe.page, app.url, ANALYST);
  await probe.page.goto(app.url);
  const regions = await probe.page.evaluate(async () => ((await (await fetch('/api/regions')).json()) as { regions: Region[] }).regions);
  const top = (level: string) => regions.filter((r) => r.level === level).sort((a, b) => b.grids - a.grids)[0]!;
  const levels = [
    ['district', ''],
    ['subdistrict', top('subdistrict').code],
    ['community', top('community').code],
  ] as const;

  // A briefing of two slides (the district map and the analyst's choropleth) to edit and present.
  await waitForMapReady(probe.page);
  const camera = await probe.page.evaluate(() => {
    const c = window.__gridatlas!.map.getCenter();
    return { center: [c.lng, c.lat], zoom: window.__gridatlas!.map.getZoom(), bearing: 0, pitch: 0 };
  });
  const meta = await probe.page.evaluate(async () => (await (await fetch('/api/meta')).json()) as { district: { code: string } });
  const csrf = (await probe.page.context().cookies()).find((c) => c.name === 'ga_csrf')!.value;
  const created = await probe.page.request.post(`${app.url}/api/briefings`, {
    headers: { 'x-csrf-token': csrf },
    data: {
      regionCode: meta.district.code,
      title: '三季度网格运行情况通报 Quarterly review of the grids',
      slides: [
        {
          title: '全区网格划分与街巷边界 The district’s grids and their street boundaries',
          note: '网格边界沿街巷划定。Grid boundaries follow the streets.',
          view: { map: 'district', regionCode: meta.district.code, layers: ['boundaries', 'streets', 'grids'], camera },
        },
      ],
    },
  });
  if (!created.ok()) throw new Error(`creating the briefing failed: ${created.status()} ${await created.text()}`);
  await probe.page.context().close();

  for (const viewport of VIEWPORTS) {
    for (const locale of LOCALES) {
      const w = viewport.width;
      for (const [level, code] of levels) {
        const { page, errors } = await openDashboard(browser, app.url, {
          locale,
          viewport,
          path: code ? `/?region=${code}#dashboard` : '/',
        });
        await shoot(page, `${locale}-dashboard-${level}-${w}`);
        if (errors.length) console.log(`  errors: ${errors.join(' | ')}`);
        await page.context().close();
      }

      const wall = await openDashboard(browser, app.url, { locale, viewport, path: '/?rotate=5#dashboard/wall' });
      for (const n of [0, 1]) {
        await wall.page.waitForSelector(`[data-testid="dashboard"][data-panel="${n}"]`, { timeout: 30_000 });
        await shoot(wall.page, `${locale}-wall-${n}-${w}`);
      }
      await wall.page.context().close();

      const analyst = await newAppPage(browser, locale, viewport);
      await logInByRequest(analyst.page, app.url, ANALYST);
      await analyst.page.goto(app.url);
      await waitForMapReady(analyst.page);
      await analyst.page.click('[data-testid="briefings-open"]');
      await analyst.page.click('[data-testid="briefing-list"] li:first-child button');
      await analyst.page.waitForSelector('[data-testid="briefing-editor"]');
      await shoot(analyst.page, `${locale}-briefing-editor-${w}`);
      await analyst.page.click('[data-testid="briefing-present"]');
      await analyst.page.waitForSelector('[data-testid="presenter"][data-slide-index="0"]');
      await analyst.page
        .waitForSelector('[data-testid="presenter-figure-value"]:not([data-value=""])', { timeout: 240_000 })
        .catch(() => console.log('  the slide’s figure did not arrive'));
      await waitForMapReady(analyst.page);
      await shoot(analyst.page, `${locale}-briefing-present-${w}`);
      await analyst.page.context().close();

      const dispatcher = await newAppPage(browser, locale, viewport);
      await logInByRequest(dispatcher.page, app.url, DISPATCHER);
      await dispatcher.page.goto(app.url);
      await dispatcher.page.waitForSelector('[data-testid="incident-map"][data-state="ready"]', { timeout: 300_000 });
      await dispatcher.page.waitForSelector('[data-testid="incident-row"]');
      await shoot(dispatcher.page, `${locale}-dispatcher-${w}`);
      await dispatcher.page.context().close();
    }
  }
} finally {
  await browser.close();
  await app.close();
}
