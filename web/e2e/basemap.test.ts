/**
 * Basemaps in real Chromium against the real API: the demo admin configures the real Firenze
 * PMTiles archive and a Tianditu key in the settings dialog; the PMTiles basemap is checked
 * by what the canvas shows over Florence (the offline style there is only its background),
 * Tianditu by the tile requests the map makes (key as tk, Web Mercator WMTS) and the review
 * number on the map; an unreachable Tianditu and an unreadable archive fall back to the
 * offline style with a notice while GridAtlas's layers stay drawn. This machine has no
 * internet: Tianditu's hosts are answered by the test (a plain tile, or a refused connection).
 * Screenshots go to screenshots/basemap/ (git-ignored) at 1366×768 and 1920×1080.
 */
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EARTH_COLOUR } from '../src/map/basemap/vector-archive-style';
import { launchBrowser, openApp, startApp, webDir, type RunningApp } from './app-harness';

const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(webDir, '../../shared/data/real');
const SHOTS = join(webDir, '..', 'screenshots', 'basemap');
const ADMIN = { username: 'admin', password: process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo' };
const KEY = '0123456789abcdef0123456789abcdef';
/** Central Florence, inside the archive (z0–14). */
const FLORENCE = { center: [11.2558, 43.7696] as [number, number], zoom: 14 };

let app: RunningApp;
let browser: Browser;
let page: Page;
let basemapDir: string;
let tiandituRequests: string[] = [];

/** The map canvas's pixels (RGB, every 4th pixel of every 4th row), read in the frame just drawn. */
async function canvasPixels(): Promise<number[]> {
  return page.evaluate(async () => {
    const map = window.__gridatlas!.map;
    const url = await new Promise<string>((resolve) => {
      map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
      map.triggerRepaint();
    });
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const out: number[] = [];
    for (let y = 0; y < img.height; y += 4)
      for (let x = 0; x < img.width; x += 4)
        out.push(data[(y * img.width + x) * 4]!, data[(y * img.width + x) * 4 + 1]!, data[(y * img.width + x) * 4 + 2]!);
    return out;
  });
}

/** Share of sampled pixels whose colour differs between two captures of the same view. */
function differing(a: number[], b: number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3)
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 12) n++;
  return n / (a.length / 3);
}

/** Share of sampled pixels farther than the threshold from `rgb` ('#rrggbb') and from the pixel in `a`. */
function unlike(a: number[], b: number[], rgb: string): number {
  const c = [1, 3, 5].map((i) => parseInt(rgb.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    const fromA = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
    const fromC = Math.abs(c[0]! - b[i]!) + Math.abs(c[1]! - b[i + 1]!) + Math.abs(c[2]! - b[i + 2]!);
    if (fromA > 12 && fromC > 12) n++;
  }
  return n / (a.length / 3);
}

/** Distinct colours among sampled pixels. */
const colours = (p: number[]) =>
  new Set(Array.from({ length: p.length / 3 }, (_, i) => (p[i * 3]! << 16) | (p[i * 3 + 1]! << 8) | p[i * 3 + 2]!)).size;

/** Waits for the map to draw once more and settle (an idle map fires no 'idle' of its own). */
function settle(): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__gridatlas!.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function waitForBasemap(kind: string, state: 'ready' | 'degraded'): Promise<void> {
  await page.waitForSelector(
    `[data-testid="map"][data-basemap="${state === 'degraded' ? 'offline' : kind}"][data-basemap-state="${state}"]`,
    { timeout: 180_000 },
  );
  await settle();
}

async function shoot(name: string): Promise<void> {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await settle();
    await page.screenshot({ path: join(SHOTS, `${name}-${w}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Tianditu's hosts answer with a plain 256-px PNG (a light blue-grey, unlike anything offline). */
async function serveTiandituTiles(): Promise<void> {
  const png = Buffer.from(
    await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = c.height = 256;
      const ctx = c.getContext('2d')!;
      ctx.fillStyle = '#9fc5e8';
      ctx.fillRect(0, 0, 256, 256);
      return c.toDataURL('image/png').split(',')[1]!;
    }),
    'base64',
  );
  await page.unroute('https://*.tianditu.gov.cn/**');
  await page.route('https://*.tianditu.gov.cn/**', (route: Route) => {
    tiandituRequests.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'image/png', body: png, headers: { 'Access-Control-Allow-Origin': '*' } });
  });
}

beforeAll(async () => {
  basemapDir = await mkdtemp(join(tmpdir(), 'gridatlas-e2e-basemaps-'));
  await symlink(join(REAL, 'firenze.pmtiles'), join(basemapDir, 'firenze.pmtiles'));
  await mkdir(SHOTS, { recursive: true });
  app = await startApp({ basemapDir });
  browser = await launchBrowser();
  page = (await openApp(browser, app.url, 'zh', ADMIN)).page;
  await page.setViewportSize({ width: 1366, height: 768 });
  // Build, first start of the embedded database and the demo seed: minutes on a busy machine.
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await rm(basemapDir, { recursive: true, force: true });
});

// Each test waits for tiles and shoots two window sizes: minutes on a busy two-core machine.
vi.setConfig({ testTimeout: 600_000 });

describe('basemaps', () => {
  it('starts on the offline style, offering only it', async () => {
    await expect(page.getAttribute('[data-testid="map"]', 'data-basemap')).resolves.toBe('offline');
    await expect(page.locator('[data-testid="basemap-switch"] input').count()).resolves.toBe(1);
  });

  it('lets the admin pick the PMTiles file and enter a Tianditu key and review number', async () => {
    await page.click('[data-testid="basemap-configure"]');
    await page.waitForSelector('[data-testid="basemap-dialog"]');
    await page.waitForSelector('[data-testid="basemap-file"] option[value="firenze.pmtiles"]', { state: 'attached' });
    await page.selectOption('[data-testid="basemap-file"]', 'firenze.pmtiles');
    // Florence does not cover the demo district: the dialog says so.
    await expect(page.textContent('[data-testid="basemap-dialog"]')).resolves.toContain('该文件不覆盖本区县');
    await page.check('[data-testid="basemap-tianditu"]');
    await page.fill('[data-testid="basemap-key"]', 'not-a-key');
    await page.fill('[data-testid="basemap-review"]', 'GS(2024)1234号');
    await page.click('[data-testid="basemap-save"]');
    await expect(page.locator('[data-testid="basemap-dialog-error"]').textContent()).resolves.toMatch(/32 hexadecimal/);
    await page.fill('[data-testid="basemap-key"]', KEY);
    await page.selectOption('[data-testid="basemap-default"]', 'pmtiles');
    await page.screenshot({ path: join(SHOTS, 'settings-dialog-1366.png') });
    await page.click('[data-testid="basemap-save"]');
    await page.waitForSelector('.dialog-saved');
    await page.keyboard.press('Escape');
    await expect(page.locator('[data-testid="basemap-switch"] input').count()).resolves.toBe(4);
    const stored = await page.evaluate(async () => (await fetch('/api/basemaps/settings')).json());
    expect(stored).toMatchObject({
      defaultBasemap: 'pmtiles',
      pmtiles: { file: 'firenze.pmtiles' },
      tianditu: { key: KEY, reviewNumber: 'GS(2024)1234号' },
    });
  });

  it('draws the Firenze archive under our layers: tiles render where the offline style has only background', async () => {
    await page.evaluate(({ center, zoom }) => window.__gridatlas!.map.jumpTo({ center, zoom }), FLORENCE);
    await settle();
    // No GridAtlas data in Florence: the offline style is its background alone there.
    const offline = await canvasPixels();
    expect(colours(offline)).toBeLessThan(5);
    await page.check('[data-testid="basemap-pmtiles"]');
    await waitForBasemap('pmtiles', 'ready');
    await shoot('pmtiles-florence');
    const pmtiles = await canvasPixels();
    // Streets, buildings, the Arno and labels: a large share of the view is neither the offline background nor bare land.
    expect(differing(offline, pmtiles)).toBeGreaterThan(0.9);
    expect(unlike(offline, pmtiles, EARTH_COLOUR)).toBeGreaterThan(0.3);
    expect(colours(pmtiles)).toBeGreaterThan(50);
    const layers = await page.evaluate(() => {
      const ids = window.__gridatlas!.map.getStyle().layers.map((l) => l.id);
      return {
        firstBasemap: ids.findIndex((id) => id.startsWith('basemap-')),
        lastBasemap: ids.findLastIndex((id) => id.startsWith('basemap-')),
        grids: ids.indexOf('grids-fill'),
        communities: ids.indexOf('communities-fill'),
      };
    });
    // Right above the offline background, under every GridAtlas layer.
    expect(layers.firstBasemap).toBe(1);
    expect(layers.lastBasemap).toBeLessThan(layers.communities);
    expect(layers.lastBasemap).toBeLessThan(layers.grids);
    // What is drawn, by the archive's own layers: the style follows its older schema (pmap:kind).
    const drawn = await page.evaluate(() => {
      const map = window.__gridatlas!.map;
      const ids = map.getStyle().layers.map((l) => l.id);
      const count = (role: string) =>
        map.queryRenderedFeatures({ layers: ids.filter((id) => new RegExp(`^basemap-pmtiles-${role}-[^-]+$`).test(id)) }).length;
      return {
        buildings: count('buildings'),
        roads: count('road'),
        roadNames: count('road-names'),
        places: count('places'),
        water: count('water'),
      };
    });
    expect(drawn.buildings).toBeGreaterThan(500);
    expect(drawn.roads).toBeGreaterThan(300);
    expect(drawn.roadNames).toBeGreaterThan(10);
    expect(drawn.places).toBeGreaterThan(0);
    expect(drawn.water).toBeGreaterThan(0);
    await expect(page.textContent('[data-testid="basemap-credit"]')).resolves.toContain('OpenStreetMap');
  });

  it('draws Tianditu with the key as tk and shows its review number on the map', async () => {
    // Back to the demo district.
    await page.evaluate(async () => {
      const { regions } = (await (await fetch('/api/regions')).json()) as {
        regions: { level: string; bbox: [number, number, number, number] }[];
      };
      window.__gridatlas!.map.fitBounds(regions.find((r) => r.level === 'district')!.bbox, { duration: 0 });
    });
    await serveTiandituTiles();
    tiandituRequests = [];
    await page.check('[data-testid="basemap-tianditu-vector"]');
    await waitForBasemap('tianditu-vector', 'ready');
    const layers = new Set(tiandituRequests.map((u) => new URL(u).searchParams.get('LAYER')));
    expect(layers).toEqual(new Set(['vec', 'cva']));
    for (const u of tiandituRequests) {
      const q = new URL(u).searchParams;
      expect(q.get('tk')).toBe(KEY);
      expect(q.get('TILEMATRIXSET')).toBe('w');
    }
    const credit = await page.textContent('[data-testid="basemap-credit"]');
    expect(credit).toContain('审图号：GS(2024)1234号');
    expect(credit).toContain('天地图');
    // Our layers still draw on top.
    const grids = await page.evaluate(() => window.__gridatlas!.map.queryRenderedFeatures({ layers: ['grids-fill'] }).length);
    expect(grids).toBeGreaterThan(0);
    await shoot('tianditu-vector');
    tiandituRequests = [];
    await page.check('[data-testid="basemap-tianditu-imagery"]');
    await waitForBasemap('tianditu-imagery', 'ready');
    expect(new Set(tiandituRequests.map((u) => new URL(u).searchParams.get('LAYER')))).toEqual(new Set(['img', 'cia']));
  });

  it('falls back to the offline style with a notice when Tianditu cannot be reached', async () => {
    await page.unroute('https://*.tianditu.gov.cn/**');
    await page.route('https://*.tianditu.gov.cn/**', (route: Route) => route.abort('connectionrefused'));
    await page.check('[data-testid="basemap-offline"]');
    await waitForBasemap('offline', 'ready');
    await page.check('[data-testid="basemap-tianditu-vector"]');
    await waitForBasemap('tianditu-vector', 'degraded');
    await expect(page.textContent('[data-testid="basemap-degraded"]')).resolves.toContain('已改用离线底图');
    await expect(page.textContent('[data-testid="basemap-credit"]')).resolves.toContain('瓦片请求失败');
    const state = await page.evaluate(() => {
      const map = window.__gridatlas!.map;
      return {
        basemapLayers: map.getStyle().layers.filter((l) => l.id.startsWith('basemap-')).length,
        grids: map.queryRenderedFeatures({ layers: ['grids-fill'] }).length,
      };
    });
    expect(state).toEqual({ basemapLayers: 0, grids: expect.any(Number) });
    expect(state.grids).toBeGreaterThan(0);
    await shoot('tianditu-unreachable');
  });

  it('falls back when the archive cannot be read', async () => {
    await page.route('**/api/basemaps/files/firenze.pmtiles', (route: Route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"internal","message":"down"}}' }),
    );
    // A fresh page: the archive's header is read once per page. Reloading the app takes minutes on a busy machine.
    await page.reload({ timeout: 300_000 });
    await page.waitForSelector('[data-testid="map"][data-state="ready"]', { timeout: 300_000 });
    await page.check('[data-testid="basemap-pmtiles"]');
    await waitForBasemap('pmtiles', 'degraded');
    await expect(page.textContent('[data-testid="basemap-degraded"]')).resolves.toContain('底图文件无法读取');
    await page.unroute('**/api/basemaps/files/firenze.pmtiles');
  });
});
