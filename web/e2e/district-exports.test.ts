/**
 * The district view's export buttons in real Chromium against the real API: the demo admin
 * downloads the current grids as GeoJSON, as zipped Shapefiles with UTF-8 and GBK DBFs, and as
 * an Excel table, each through an export job; the files are opened and checked against each
 * other (same grids, names readable in the encoding the .cpg names). A planner, who may not
 * import, sees no export buttons. A screenshot of the panel goes to screenshots/exports/.
 */
import { mkdir } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_LOGIN, launchBrowser, openApp, startApp, webDir, type RunningApp } from './app-harness';

const SHOTS = join(webDir, '..', 'screenshots', 'exports');
const ADMIN = { username: 'admin', password: process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo' };

let app: RunningApp;
let browser: Browser;
let page: Page;

vi.setConfig({ testTimeout: 300_000 });

/** Clicks an export button and returns the downloaded file's name and bytes. */
async function exportFile(button: string): Promise<{ name: string; bytes: Uint8Array }> {
  // A plain DOM click: Playwright's click would wait on the download's anchor as a navigation.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 240_000 }),
    page.$eval(`[data-testid="export-${button}"]`, (b) => (b as HTMLButtonElement).click()),
  ]);
  const path = await download.path();
  await page.waitForSelector('[data-testid="export-status"][data-state="done"]', { timeout: 60_000 });
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

/** The text fields of a DBF's records, decoded with `encoding` (dBASE III: header, field descriptors, records). */
function dbfText(dbf: Uint8Array, encoding: string): string {
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength);
  const headerBytes = view.getUint16(8, true);
  return new TextDecoder(encoding).decode(dbf.subarray(headerBytes));
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  // Build, first start of the embedded database and the demo seed: minutes on a busy machine.
  app = await startApp();
  browser = await launchBrowser();
  page = (await openApp(browser, app.url, 'zh', ADMIN)).page;
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('district exports', () => {
  let names: string[] = [];

  it('downloads the current grids as GeoJSON, every grid with its name and figures', async () => {
    await page.waitForSelector('[data-testid="district-exports"]');
    await page.locator('[data-testid="district-exports"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'panel-1280.png') });
    await page.selectOption('[data-testid="export-layer"]', 'grids');
    const file = await exportFile('geojson');
    expect(file.name).toMatch(/^\d{6}-grids\.geojson$/);
    const geojson = JSON.parse(new TextDecoder().decode(file.bytes)) as {
      features: { geometry: { type: string }; properties: Record<string, unknown> }[];
    };
    const meta = await page.evaluate(async () => (await (await fetch('/api/meta')).json()) as { counts: { grids: number } });
    expect(geojson.features.length).toBe(meta.counts.grids);
    expect(geojson.features.every((f) => /Polygon$/.test(f.geometry.type) && typeof f.properties['households'] === 'number')).toBe(true);
    names = geojson.features.map((f) => String(f.properties['name']));
    // Names an office reads in Chinese: the encoding checks below need some.
    expect(names.some((n) => /[\u4e00-\u9fff]/.test(n))).toBe(true);
    await expect(page.textContent('[data-testid="export-status"]')).resolves.toContain(file.name);
  });

  it('downloads zipped Shapefiles whose DBF is UTF-8 or GBK as their .cpg says', async () => {
    const chinese = names.find((n) => /[\u4e00-\u9fff]/.test(n))!;
    for (const [button, encoding, cpg] of [
      ['shp-utf-8', 'utf-8', /UTF-?8/i],
      ['shp-gbk', 'gbk', /GBK|936/i],
    ] as const) {
      const file = await exportFile(button);
      expect(file.name).toMatch(/^\d{6}-grids\.zip$/);
      const parts = unzipSync(file.bytes);
      const ext = (e: string) => Object.entries(parts).find(([n]) => n.toLowerCase().endsWith(e))?.[1];
      for (const e of ['.shp', '.shx', '.dbf', '.prj', '.cpg']) expect(ext(e), `${button} ${e}`).toBeDefined();
      expect(new TextDecoder().decode(ext('.cpg'))).toMatch(cpg);
      const dbf = ext('.dbf')!;
      // One record per grid, and the names read back in the declared encoding only.
      expect(new DataView(dbf.buffer, dbf.byteOffset).getUint32(4, true)).toBe(names.length);
      expect(dbfText(dbf, encoding)).toContain(chinese);
      expect(dbfText(dbf, encoding === 'gbk' ? 'utf-8' : 'gbk')).not.toContain(chinese);
    }
  });

  it('downloads the communities as an Excel workbook', async () => {
    await page.selectOption('[data-testid="export-layer"]', 'communities');
    const file = await exportFile('xlsx');
    expect(file.name).toMatch(/^\d{6}-communities\.xlsx$/);
    const parts = unzipSync(file.bytes);
    expect(Object.keys(parts)).toContain('xl/workbook.xml');
    await page.screenshot({ path: join(SHOTS, 'done-1280.png') });
  });

  it('offers no exports to a user who may not import the district', async () => {
    const planner = await openApp(browser, app.url, 'zh', DEMO_LOGIN);
    await expect(planner.page.locator('[data-testid="district-exports"]').count()).resolves.toBe(0);
    await planner.page.context().close();
  });
});
