/**
 * The app in real headless Chromium against the real API and demo district: the login gate
 * (through the login view once), then the shell with a session logged in by request,
 * asserting on what the map RENDERED (queryRenderedFeatures), not only on the DOM.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Region } from '@gridatlas/api/contract';
import {
  clickNearestGrid,
  DEMO_LOGIN,
  launchBrowser,
  newAppPage,
  openApp,
  startApp,
  waitForMapReady,
  waitForRegion,
  type OpenedPage,
  type RunningApp,
} from './app-harness';

let app: RunningApp;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let regions: Region[];

/** Distinct values of `property` among features MapLibre drew in `layers` (whole viewport). */
function rendered(layers: string[], property?: string): Promise<{ count: number; values: string[] }> {
  return page.evaluate(
    ([ids, prop]) => {
      const map = window.__gridatlas!.map;
      const features = map.queryRenderedFeatures({ layers: ids as string[] });
      const values = prop ? [...new Set(features.map((f) => String(f.properties[prop as string])))] : [];
      return { count: features.length, values };
    },
    [layers, property] as const,
  );
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  opened = await openApp(browser, app.url, 'zh');
  page = opened.page;
  regions = await page.evaluate(async () => ((await (await fetch('/api/regions')).json()) as { regions: Region[] }).regions);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('login gate', () => {
  let anon: OpenedPage;
  /** Data routes (anything under /api but auth and health) that answered 2xx to this page. */
  const dataSuccesses: string[] = [];
  const loginView = () => anon.page.locator('[data-testid="login-view"]');
  const mapCount = () => anon.page.locator('[data-testid="map"]').count();

  beforeAll(async () => {
    anon = await newAppPage(browser, 'zh');
    anon.page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/api/') && !/^\/api\/(auth|health)\b/.test(path) && r.ok()) dataSuccesses.push(path);
    });
    await anon.page.goto(app.url);
  });

  it('shows an anonymous visitor the login view, no map and no data', async () => {
    await loginView().waitFor();
    expect(await mapCount()).toBe(0);
    await expect(anon.page.textContent('.login-brand')).resolves.toContain('网格图谱');
    await expect(anon.page.textContent('[data-testid="login-hint"]')).resolves.toBe('演示账号见启动日志');
    // The app itself asks for no layer; one asked for by hand is refused.
    expect(anon.requests.some((u) => u.includes('/api/layers/'))).toBe(false);
    const district = regions.find((r) => r.level === 'district')!;
    const status = await anon.page.evaluate(
      async (code) => (await fetch(`/api/layers/grids?region=${code}&plan=current`)).status,
      district.code,
    );
    expect(status).toBe(401);
    expect(dataSuccesses).toEqual([]);
  });

  it('says so on a wrong password, then logs in to the map', async () => {
    await anon.page.fill('[data-testid="login-username"]', DEMO_LOGIN.username);
    await anon.page.fill('[data-testid="login-password"]', 'not-the-password');
    await anon.page.click('[data-testid="login-submit"]');
    const error = anon.page.locator('[data-testid="login-error"]');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('用户名或密码错误');
    expect(text).toContain('wrong username or password');
    expect(await mapCount()).toBe(0);

    await anon.page.fill('[data-testid="login-password"]', DEMO_LOGIN.password);
    await anon.page.click('[data-testid="login-submit"]');
    await waitForMapReady(anon.page);
    await expect(anon.page.textContent('[data-testid="user-name"]')).resolves.toBe('演示规划员');
    await expect(anon.page.textContent('.user-role')).resolves.toBe('网格规划员');
    expect(dataSuccesses.some((p) => p === '/api/layers/grids')).toBe(true);
  });

  it('logs out from the user menu: the map is gone and the language stays', async () => {
    await anon.page.click('[data-testid="locale-en"]');
    await anon.page.click('[data-testid="user-menu"] summary');
    await anon.page.click('[data-testid="logout"]');
    await loginView().waitFor();
    expect(await mapCount()).toBe(0);
    expect(await anon.page.evaluate(() => window.__gridatlas)).toBeUndefined();
    await expect(anon.page.textContent('[data-testid="login-submit"]')).resolves.toBe('Log in');
    const me = await anon.page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
  });

  it('goes back to the login view in the chosen language when the session ends', async () => {
    const en = await openApp(browser, app.url, 'en');
    try {
      await en.page.context().clearCookies();
      const subdistrict = regions.find((r) => r.level === 'subdistrict')!;
      await en.page.selectOption('[data-testid="pick-subdistrict"]', subdistrict.code);
      await en.page.locator('[data-testid="login-view"]').waitFor();
      await expect(en.page.textContent('[data-testid="login-expired"]')).resolves.toBe('Your session has ended: please log in again.');
      expect(await en.page.locator('[data-testid="map"]').count()).toBe(0);
    } finally {
      await en.page.context().close();
    }
  });

  it('logged no console errors other than the refused (401) requests', () => {
    const others = anon.errors.filter((e) => !/\b401\b|Unauthorized/i.test(e));
    expect(others).toEqual([]);
  });
});

describe('GridAtlas shell', () => {
  it('renders grids coloured by load, boundaries and streets at district zoom', async () => {
    expect((await rendered(['grids-fill'])).count).toBeGreaterThan(0);
    expect((await rendered(['communities-line'])).count).toBeGreaterThan(0);
    expect((await rendered(['subdistricts-line'])).count).toBeGreaterThan(0);
    expect((await rendered(['streets-line'])).count).toBeGreaterThan(0);
    const district = regions.find((r) => r.level === 'district')!;
    const grids = await rendered(['grids-fill'], 'code');
    for (const code of grids.values) expect(code.startsWith(district.code)).toBe(true);
  });

  it('shows the synthetic-data badge and the district figures', async () => {
    await expect(page.textContent('[data-testid="synthetic-badge"]')).resolves.toBe('合成数据 · 演示区');
    const district = regions.find((r) => r.level === 'district')!;
    const figures = await page.textContent('[data-testid="region-figures"]');
    expect(figures).toContain(district.households.toLocaleString('zh-CN'));
  });

  it('flies to a community picked in the cascade and scopes grids and buildings to it', async () => {
    const community = regions.filter((r) => r.level === 'community' && r.grids > 0)[0]!;
    await page.selectOption('[data-testid="pick-subdistrict"]', community.parentCode!);
    await page.selectOption('[data-testid="pick-community"]', community.code);
    await waitForRegion(page, community.bbox);

    const grids = await rendered(['grids-fill'], 'code');
    expect(grids.count).toBeGreaterThan(0);
    for (const code of grids.values) expect(code.startsWith(community.code), code).toBe(true);
    expect((await rendered(['buildings-fill', 'buildings-extrusion'])).count).toBeGreaterThan(0);
    expect((await rendered(['communities-line'])).count).toBeGreaterThan(0);
    const labels = await rendered(['community-labels', 'grid-labels']);
    expect(labels.count).toBeGreaterThan(0);
    const figures = await page.textContent('[data-testid="region-figures"]');
    expect(figures).toContain(community.households.toLocaleString('zh-CN'));
  });

  it('shows a grid card when a grid is clicked', async () => {
    await clickNearestGrid(page);
    const card = page.locator('[data-testid="grid-card"]');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/\d{15}/);
    expect(text).toMatch(/综合网格|专属网格/);
    expect(text).toMatch(/\d+%/);
  });

  it('hides and shows a layer group from the layer list', async () => {
    await page.uncheck('[data-testid="layer-grids"]');
    await page.waitForFunction(() => window.__gridatlas!.map.getLayoutProperty('grids-fill', 'visibility') === 'none');
    await page.evaluate(() => new Promise((r) => window.__gridatlas!.map.once('idle', r).triggerRepaint()));
    expect((await rendered(['grids-fill'])).count).toBe(0);
    await page.check('[data-testid="layer-grids"]');
    await page.evaluate(() => new Promise((r) => window.__gridatlas!.map.once('idle', r).triggerRepaint()));
    expect((await rendered(['grids-fill'])).count).toBeGreaterThan(0);
  });

  it('leaves most of a 1280×800 window to the map and gives it all when the panel collapses', async () => {
    const mapWidth = async () => (await page.locator('[data-testid="map"]').boundingBox())!.width;
    expect(await mapWidth()).toBeGreaterThanOrEqual(960);
    await page.click('[aria-controls="side-panel"]');
    await page.waitForFunction(() => window.__gridatlas!.map.getCanvas().clientWidth === 1280);
    expect(await mapWidth()).toBe(1280);
    await page.click('[aria-controls="side-panel"]');
    await page.waitForFunction(() => window.__gridatlas!.map.getCanvas().clientWidth < 1280);
  });

  it('switches the UI language and remembers it', async () => {
    await page.click('[data-testid="locale-en"]');
    await expect(page.textContent('[data-testid="synthetic-badge"]')).resolves.toBe('Synthetic demo data');
    await expect(page.textContent('#layers-title')).resolves.toBe('Layers');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await waitForMapReady(page);
    await expect(page.textContent('#layers-title')).resolves.toBe('Layers');
    await page.click('[data-testid="locale-zh"]');
    await expect(page.textContent('#layers-title')).resolves.toBe('图层');
  });

  it('logged no console errors and requested nothing from another host', () => {
    expect(opened.errors).toEqual([]);
    const origin = new URL(app.url).origin;
    const foreign = opened.requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect(opened.requests.some((u) => u.includes('/api/layers/grids'))).toBe(true);
  });
});
