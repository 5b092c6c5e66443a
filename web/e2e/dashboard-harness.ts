/** Helpers for the dashboard in the browser: open it as a user, wait for its figures, read one. */
import type { Browser, Page } from 'playwright-core';
import { logInByRequest, newAppPage, type Credentials, type OpenedPage } from './app-harness';

export const LEADER: Credentials = { username: 'leader', password: process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo' };

/** Opens `path` (e.g. `/#dashboard/wall`) logged in as `login` at `viewport`, and waits for the dashboard's figures. */
export async function openDashboard(
  browser: Browser,
  url: string,
  options: { locale?: 'zh' | 'en'; viewport?: { width: number; height: number }; login?: Credentials; path?: string } = {},
): Promise<OpenedPage> {
  const opened = await newAppPage(browser, options.locale ?? 'zh', options.viewport);
  await logInByRequest(opened.page, url, options.login ?? LEADER);
  await opened.page.goto(url + (options.path ?? '/'));
  await waitForDashboard(opened.page);
  return opened;
}

export async function waitForDashboard(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="dashboard"][data-state="ready"]', { timeout: 300_000 });
}

/** The raw value behind a figure tile (`data-value`), or null when it shows none. */
export async function figureValue(page: Page, section: string, key: string): Promise<number | null> {
  const raw = await page.getAttribute(`[data-testid="figure-${section}-${key}"]`, 'data-value');
  return raw === null || raw === '' ? null : Number(raw);
}

/**
 * The figures' texts that do not fit: a label, comparison or category name cut by its box
 * (`scrollWidth > clientWidth`) or reaching out of its tile. Each as `testid: text`.
 */
export function cutFigureTexts(page: Page): Promise<string[]> {
  return page.$$eval('.figure-tile .figure-label, .figure-tile .delta, .multiple-name, .multiple .delta', (els) =>
    els
      .filter((e) => {
        const tile = e.closest('.figure-tile, .multiple')!.getBoundingClientRect();
        const box = e.getBoundingClientRect();
        return e.scrollWidth > e.clientWidth + 1 || box.right > tile.right + 0.5 || box.bottom > tile.bottom + 0.5;
      })
      .map((e) => `${e.closest('[data-testid]')?.getAttribute('data-testid')}: ${e.textContent}`),
  );
}

/** How far apart (px) the vertical centres of the dashboard toolbar's items are: 0 when on one row. */
export function toolbarRowSpread(page: Page): Promise<number> {
  return page.$$eval('.dash-header > *', (els) => {
    const centres = els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => r.top + r.height / 2);
    return Math.max(...centres) - Math.min(...centres);
  });
}
