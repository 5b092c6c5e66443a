/**
 * The staff roster in real headless Chromium against the real API and the demo district, as
 * the demo admin: the roster view lists the district's workers and filters them; editing a
 * worker's phone saves one version on; deactivating a grid's information officer makes its
 * grid vacant in the checks, and the vacancy opens the map at that grid with the staffing layer
 * on and the grid card naming the missing role; a CSV roster is checked with its report shown.
 * Screenshots (zh and en, 1280×800 and 1920×1080) go to $GRIDATLAS_SHOTS (default /work/shots/roster).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffChecks, WorkerList } from '@gridatlas/api/contract';
import { DEMO_LOGIN, launchBrowser, logInByRequest, newAppPage, openApp, startApp, waitForMapReady, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
const SHOTS = process.env.GRIDATLAS_SHOTS ?? '/work/shots/roster';
const ADMIN = { username: 'admin', password: DEMO_LOGIN.password };

const api = <T>(path: string) => page.evaluate((p) => fetch(p).then((r) => r.json()), path) as Promise<T>;

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
  browser = await launchBrowser();
  ({ page } = await openApp(browser, app.url, 'zh', ADMIN));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('staff roster', () => {
  it('lists and filters the district’s workers, and saves an edited phone one version on', async () => {
    await page.click('[data-testid="open-roster"]');
    await page.waitForSelector('[data-testid="roster-row"]');
    await page.waitForSelector('[data-testid="roster-checks"]', { timeout: 120_000 });
    const all = await api<WorkerList>('/api/staff?active=true&limit=1');
    expect(await page.textContent('.roster-filters')).toContain(`共 ${all.total} 人`);
    await page.screenshot({ path: join(SHOTS, 'zh-roster-1280.png') });

    const first = all.workers[0]!;
    await page.fill('[data-testid="roster-search"]', first.name);
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('[data-testid="roster-row"] td:first-child')].every((td) => td.textContent?.includes(name)),
      first.name,
    );
    await page.click(`[data-testid="edit-${first.id}"]`);
    await page.waitForSelector('[data-testid="worker-editor"]');
    await page.screenshot({ path: join(SHOTS, 'zh-roster-editor.png') });
    await page.fill('[data-testid="worker-phone"]', '029-8765 4321');
    await page.click('[data-testid="worker-save"]');
    await page.waitForSelector('[data-testid="worker-editor"]', { state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="roster-table"]')?.textContent?.includes('029-8765 4321'));
    const saved = await api<WorkerList>(`/api/staff?q=${encodeURIComponent('029-8765 4321')}`);
    expect(saved.workers.map((w) => [w.id, w.version])).toEqual([[first.id, first.version + 1]]);
  }, 300_000);

  it('makes a grid vacant by deactivating its information officer and opens the map at it', async () => {
    const checks = await api<StaffChecks>('/api/staff/checks');
    const grid = checks.grids.find((g) => g.staff.some((s) => s.role === 'information_officer' && s.via === 'grid'))!;
    const officer = grid.staff.find((s) => s.role === 'information_officer' && s.via === 'grid')!;
    await page.fill('[data-testid="roster-search"]', officer.name);
    await page.waitForSelector(`[data-testid="edit-${officer.id}"]`);
    page.once('dialog', (d) => void d.accept());
    await page.click(`[data-testid="edit-${officer.id}"]`);
    await page.click('[data-testid="toggle-active"]');
    await page.waitForSelector('[data-testid="worker-editor"]', { state: 'detached' });
    const vacancy = page.locator('[data-testid="roster-vacancies"] li', { hasText: grid.code });
    await vacancy.waitFor({ timeout: 120_000 });
    expect(await vacancy.textContent()).toContain('信息员');
    await page.fill('[data-testid="roster-search"]', '');
    await page.screenshot({ path: join(SHOTS, 'zh-roster-vacancy.png') });

    await vacancy.locator('button').first().click();
    await waitForMapReady(page);
    await page.waitForSelector('[data-testid="grid-card"]');
    await page.waitForFunction((code) => document.querySelector('[data-testid="grid-card"] code')?.textContent === code, grid.code);
    await page.waitForSelector('[data-testid="grid-staff-missing"]');
    expect(await page.textContent('[data-testid="grid-staff-missing"]')).toContain('信息员');
    // The staffing layer is on and colours that grid as vacant (or vacant and overloaded).
    await page.waitForSelector('[data-testid="staffing-legend"]');
    const layer = await page.evaluate(() => {
      const map = window.__gridatlas!.map;
      return {
        visible: map.getLayoutProperty('staffing-fill', 'visibility'),
        colour: JSON.stringify(map.getPaintProperty('staffing-fill', 'fill-color')),
      };
    });
    expect(layer.visible).toBe('visible');
    expect(layer.colour).toContain(grid.code);
    await page.waitForFunction(() => !window.__gridatlas!.map.isMoving());
    await page.screenshot({ path: join(SHOTS, 'zh-map-staffing.png') });
  }, 300_000);

  it('copies the N+5 model into the district, uses it, and a role made optional leaves the vacancies at once', async () => {
    // A role some grid misses (the test before left an information officer's grid vacant).
    const before = await api<StaffChecks>('/api/staff/checks');
    const role = before.grids.flatMap((g) => g.missing)[0]!;
    expect(role).toBeDefined();
    const roleZh = before.model.roles.find((r) => r.key === role)!.zh;
    await page.click('[data-testid="open-roster"]');
    await page.waitForSelector('[data-testid="roster-checks"]', { timeout: 120_000 });
    await page.click('[data-testid="roster-models"]');
    await page.waitForSelector('[data-testid="model-role"]');
    await page.screenshot({ path: join(SHOTS, 'zh-models-builtin.png') });
    await page.click('[data-testid="model-copy"]');
    await page.waitForSelector('[data-testid="model-save"]');
    await page.click('[data-testid="model-choose"]');
    await page.waitForSelector('[data-testid="model-choose"]', { state: 'detached' });
    // The role made optional, saved: no grid misses it any more.
    await page.locator('[data-testid="model-role"]', { hasText: role }).locator('input[type="checkbox"]').uncheck();
    await page.click('[data-testid="model-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="model-pick"], .model-pick')?.textContent?.includes('v2'));
    await page.screenshot({ path: join(SHOTS, 'zh-models-edited.png') });
    const after = await api<StaffChecks>('/api/staff/checks');
    expect(after.model.roles.find((r) => r.key === role)!.required).toBe(false);
    expect(after.grids.some((g) => g.missing.includes(role))).toBe(false);
    await page.click('[data-testid="model-close"]');
    await page.waitForFunction((name) => !document.querySelector('[data-testid="roster-vacancies"]')?.textContent?.includes(name), roleZh);
    await page.click('[data-testid="roster-back"]');
  }, 300_000);

  it('checks a CSV roster and shows every row in its report, without writing', async () => {
    await page.click('[data-testid="open-roster"]');
    await page.waitForSelector('[data-testid="roster-import"]');
    const checks = await api<StaffChecks>('/api/staff/checks');
    const csv = `姓名,岗位,工作电话,网格编码\n测试甲,信息员,02911110001,${checks.grids[0]!.code}\n测试乙,厨师,02911110002,${checks.grids[1]!.code}\n`;
    await page.setInputFiles('[data-testid="roster-file"]', { name: '花名册.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('[data-testid="roster-check"]');
    await page.waitForSelector('[data-testid="roster-import-summary"]');
    expect(await page.textContent('[data-testid="roster-import-summary"]')).toMatch(/检查完成：新增 1 人.*拒绝 1 行/);
    expect(await page.textContent('[data-testid="import-reasons"]')).toContain('unknown_role');
    await page.locator('[data-testid="roster-import"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'zh-roster-import.png') });
    const total = await api<WorkerList>(`/api/staff?q=${encodeURIComponent('测试甲')}`);
    expect(total.total).toBe(0);
  }, 300_000);

  it('reads in English at 1920×1080', async () => {
    const en = await newAppPage(browser, 'en', { width: 1920, height: 1080 });
    await logInByRequest(en.page, app.url, ADMIN);
    await en.page.goto(app.url);
    await waitForMapReady(en.page);
    await en.page.click('[data-testid="open-roster"]');
    await en.page.waitForSelector('[data-testid="roster-checks"]', { timeout: 120_000 });
    expect(await en.page.textContent('[data-testid="roster-view"]')).toContain('Grid staff roster');
    await en.page.screenshot({ path: join(SHOTS, 'en-roster-1920.png') });
    expect(en.errors).toEqual([]);
  }, 300_000);
});
