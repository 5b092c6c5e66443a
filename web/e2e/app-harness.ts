/**
 * Starts GridAtlas for browser tests and screenshots: builds the web app with Vite, starts
 * the API server (embedded PostGIS in a temp folder, synthetic demo district and its demo
 * users) serving it, and opens headless Chromium. `GRIDATLAS_E2E_URL=http://host:port`
 * skips the build and the server and drives an app that is already running (in demo mode,
 * with GRIDATLAS_DEMO_PASSWORD when its demo password is not the default).
 */
import { createLogger, createUser, startServer, type Db, type NewUser } from '@gridatlas/api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';

export const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface Credentials {
  username: string;
  password: string;
}

/** A demo user with the map permissions; the shared demo password is announced at start. */
export const DEMO_LOGIN: Credentials = {
  username: 'planner',
  password: process.env.GRIDATLAS_DEMO_PASSWORD || 'gridatlas-demo',
};

export interface RunningApp {
  url: string;
  /** The server's database, for tests that check what the API wrote (absent with GRIDATLAS_E2E_URL). */
  db?: Db;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The server's PMTiles folder (default: none). */
  basemapDir?: string;
  /** `false`: start empty, as with GRIDATLAS_DEMO=0 (default: the demo district). */
  demo?: boolean;
  /** Users to create once the server runs (outside demo mode there are none). */
  users?: NewUser[];
}

export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const external = process.env.GRIDATLAS_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ''), close: async () => {} };
  // A build of its own: two browser test files running at once must not serve each other's half-written dist/.
  const webDist = await mkdtemp(join(tmpdir(), 'gridatlas-e2e-web-'));
  await build({ root: webDir, logLevel: 'warn', build: { outDir: webDist, emptyOutDir: true } });
  const dataDir = await mkdtemp(join(tmpdir(), 'gridatlas-e2e-'));
  try {
    const server = await startServer({
      port: 0,
      dataDir,
      webDist,
      demo: options.demo === false ? false : { seed: 1, scale: 'default', password: DEMO_LOGIN.password },
      basemapDir: options.basemapDir ?? false,
      // Browser tests check behaviour on a loaded machine, not speed: a generous request time limit.
      requestTimeoutMs: 120_000,
      log: createLogger({ level: 'warn' }),
    });
    for (const user of options.users ?? []) await createUser(server.db, user);
    return {
      url: server.url,
      db: server.db,
      async close() {
        await server.close();
        await rm(dataDir, { recursive: true, force: true });
        await rm(webDist, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    await rm(webDist, { recursive: true, force: true });
    throw error;
  }
}

/** Headless Chromium with software WebGL (no GPU on these machines) and no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu-sandbox',
    ],
  });
}

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** Every URL the page requested. */
  requests: string[];
}

/**
 * A fresh browser context (own cookies) at 1280×800 (or `viewport`) in the given UI language, recording
 * console errors and requests; nothing is loaded yet.
 */
export async function newAppPage(
  browser: Browser,
  locale: 'zh' | 'en' = 'zh',
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  await context.addInitScript((l) => {
    if (!localStorage.getItem('gridatlas.locale')) localStorage.setItem('gridatlas.locale', l);
  }, locale);
  const page = await context.newPage();
  // Loading the app's bundle takes well over Playwright's 30 s when the two cores are shared.
  page.setDefaultNavigationTimeout(300_000);
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  return { page, errors, requests };
}

/**
 * Logs in through the API so the session cookies land in the page's browser context;
 * pages opened afterwards start logged in without going through the login view.
 */
export async function logInByRequest(page: Page, url: string, login: Credentials = DEMO_LOGIN): Promise<void> {
  const response = await page.request.post(`${url}/api/auth/login`, { data: login });
  if (!response.ok()) throw new Error(`login as ${login.username} failed: ${response.status()} ${await response.text()}`);
}

/** Opens the app logged in as `login` (see `logInByRequest`) and waits until the map is ready. */
export async function openApp(
  browser: Browser,
  url: string,
  locale: 'zh' | 'en' = 'zh',
  login: Credentials = DEMO_LOGIN,
): Promise<OpenedPage> {
  const opened = await newAppPage(browser, locale);
  await logInByRequest(opened.page, url, login);
  await opened.page.goto(url);
  await waitForMapReady(opened.page);
  return opened;
}

/** Waits until the map's sources are loaded and it is idle (`data-state="ready"`). */
export async function waitForMapReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-state="ready"]', { timeout: 300_000 });
  await page.evaluate(() => window.__gridatlas?.ready);
}

/** Waits for the camera to settle inside `bbox` and the new region's data to be on the map. */
export async function waitForRegion(page: Page, bbox: [number, number, number, number]): Promise<void> {
  await page.waitForFunction(
    ([w, s, e, n]) => {
      const hook = window.__gridatlas;
      const el = document.querySelector('[data-testid="map"]');
      if (!hook || el?.getAttribute('data-state') !== 'ready' || hook.map.isMoving()) return false;
      const c = hook.map.getCenter();
      return c.lng > w! && c.lng < e! && c.lat > s! && c.lat < n!;
    },
    bbox,
    { timeout: 60_000 },
  );
}

/** Clicks the drawn grid nearest the map's centre (a community need not be convex). */
export async function clickNearestGrid(page: Page): Promise<void> {
  const hit = await page.evaluate(() => {
    const map = window.__gridatlas!.map;
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    let best: { x: number; y: number; d: number } | null = null;
    for (let y = 10; y < h; y += 20) {
      for (let x = 10; x < w; x += 20) {
        const d = Math.hypot(x - w / 2, y - h / 2);
        if (best && d >= best.d) continue;
        if (map.queryRenderedFeatures([x, y], { layers: ['grids-fill'] }).length) best = { x, y, d };
      }
    }
    return best;
  });
  if (!hit) throw new Error('no grid is drawn on the map');
  const box = await page.locator('[data-testid="map"]').boundingBox();
  if (!box) throw new Error('the map container is not visible');
  await page.mouse.click(box.x + hit.x, box.y + hit.y);
}
