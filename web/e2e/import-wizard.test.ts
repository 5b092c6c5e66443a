/**
 * A first start with GRIDATLAS_DEMO=0 in real Chromium against the real API: the first-run
 * panel, then the whole of 洪山区 through the import wizard from real files (makeWuhanFiles,
 * the files `scripts/src/cli/district.command.test.ts` imports through the command line): the
 * boundary cut from the Wuhan district boundaries creates the district; its communities, the
 * OSM buildings (pieces cut at tile edges) with estimated households and the roads follow, each
 * through file, detection, fields, dry run (its figures equal to the command line's dry run of
 * the same file with the same options, its problems on the map), write and report. Then the
 * district on the map: its communities in the region picker, its households marked as
 * estimated. A file that is no layer gets its clear error. Screenshots of each step at
 * 1366×768 go to screenshots/import/ (git-ignored).
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDistrictLayer, type DistrictImportOptions, type LayerReport } from '@gridatlas/api';
import { makeWuhanFiles, type WuhanFiles } from '@gridatlas/api/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  launchBrowser,
  newAppPage,
  logInByRequest,
  startApp,
  waitForMapReady,
  waitForRegion,
  webDir,
  type RunningApp,
} from './app-harness';

const REAL = process.env.GRIDATLAS_REAL_DATA ?? join(webDir, '../../shared/data/real');
const SHOTS = join(webDir, '..', 'screenshots', 'import');
/** A city-level administrator of Wuhan (4201), as `pnpm gridatlas user add` would create. */
const ADMIN = { username: 'wuhan-admin', password: 'wuhan-admin-pass-1' };

let app: RunningApp;
let browser: Browser;
let page: Page;
let files: string;
let wuhan: WuhanFiles;

vi.setConfig({ testTimeout: 900_000 });

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}-1366.png`) });

/** A figure of the wizard's report as a number (the browser formats it with group separators). */
const figure = async (name: string): Promise<number> =>
  Number((await page.textContent(`[data-testid="import-${name}"]`))!.replace(/\D/g, ''));

/**
 * What `pnpm gridatlas district import <layer> <file> --district 420111 … --dry-run` reports
 * now: the same function the command line calls, on the server's database (a dry run writes nothing).
 */
const commandLineDryRun = (file: string, options: Omit<DistrictImportOptions, 'districtCode' | 'dryRun'>): Promise<LayerReport> =>
  importDistrictLayer(
    app.db!,
    { path: file },
    { districtCode: '420111', estimateHouseholds: false, allowRejected: false, ...options, dryRun: true },
  );

/**
 * One layer through the wizard, from the file step to the report: the dry run's figures must
 * equal the command line's, its features and problems drawn on the map, then the write.
 */
async function importLayer(
  name: string,
  layer: DistrictImportOptions['layer'],
  file: string,
  expected: LayerReport,
  setFields: () => Promise<void>,
): Promise<void> {
  await page.selectOption('[data-testid="import-layer"]', layer);
  // The district the wizard created is offered, though the shell's list predates it.
  await expect(page.inputValue('[data-testid="import-district"]')).resolves.toBe('420111');
  await expect(page.textContent('[data-testid="import-district"]')).resolves.toContain('洪山区');
  await page.setInputFiles('[data-testid="import-file"]', file);
  await waitForStep('fields');
  await expect(page.textContent('[data-testid="import-detected"]')).resolves.toContain('geojson');
  await setFields();
  await shot(`${name}-fields`);
  await page.click('[data-testid="import-check"]');
  await waitForStep('check');
  for (const k of ['read', 'accepted', 'rejected', 'repaired', 'merged'] as const) expect(await figure(k), k).toBe(expected[k]);
  if (expected.problems.length > 0) {
    await expect(page.locator('[data-testid="import-problem-list"] li').count()).resolves.toBe(Math.min(expected.problems.length, 200));
  }
  // Every feature and problem is on the map once the layer is drawn.
  const drawn = await page.waitForSelector('[data-testid="import-map"][data-drawn]:not([data-drawn="0"])');
  expect(Number(await drawn.getAttribute('data-drawn'))).toBeGreaterThan(0);
  await shot(`${name}-check`);
  await page.click('[data-testid="import-commit"]');
  await waitForStep('done');
  await expect(page.textContent('[data-testid="import-done"]')).resolves.toContain(String(expected.accepted));
  await shot(`${name}-done`);
}

/**
 * Waits for the wizard's step. After a click that starts a job (which clears the last error),
 * an error the wizard shows instead fails at once, with its text and a screenshot.
 */
async function waitForStep(step: string): Promise<void> {
  const orError = step === 'check' || step === 'done' ? ', [data-testid="import-error"]' : '';
  const reached = await page.waitForSelector(`[data-testid="import-wizard"][data-step="${step}"]${orError}`, { timeout: 600_000 });
  if ((await reached.getAttribute('data-testid')) === 'import-error') {
    await shot(`error-before-${step}`);
    throw new Error(`the wizard did not reach ${step}: ${await reached.textContent()}`);
  }
}

beforeAll(async () => {
  files = await mkdtemp(join(tmpdir(), 'gridatlas-e2e-import-'));
  await mkdir(SHOTS, { recursive: true });
  const districts = JSON.parse(await readFile(join(REAL, 'wuhan-districts-echarts.geojson'), 'utf8')) as {
    features: { properties: { name: string } }[];
  };
  await writeFile(
    join(files, 'hongshan.geojson'),
    JSON.stringify({ type: 'FeatureCollection', features: districts.features.filter((f) => f.properties.name === '洪山区') }),
  );
  await writeFile(join(files, 'notes.geojson'), 'these are meeting notes, not a layer');
  app = await startApp({ demo: false, users: [{ ...ADMIN, roles: ['admin'], jurisdictions: ['4201'] }] });
  if (!app.db) throw new Error('the import wizard test starts its own server (GRIDATLAS_E2E_URL is not supported here)');
  // Communities, buildings and roads as the command-line test has them (PostGIS cuts the communities; nothing is written).
  wuhan = await makeWuhanFiles(files, app.db);
  browser = await launchBrowser();
  page = (await newAppPage(browser, 'zh', { width: 1366, height: 768 })).page;
  await logInByRequest(page, app.url, ADMIN);
  await page.goto(app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await rm(files, { recursive: true, force: true });
});

describe('first start and the import wizard', () => {
  it('shows the first admin how to begin, not an empty map', async () => {
    await page.waitForSelector('[data-testid="first-run"]');
    await expect(page.locator('[data-testid="map"]').count()).resolves.toBe(0);
    await expect(page.textContent('[data-testid="first-run"]')).resolves.toContain('pnpm gridatlas district create');
    await shot('first-run');
  });

  it('refuses a file that is no layer with a clear error', async () => {
    await page.click('[data-testid="first-run-start"]');
    await waitForStep('file');
    await page.fill('[data-testid="import-district-code"]', '420111');
    await page.fill('[data-testid="import-district-name"]', '洪山区');
    await page.setInputFiles('[data-testid="import-file"]', join(files, 'notes.geojson'));
    await page.waitForSelector('[data-testid="import-error"]', { timeout: 120_000 });
    await expect(page.textContent('[data-testid="import-error"]')).resolves.toMatch(/notes\.geojson|JSON|GeoJSON/);
    await shot('bad-file');
  });

  it('creates 洪山区 from its boundary: detection, dry run, commit, report', async () => {
    await page.setInputFiles('[data-testid="import-file"]', join(files, 'hongshan.geojson'));
    await waitForStep('fields');
    await expect(page.textContent('[data-testid="import-detected"]')).resolves.toContain('geojson');
    await expect(page.locator('[data-testid="import-preview"] tbody tr').count()).resolves.toBe(1);
    // As the command line creates it: web-map (GCJ-02) coordinates, converted to WGS84 on the way in.
    await page.selectOption('[data-testid="import-crs"]', 'gcj02');
    await shot('fields');
    await page.click('[data-testid="import-check"]');
    await waitForStep('check');
    await expect(page.textContent('[data-testid="import-accepted"]')).resolves.toBe('1');
    // The screenshot waits for the layer to be drawn on the map, not only for the canvas.
    await page.waitForSelector('[data-testid="import-map"][data-drawn]:not([data-drawn="0"])');
    await shot('check');
    await page.click('[data-testid="import-commit"]');
    await waitForStep('done');
    await expect(page.textContent('[data-testid="import-done"]')).resolves.toContain('1');
    await shot('done');
  });

  // Buildings are placed in communities: before any are imported the dry run says so and writes nothing.
  it('refuses the OSM buildings before 洪山区 has communities, saying what to import first', async () => {
    await page.click('[data-testid="import-another"]');
    await waitForStep('file');
    await page.selectOption('[data-testid="import-layer"]', 'buildings');
    await page.setInputFiles('[data-testid="import-file"]', wuhan.buildings);
    await waitForStep('fields');
    await expect(page.inputValue('[data-testid="import-idField"]')).resolves.toBe('id');
    await expect(page.inputValue('[data-testid="import-heightField"]')).resolves.toBe('height');
    await page.check('[data-testid="import-estimate"]');
    await page.click('[data-testid="import-check"]');
    await page.waitForSelector('[data-testid="import-error"]', { timeout: 600_000 });
    await expect(page.textContent('[data-testid="import-error"]')).resolves.toMatch(/no communities yet/);
    await shot('buildings-before-communities');
    const meta = await page.evaluate(async () => (await fetch('/api/meta?region=420111')).json());
    expect(meta).toMatchObject({ district: { code: '420111', name: '洪山区' }, synthetic: false, counts: { buildings: 0 } });
  });

  it('imports the communities: codes matched from the national list for four, the rest generated', async () => {
    await page.click('[data-testid="import-back"]');
    await waitForStep('file');
    const expected = await commandLineDryRun(wuhan.communities, { layer: 'communities', parentField: '所属街道' });
    expect(expected).toMatchObject({ read: wuhan.communityCount, accepted: wuhan.communityCount, rejected: 0, codes: { matched: 4 } });
    await importLayer('communities', 'communities', wuhan.communities, expected, async () => {
      await expect(page.inputValue('[data-testid="import-nameField"]')).resolves.toBe('名称');
      await expect(page.inputValue('[data-testid="import-parentField"]')).resolves.toBe('所属街道');
    });
  });

  it('imports the buildings: pieces merged, households estimated from floor area', async () => {
    await page.click('[data-testid="import-another"]');
    await waitForStep('file');
    const expected = await commandLineDryRun(wuhan.buildings, {
      layer: 'buildings',
      idField: 'id',
      codeField: '楼栋编码',
      heightField: 'height',
      estimateHouseholds: true,
    });
    expect(expected).toMatchObject({ read: wuhan.buildingPieces, rejected: 0 });
    expect(expected.merged).toBeGreaterThan(0);
    await importLayer('buildings', 'buildings', wuhan.buildings, expected, async () => {
      await page.selectOption('[data-testid="import-idField"]', 'id');
      await page.selectOption('[data-testid="import-codeField"]', '楼栋编码');
      await page.selectOption('[data-testid="import-heightField"]', 'height');
      await page.check('[data-testid="import-estimate"]');
    });
  });

  it('imports the roads as streets', async () => {
    await page.click('[data-testid="import-another"]');
    await waitForStep('file');
    const expected = await commandLineDryRun(wuhan.roads, { layer: 'streets' });
    expect(expected.accepted).toBeGreaterThan(0);
    await importLayer('streets', 'streets', wuhan.roads, expected, async () => {
      // Tilezen's fine class (the OSM highway value), as the command line takes it, not the coarse kind.
      await expect(page.inputValue('[data-testid="import-classField"]')).resolves.toBe('kind_detail');
    });
  });

  it('shows 洪山区 on the map once closed: its communities to pick, its households marked as estimated', async () => {
    await page.click('[data-testid="import-close"]');
    await waitForMapReady(page);
    await expect(page.locator('[data-testid="import-wizard"]').count()).resolves.toBe(0);
    const db = app.db!;
    const stored = (
      await db.query<{ hh: number; est: number; buildings: number }>(
        `SELECT sum(households)::int AS hh, (sum(households) FILTER (WHERE households_source = 'estimated'))::int AS est, count(*)::int AS buildings FROM buildings WHERE district_code = '420111'`,
      )
    ).rows[0]!;
    expect(stored.est).toBe(stored.hh);
    expect(stored.hh).toBeGreaterThan(0);
    await expect(page.inputValue('[data-testid="pick-district"]')).resolves.toBe('420111');
    const figures = page.locator('[data-testid="region-figures"]');
    await expect(
      figures
        .locator('dd')
        .first()
        .textContent()
        .then((t) => Number(t!.replace(/\D/g, ''))),
    ).resolves.toBe(stored.hh);
    await expect(page.textContent('[data-testid="figure-estimated"]')).resolves.toContain(stored.est.toLocaleString('zh-CN'));
    // The roads are the district's streets for a city-level admin too (whose jurisdiction, 4201, is no region).
    const streets = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM streets WHERE district_code = '420111'`)).rows[0]!.n;
    expect(streets).toBeGreaterThan(0);
    const served = await page.evaluate(
      async () => ((await (await fetch('/api/layers/streets?region=420111')).json()) as { features: unknown[] }).features.length,
    );
    expect(served).toBe(streets);
    await shot('district-on-map');
    // 关山街道, created by the communities' import, lists every community of the file.
    const subdistrict = await page.locator('[data-testid="pick-subdistrict"] option').nth(1).getAttribute('value');
    await page.selectOption('[data-testid="pick-subdistrict"]', subdistrict!);
    await expect(page.textContent('[data-testid="pick-subdistrict"]')).resolves.toContain('关山街道');
    await expect(page.locator('[data-testid="pick-community"] option:not([value=""])').count()).resolves.toBe(wuhan.communityCount);
    await expect(page.textContent('[data-testid="pick-community"]')).resolves.toContain('海核社区');
    await waitForRegion(
      page,
      await page.evaluate(
        async (code) =>
          (
            (await (await fetch('/api/regions')).json()) as { regions: { code: string; bbox: [number, number, number, number] }[] }
          ).regions.find((r) => r.code === code)!.bbox,
        subdistrict!,
      ),
    );
    await expect(
      page.evaluate(() => window.__gridatlas!.map.queryRenderedFeatures({ layers: ['streets-line'] }).length),
    ).resolves.toBeGreaterThan(0);
    await shot('district-communities');
  });
});
