/**
 * The report export controls in real Chromium against the real API and demo district: the
 * admin exports the district's monthly report as PDF from the side panel's 月报 (default month)
 * — the download starts with %PDF and pdfinfo counts its pages — starts a PPTX and cancels it
 * (the job ends cancelled on the server), then exports a briefing as PPTX from the briefing
 * editor — a zip with one slide per briefing slide and a title slide. A planner prints one grid's
 * notice board on A3 from the grid card: a one-page A3 PDF. Screenshots of each control go to
 * $GRIDATLAS_SHOTS (default /work/shots/exportui).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openAnalyst } from './analyst-harness';
import { clickNearestGrid, DEMO_LOGIN, launchBrowser, openApp, startApp, type RunningApp } from './app-harness';

const SHOTS = process.env.GRIDATLAS_SHOTS ?? '/work/shots/exportui';
const ADMIN = { username: 'admin', password: DEMO_LOGIN.password };

let app: RunningApp;
let browser: Browser;
let page: Page;

vi.setConfig({ testTimeout: 600_000 });

/** Clicks `button` (a CSS selector or a test id) and returns the downloaded file's name, path and bytes once `status` says done. */
async function download(button: string, status: string, on: Page = page): Promise<{ name: string; path: string; bytes: Uint8Array }> {
  const selector = button.startsWith('[') || button.includes(' ') ? button : `[data-testid="${button}"]`;
  // A plain DOM click: Playwright's click would wait on the download's anchor as a navigation.
  const [file] = await Promise.all([
    on.waitForEvent('download', { timeout: 540_000 }),
    on.$eval(selector, (b) => (b as HTMLButtonElement).click()),
  ]);
  const path = await file.path();
  await on.waitForSelector(`[data-testid="${status}"][data-state="done"]`, { timeout: 60_000 });
  return { name: file.suggestedFilename(), path, bytes: new Uint8Array(await readFile(path)) };
}

/** A write through the API as the page's user (the session cookie, and the CSRF cookie echoed). */
async function post<T>(path: string, body: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ga_csrf')?.value ?? '';
  const response = await page.request.post(`${app.url}${path}`, { data: body, headers: { 'X-CSRF-Token': decodeURIComponent(csrf) } });
  if (!response.ok()) throw new Error(`${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
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

describe('monthly report in the side panel', () => {
  it('downloads the district’s report of the last ended month as a PDF with pages', async () => {
    const section = page.locator('[data-testid="monthly-report"]');
    await section.scrollIntoViewIfNeeded();
    const meta = await page.evaluate(async () => (await (await fetch('/api/meta')).json()) as { referenceDate: string | null });
    const month = await page.inputValue('[data-testid="monthly-report-month"]');
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    // The default is the last month ended by the reference date: never the month still running.
    expect(month < meta.referenceDate!.slice(0, 7) || meta.referenceDate!.slice(0, 7) === month).toBe(true);
    await section.screenshot({ path: join(SHOTS, 'monthly-report-panel.png') });
    const pdf = await download('monthly-report-pdf', 'monthly-report-status');
    expect(pdf.name).toMatch(new RegExp(`${month}.*\\.pdf$`));
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBeGreaterThan(0);
    await expect(page.textContent('[data-testid="monthly-report-status"]')).resolves.toContain(pdf.name);
    await section.screenshot({ path: join(SHOTS, 'monthly-report-done.png') });
  });

  it('cancels a running export: the status says so and the job ends cancelled on the server', async () => {
    const jobIds: number[] = [];
    const listen = async (r: Response) => {
      if (r.url().endsWith('/api/reports') && r.request().method() === 'POST')
        jobIds.push(((await r.json()) as { job: { id: number } }).job.id);
    };
    page.on('response', listen);
    await page.click('[data-testid="monthly-report-pptx"]');
    await page.waitForSelector('[data-testid="monthly-report-status"][data-state="running"]');
    await page.locator('[data-testid="monthly-report"]').screenshot({ path: join(SHOTS, 'monthly-report-running.png') });
    await page.click('[data-testid="monthly-report-status-cancel"]');
    await page.waitForSelector('[data-testid="monthly-report-status"][data-state="cancelled"]');
    page.off('response', listen);
    expect(jobIds).toHaveLength(1);
    await expect
      .poll(async () => ((await (await page.request.get(`${app.url}/api/jobs/${jobIds[0]}`)).json()) as { state: string }).state, {
        timeout: 120_000,
      })
      .toBe('cancelled');
    // Free again for the next export.
    await expect(page.isDisabled('[data-testid="monthly-report-pdf"]')).resolves.toBe(false);
  });
});

describe('briefing export in the briefing editor', () => {
  it('downloads a briefing as a PPTX: a zip with a slide per briefing slide', async () => {
    const meta = await page.evaluate(async () => (await (await fetch('/api/meta')).json()) as { district: { code: string } });
    const code = meta.district.code;
    const center = await page.evaluate(() => window.__gridatlas!.map.getCenter().toArray());
    const camera = { center, zoom: 13, bearing: 0, pitch: 0 };
    const districtView = (title: string) => ({
      title,
      note: `${title}的说明`,
      view: { map: 'district', regionCode: code, layers: ['grids'], camera },
    });
    const created = await post<{ id: number }>('/api/briefings', {
      regionCode: code,
      title: '导出测试简报',
      slides: [districtView('全区网格'), districtView('网格负荷')],
    });
    await openAnalyst(page);
    await page.click('[data-testid="briefings-open"]');
    await page.click(`[data-testid="briefing-${created.id}"]`);
    await page.waitForSelector('[data-testid="briefing-exports"]');
    await page.locator('[data-testid="briefing-editor"]').screenshot({ path: join(SHOTS, 'briefing-export.png') });
    const pptx = await download('briefing-export-pptx', 'briefing-export-status');
    expect(pptx.name).toMatch(/\.pptx$/);
    const files = unzipSync(pptx.bytes);
    const slides = Object.keys(files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    // A title slide, then one per briefing slide.
    expect(slides.length).toBe(3);
    const text = slides.map((n) => strFromU8(files[n]!)).join('\n');
    expect(text).toContain('全区网格');
    expect(text).toContain('网格负荷');
    await page.locator('[data-testid="briefing-editor"]').screenshot({ path: join(SHOTS, 'briefing-export-done.png') });
  });
});

describe('notice boards in the grid card', () => {
  it('prints one grid’s board on A3: a one-page A3 PDF', async () => {
    const planner = (await openApp(browser, app.url, 'zh', DEMO_LOGIN)).page;
    await clickNearestGrid(planner);
    const card = planner.locator('[data-testid="grid-card"]');
    await card.waitFor();
    await planner.selectOption('[data-testid="grid-card"] [data-testid="notice-boards-size"]', 'a3');
    await card.screenshot({ path: join(SHOTS, 'notice-boards-grid-card.png') });
    const pdf = await download('[data-testid="grid-card"] [data-testid="print-notice-boards"]', 'notice-boards-status', planner);
    expect(new TextDecoder().decode(pdf.bytes.subarray(0, 5))).toBe('%PDF-');
    const info = execFileSync('pdfinfo', [pdf.path], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(1);
    // A3 portrait is 297 × 420 mm = 841.89 × 1190.55 pt; Chromium rounds the page to whole CSS pixels (≤ 1 pt off). A4 would be 595 × 842.
    const [w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info)!.slice(1).map(Number);
    expect(Math.abs(w! - 841.89)).toBeLessThan(2);
    expect(Math.abs(h! - 1190.55)).toBeLessThan(2);
    await card.screenshot({ path: join(SHOTS, 'notice-boards-done.png') });
    await planner.context().close();
  });
});
