/**
 * A dedicated grid (专属网格, a school) in the planner, in real headless Chromium against the
 * real API and demo district: made dedicated in a draft through the API, it reads "不适用规模
 * 标准" (outside the size rule) both in the grid table and in the problems list, never "偏小".
 * A screenshot of the planner panel is written to `$GRIDATLAS_SCREENSHOTS` (default: a temp
 * folder) to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '@gridatlas/api/contract';
import { launchBrowser, openApp, startApp, waitForMapReady, waitForRegion, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;

interface GridOut {
  type: 'Feature';
  geometry: unknown;
  properties: {
    code: string;
    name: string;
    type: 'comprehensive' | 'dedicated';
    communityCode: string;
    zoneCode: string | null;
    households?: number;
  };
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  ({ page } = await openApp(browser, app.url, 'zh'));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A JSON request from the page's session, with the CSRF token the API asks for on writes. */
async function api<T>(method: 'POST' | 'PUT' | 'GET', path: string, data?: unknown): Promise<T> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'ga_csrf')?.value ?? '';
  const r = await page.request.fetch(`${app.url}${path}`, {
    method,
    headers: { 'X-CSRF-Token': csrf },
    ...(data === undefined ? {} : { data }),
  });
  if (!r.ok()) throw new Error(`${method} ${path}: ${r.status()} ${await r.text()}`);
  return (await r.json()) as T;
}

describe('dedicated grids in the planner', () => {
  it('reads "outside the size rule" in the grid table and the problems list', async () => {
    const regions = (await api<{ regions: Region[] }>('GET', '/api/regions')).regions;
    const community = regions.filter((r) => r.level === 'community').sort((a, b) => b.grids - a.grids)[0]!;
    const draft = await api<{ id: number; version: number }>('POST', '/api/plans', { regionCode: community.code, name: '专属网格检查' });
    const opened = await api<{ plan: { version: number }; grids: { features: GridOut[] } }>('GET', `/api/plans/${draft.id}`);
    const counts = await api<{ features: GridOut[] }>('GET', `/api/layers/grids?region=${community.code}&plan=${draft.id}`);
    const households = new Map(counts.features.map((f) => [f.properties.code, f.properties.households ?? 0]));
    // The smallest grid becomes the school's dedicated grid: before, it would read "偏小".
    const school = [...opened.grids.features].sort((a, b) => households.get(a.properties.code)! - households.get(b.properties.code)!)[0]!;
    const features = opened.grids.features.map((f) => ({
      type: 'Feature',
      geometry: f.geometry,
      properties: {
        code: f.properties.code,
        name: f.properties.code === school.properties.code ? '实验小学专属网格' : f.properties.name,
        type: f.properties.code === school.properties.code ? 'dedicated' : f.properties.type,
        communityCode: f.properties.communityCode,
        zoneCode: f.properties.zoneCode,
      },
    }));
    await api('PUT', `/api/plans/${draft.id}/grids`, { version: opened.plan.version, grids: { type: 'FeatureCollection', features } });
    const layer = await api<{ features: GridOut[] & { properties: { status: string } }[] }>(
      'GET',
      `/api/layers/grids?region=${community.code}&plan=${draft.id}`,
    );
    expect(layer.features.find((f) => f.properties.code === school.properties.code)!.properties).toMatchObject({ status: 'exempt' });

    await page.selectOption('[data-testid="pick-subdistrict"]', community.parentCode ?? '');
    await page.selectOption('[data-testid="pick-community"]', community.code);
    await waitForRegion(page, community.bbox);
    await page.click('[data-testid="open-planner"]');
    await page.waitForSelector('[data-testid="planner"]');
    await waitForMapReady(page);
    await page.selectOption('[data-testid="pick-plan"]', String(draft.id));
    const row = page.locator(`[data-testid="planner-grids"] tbody tr[data-key="${school.properties.code}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator('td.status').textContent()).toBe('不适用规模标准');
    const note = page.locator('[data-kind="size_exempt"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.textContent()).toMatch(/^专属网格 \S+ · 不适用规模标准$/);
    // Never among the under-filled.
    const under = await page.locator('[data-kind="under_fill"]').allTextContents();
    expect(under.some((t) => t.includes(school.properties.code.slice(-3)))).toBe(false);

    const dir = process.env.GRIDATLAS_SCREENSHOTS ?? join(tmpdir(), 'gridatlas-screenshots');
    mkdirSync(dir, { recursive: true });
    await page.locator('.planner-panel').screenshot({ path: join(dir, 'zh-planner-dedicated.png') });
  }, 240_000);
});
