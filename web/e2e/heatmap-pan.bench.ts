/**
 * `pnpm bench heatmap [--rounds 2]`: frame times while panning the analyst heatmap in headless
 * Chromium (SwiftShader: software WebGL, no GPU), at the demo district's volume, at a year of
 * Lianhu-scale incidents (40,000 points) and at the points route's cap (200,000), beside the
 * same pan over MapLibre alone (the workload choropleth, no deck.gl layer) in the same run.
 * The larger volumes are the demo's real points repeated with jitter (`heatmap-volume.ts`).
 * GRIDATLAS_E2E_URL drives a server that is already running, as the browser tests do.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { deckLayerLength, openAnalyst, panFrameTimes, renderedFeatures, selectLayer, type FrameStats } from './analyst-harness';
import { DEMO_LOGIN, launchBrowser, openApp, startApp } from './app-harness';
import { inflateHeatmap } from './heatmap-volume';

const { values } = parseArgs({ args: process.argv.slice(2), options: { rounds: { type: 'string', default: '2' } } });
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('usage: pnpm bench heatmap [--rounds N]');

/** `rounds` pans, each statistic the median over them (the mean of the middle two for an even count). */
async function pans(page: Page): Promise<FrameStats> {
  const runs: FrameStats[] = [];
  for (let r = 0; r < rounds; r++) runs.push(await panFrameTimes(page));
  const median = (k: keyof FrameStats): number => {
    const v = runs.map((s) => s[k]).sort((a, b) => a - b);
    const m = v.length / 2;
    return Number((v.length % 2 ? v[Math.floor(m)]! : (v[m - 1]! + v[m]!) / 2).toFixed(1));
  };
  return { frames: median('frames'), p50: median('p50'), p95: median('p95'), max: median('max') };
}

const app = await startApp();
const browser = await launchBrowser();
try {
  const { page } = await openApp(browser, app.url, 'zh', { username: 'analyst', password: DEMO_LOGIN.password });
  const volume = await inflateHeatmap(page);
  await openAnalyst(page);
  const rows: { name: string; points: number; stats: FrameStats }[] = [];
  const demoPoints = await deckLayerLength(page, 'incident-heat');
  await page.waitForTimeout(500);
  rows.push({ name: 'demo district, as the API answers', points: demoPoints, stats: await pans(page) });
  // Each volume is asked for by moving the period's start, which makes the view fetch its points again.
  for (const [name, n, from] of [
    ['a year at Lianhu scale', 40_000, '1'],
    ["the points route's cap", 200_000, '0'],
  ] as const) {
    volume.points = n;
    await page.locator('[data-testid="period-from"]').fill(from);
    await deckLayerLength(page, 'incident-heat', n);
    await page.waitForTimeout(500);
    rows.push({ name, points: n, stats: await pans(page) });
  }
  volume.points = 0;
  await selectLayer(page, 'workload');
  await renderedFeatures(page, ['analyst-choropleth'], 'value');
  const baseline = await pans(page);
  console.log(
    `\nheatmap pan, 1280×800, ${rounds} pans a case (medians), frame times in ms (requestAnimationFrame deltas while dragging)\n`,
  );
  console.log('| layer | points | frames | p50 | p95 | max | p50 ÷ MapLibre alone | p95 ÷ MapLibre alone |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const { name, points, stats: s } of rows) {
    console.log(
      `| heatmap: ${name} | ${points.toLocaleString('en')} | ${s.frames} | ${s.p50} | ${s.p95} | ${s.max} | ${(s.p50 / baseline.p50).toFixed(2)} | ${(s.p95 / baseline.p95).toFixed(2)} |`,
    );
  }
  console.log(
    `| baseline: MapLibre alone (workload choropleth) | — | ${baseline.frames} | ${baseline.p50} | ${baseline.p95} | ${baseline.max} | 1 | 1 |`,
  );
} finally {
  await browser.close();
  await app.close();
}
