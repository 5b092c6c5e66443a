/**
 * Screenshots of the dashboard for review: `npx tsx web/e2e/dashboard-screenshots.ts [outDir]`
 * from the repo root (default `screenshots/dashboard/`, git-ignored), as the demo leader: the
 * dashboard at 1366×768 and 1920×1080 in Chinese and English, and wall mode (two panels).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launchBrowser, startApp, webDir } from './app-harness';
import { openDashboard } from './dashboard-harness';

const outDir = resolve(process.argv[2] ?? join(webDir, '..', 'screenshots', 'dashboard'));
await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();
try {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    for (const locale of ['zh', 'en'] as const) {
      const { page, errors } = await openDashboard(browser, app.url, { locale, viewport });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(outDir, `${locale}-dashboard-${viewport.width}.png`) });
      // Nothing of the main figures may need a scrollbar.
      const overflow = await page.evaluate(() => {
        const el = document.querySelector('.dash-sections')!;
        return { scroll: el.scrollHeight, client: el.clientHeight, width: el.scrollWidth - el.clientWidth };
      });
      console.log(
        `${locale} ${viewport.width}×${viewport.height}: sections ${overflow.scroll}/${overflow.client} px high, ${overflow.width} px too wide; errors: ${errors.join(' | ') || 'none'}`,
      );
      await page.context().close();
    }
  }
  const wall = await openDashboard(browser, app.url, { viewport: { width: 1920, height: 1080 }, path: '/?rotate=5#dashboard/wall' });
  for (const n of [0, 1, 2]) {
    await wall.page.waitForSelector(`[data-testid="dashboard"][data-panel="${n}"]`, { timeout: 30_000 });
    await wall.page.waitForTimeout(300);
    await wall.page.screenshot({ path: join(outDir, `zh-wall-${n}.png`) });
  }
  await wall.page.context().close();
} finally {
  await browser.close();
  await app.close();
}
