/**
 * Briefings in real headless Chromium against the real API and demo district: an analyst
 * saves three views of the analyst map (layer, period, camera) into a new briefing, reorders
 * them in the editor, presents it and moves with the keys — each slide's live map shows its
 * saved layer and camera, its key figure equals the dashboard's for its region and period, and
 * Esc leaves. Then a view of the district map (region, layers, camera) and one of the analyst
 * map go into another briefing; presenting it restores the district map's region, layers and
 * camera, and the next slide switches to the analyst map. Screenshots of the editor and of presenting go to $GRIDATLAS_SHOTS
 * (default /work/shots/brief).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAnalyst, renderedFeatures, selectLayer } from './analyst-harness';
import { DEMO_LOGIN, launchBrowser, openApp, startApp, waitForMapReady, type RunningApp } from './app-harness';

let app: RunningApp;
let browser: Browser;
let page: Page;
const SHOTS = process.env.GRIDATLAS_SHOTS ?? '/work/shots/brief';
const ANALYST = { username: 'analyst', password: DEMO_LOGIN.password };

interface Camera {
  center: [number, number];
  zoom: number;
  bearing: number;
  pitch: number;
}

const camera = () =>
  page.evaluate(() => {
    const map = window.__gridatlas!.map;
    const c = map.getCenter();
    return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() } as Camera;
  });

async function moveTo(dz: number, bearing: number): Promise<Camera> {
  await page.evaluate(
    ([dzoom, b]) => {
      const map = window.__gridatlas!.map;
      const c = map.getCenter();
      map.jumpTo({ center: [c.lng + dzoom * 0.002, c.lat - dzoom * 0.001], zoom: map.getZoom() + dzoom, bearing: b });
    },
    [dz, bearing] as const,
  );
  return camera();
}

function expectCamera(actual: Camera, saved: Camera): void {
  // The slide stores 6 decimals of a degree and 2 of zoom (see analyst-slide-view.ts).
  expect(actual.center[0]).toBeCloseTo(saved.center[0], 5);
  expect(actual.center[1]).toBeCloseTo(saved.center[1], 5);
  expect(actual.zoom).toBeCloseTo(saved.zoom, 2);
  expect(actual.bearing).toBeCloseTo(saved.bearing, 1);
}

async function addView(title: string, note: string, newBriefing: string | null): Promise<void> {
  await page.click('[data-testid="briefing-add-open"]');
  await page.waitForSelector('[data-testid="briefing-pick"]');
  if (newBriefing) {
    await page.selectOption('[data-testid="briefing-pick"]', 'new');
    await page.fill('[data-testid="briefing-new-title"]', newBriefing);
  } else {
    // The briefing made by the first view is offered first.
    await page.waitForFunction(() => (document.querySelector('[data-testid="briefing-pick"]') as HTMLSelectElement).options.length > 1);
  }
  await page.fill('[data-testid="briefing-slide-title"]', title);
  await page.fill('[data-testid="briefing-slide-note"]', note);
  await page.click('[data-testid="briefing-save"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="briefing-message"]')?.textContent?.includes('已添加到'));
}

const presented = () =>
  page.evaluate(() => ({
    index: Number(document.querySelector('[data-testid="presenter"]')?.getAttribute('data-slide-index')),
    layer: document.querySelector('[data-testid="analyst"]')?.getAttribute('data-layer'),
    title: document.querySelector('[data-testid="presenter-title"]')?.textContent,
  }));

/** The presented key figure's number (its `data-value`), once shown (a cold dashboard of the demo district takes a while on a loaded machine). */
async function figureValue(): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const v = document.querySelector('[data-testid="presenter-figure-value"]')?.getAttribute('data-value');
      return v ? Number(v) : false;
    },
    undefined,
    { timeout: 240_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** `/api/dashboard` for the query a slide's figure names: the figure must be one of its numbers. */
async function dashboardOf(briefingId: number, slideId: number) {
  return page.evaluate(
    async ([b, s]) => {
      const figure = await fetch(`/api/briefings/${b}/slides/${s}/figure`).then((r) => r.json());
      const q = figure.dashboard as { region: string; period: string; asOf: string };
      return fetch(`/api/dashboard?region=${q.region}&period=${q.period}&asOf=${q.asOf}`).then((r) => r.json());
    },
    [briefingId, slideId] as const,
  );
}

/** The district or analyst map loaded and still. */
async function settled(): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="map"]')?.getAttribute('data-state') === 'ready' && !window.__gridatlas!.map.isMoving(),
    undefined,
    { timeout: 120_000 },
  );
}

async function pressAndWait(key: string, index: number): Promise<void> {
  await page.keyboard.press(key);
  await page.waitForSelector(`[data-testid="presenter"][data-slide-index="${index}"]`);
  // The camera jump waits for the map's first load only; once there, it is synchronous.
  await page.waitForFunction(() => !window.__gridatlas!.map.isMoving());
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  app = await startApp();
  browser = await launchBrowser();
  ({ page } = await openApp(browser, app.url, 'zh', ANALYST));
  await openAnalyst(page);
  // Building the app and generating the demo district take minutes on a shared, loaded machine.
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('briefings', () => {
  const saved: Camera[] = [];

  it('saves three analyst views into a new briefing and reorders them in the editor', async () => {
    await selectLayer(page, 'heat');
    saved.push(await moveTo(-0.6, 0));
    await addView('全区事件热力', '六月事件集中在西北片区', '六月网格例会');
    await selectLayer(page, 'choropleth');
    saved.push(await moveTo(1.2, 15));
    await addView('网格事件专题', '', null);
    await selectLayer(page, 'hexbin');
    saved.push(await moveTo(0.5, -10));
    await addView('事件六边形', '较上月下降', null);

    await page.click('[data-testid="briefings-open"]');
    await page.waitForSelector('[data-testid="briefing-list"]');
    await page.click('[data-testid="briefing-list"] li:first-child button');
    await page.waitForSelector('[data-testid="briefing-editor"]');
    const titles = () => page.$$eval('[data-testid="slide-title"]', (els) => els.map((e) => (e as HTMLInputElement).value));
    expect(await titles()).toEqual(['全区事件热力', '网格事件专题', '事件六边形']);
    // The third one up: the order and the version follow the server's answer.
    await page.click('[data-testid="briefing-slide"]:nth-child(3) [data-testid="slide-up"]');
    await page.waitForSelector('[data-testid="briefing-editor"][data-version="4"]');
    expect(await titles()).toEqual(['全区事件热力', '事件六边形', '网格事件专题']);
    [saved[1], saved[2]] = [saved[2]!, saved[1]!];
    await page.screenshot({ path: join(SHOTS, 'zh-briefing-editor.png') });
  }, 300_000);

  it('presents it: each slide restores its layer and camera, moves with the keys, and shows its key figure', async () => {
    await page.click('[data-testid="briefing-present"]');
    await page.waitForSelector('[data-testid="presenter"][data-slide-index="0"]');
    await page.waitForFunction(() => !window.__gridatlas!.map.isMoving());
    expect(await presented()).toMatchObject({ index: 0, layer: 'heat', title: '全区事件热力' });
    expectCamera(await camera(), saved[0]!);

    // The key figure is the dashboard's incident count for the slide's region and period.
    const value = await figureValue();
    const briefings = await page.evaluate(() => fetch('/api/briefings').then((r) => r.json()));
    const full = await page.evaluate((id) => fetch(`/api/briefings/${id}`).then((r) => r.json()), briefings.briefings[0].id as number);
    const dashboard = await dashboardOf(full.id as number, full.slides[0].id as number);
    expect(value).toBe(dashboard.incidents.count.value);
    expect(value).toBeGreaterThan(0);
    // The demo's incidents begin inside the period before the slide's: the comparison says so
    // instead of a change in per cent from a few days' count.
    const figure = await page.evaluate(([b, sl]) => fetch(`/api/briefings/${b}/slides/${sl}/figure`).then((r) => r.json()), [
      full.id as number,
      full.slides[0].id as number,
    ] as const);
    expect(figure.records).toEqual(dashboard.incidents.records);
    expect(figure.records.previousPartial).toBe(true);
    const note = await page.textContent('[data-testid="presenter-delta-partial"]');
    expect(note).toBe(`上期记录不全（始于 ${figure.records.since}）`);
    expect(await page.$('[data-testid="presenter-delta"]')).toBeNull();
    expect(await page.textContent('[data-testid="presenter-as-of"]')).toMatch(/数据截至 \d{4}-\d{2}-\d{2}/);
    expect(await page.textContent('[data-testid="presenter-number"]')).toBe('第 1 / 3 页');
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SHOTS, 'zh-briefing-present-1.png') });

    await pressAndWait('ArrowRight', 1);
    expect(await presented()).toMatchObject({ index: 1, layer: 'hexbin', title: '事件六边形' });
    expectCamera(await camera(), saved[1]!);
    await pressAndWait('Space', 2);
    expect(await presented()).toMatchObject({ index: 2, layer: 'choropleth', title: '网格事件专题' });
    expectCamera(await camera(), saved[2]!);
    await figureValue();
    // The screenshot once the restored choropleth is drawn, not while its grids load.
    await renderedFeatures(page, ['analyst-choropleth'], 'value');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SHOTS, 'zh-briefing-present-3.png') });
    // Past the end stays on the last slide.
    await pressAndWait('PageDown', 2);
    await pressAndWait('ArrowLeft', 1);
    expect((await presented()).layer).toBe('hexbin');
    await pressAndWait('Home', 0);
    expectCamera(await camera(), saved[0]!);
    await pressAndWait('End', 2);
    await pressAndWait('PageUp', 1);

    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="presenter"]', { state: 'detached' });
    expect(await page.isVisible('[data-testid="analyst"] .analyst-panel')).toBe(true);
  }, 300_000);

  it('saves a district-map view and an analyst view; presenting restores the district map’s region, layers and camera, then switches maps', async () => {
    await page.click('[data-testid="open-map"]');
    await waitForMapReady(page);
    const subdistrict = await page.$eval('[data-testid="pick-subdistrict"]', (el) => (el as HTMLSelectElement).options[1]!.value);
    await page.selectOption('[data-testid="pick-subdistrict"]', subdistrict);
    await settled();
    await page.click('[data-testid="layer-buildings"]');
    const district = await moveTo(0.4, 20);
    await addView('街道网格划分', '网格边界沿街巷划定', '区域地图例会');
    await page.click('[data-testid="open-analyst"]');
    await waitForMapReady(page);
    await selectLayer(page, 'heat');
    const analyst = await moveTo(0.2, -5);
    await addView('街道事件热力', '', null);

    // Somewhere else entirely before presenting: the district map, buildings back on, another camera.
    await page.click('[data-testid="open-map"]');
    await waitForMapReady(page);
    await page.click('[data-testid="layer-buildings"]');
    await moveTo(-1.5, 0);
    await page.click('[data-testid="briefings-open"]');
    await page.waitForSelector('[data-testid="briefing-list"]');
    await page.click('[data-testid="briefing-list"] li:first-child button');
    await page.waitForSelector('[data-testid="briefing-editor"]');
    expect(await page.$$eval('[data-testid="slide-title"]', (els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
      '街道网格划分',
      '街道事件热力',
    ]);
    await page.click('[data-testid="briefing-present"]');
    await page.waitForSelector('[data-testid="presenter"][data-slide-index="0"]');
    await settled();
    expect(await page.isVisible('[data-testid="analyst"]')).toBe(false);
    expectCamera(await camera(), district);
    expect(await page.$eval('[data-testid="pick-subdistrict"]', (el) => (el as HTMLSelectElement).value)).toBe(subdistrict);
    const visibility = await page.evaluate(() =>
      ['buildings-fill', 'grids-fill', 'streets-line'].map((id) => window.__gridatlas!.map.getLayoutProperty(id, 'visibility')),
    );
    expect(visibility).toEqual(['none', 'visible', 'visible']);
    // A district slide's figure: the dashboard's share of grids within the rule.
    const list = await page.evaluate(() => fetch('/api/briefings').then((r) => r.json()));
    const full = await page.evaluate((id) => fetch(`/api/briefings/${id}`).then((r) => r.json()), list.briefings[0].id as number);
    const dashboard = await dashboardOf(full.id as number, full.slides[0].id as number);
    expect(await figureValue()).toBe(dashboard.grids.withinShare.value);
    expect(await page.textContent('[data-testid="presenter-note"]')).toBe('网格边界沿街巷划定');
    // The district map's legend (its side panel is covered) on the slide, clear of the figure,
    // the note and the key hint, at a laptop's and a projector's size.
    const legend = page.locator('[data-testid="presenter"] [data-testid="load-legend"]');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.textContent()).toContain('网格负荷');
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(800);
      const boxes = await page.evaluate(() =>
        ['presenter-legend', 'presenter-figure', 'presenter-note', 'presenter-head'].map((id) => {
          const r = document.querySelector(`[data-testid="${id}"], .${id}`)!.getBoundingClientRect();
          return { id, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        }),
      );
      const [own, ...others] = boxes;
      expect(own!.right, `legend inside the window at ${width}×${height}`).toBeLessThanOrEqual(width);
      expect(own!.bottom).toBeLessThanOrEqual(height);
      for (const o of others) {
        const overlaps = own!.left < o.right && o.left < own!.right && own!.top < o.bottom && o.top < own!.bottom;
        expect(overlaps, `legend over ${o.id} at ${width}×${height}`).toBe(false);
      }
      await page.screenshot({ path: join(SHOTS, `zh-briefing-present-district-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(1000);
    await page.screenshot({ path: join(SHOTS, 'zh-briefing-present-district.png') });

    // The next slide is the analyst's: the view switches and its presenter takes over.
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('[data-testid="analyst"][data-layer="heat"]');
    await page.waitForSelector('[data-testid="presenter"][data-slide-index="1"]');
    await waitForMapReady(page);
    await page.waitForFunction(([lng, lat]) => {
      const c = window.__gridatlas!.map.getCenter();
      return Math.abs(c.lng - lng!) < 1e-5 && Math.abs(c.lat - lat!) < 1e-5 && !window.__gridatlas!.map.isMoving();
    }, analyst.center);
    expectCamera(await camera(), analyst);
    // Back: the district map again, as saved.
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector('[data-testid="presenter"][data-slide-index="0"]');
    await waitForMapReady(page);
    await settled();
    expect(await page.isVisible('[data-testid="analyst"]')).toBe(false);
    expectCamera(await camera(), district);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="presenter"]', { state: 'detached' });
  }, 400_000);
});
