/** Screenshots of the analyst view for review (`zh-analyst-<layer>.png`), called by screenshots.ts. */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { clickGrid, deckLayerLength, renderedFeatures, selectLayer } from './analyst-harness';

const settle = (page: Page, ms = 1200) => page.waitForTimeout(ms);

export async function shootAnalystLayers(page: Page, outDir: string): Promise<void> {
  const shot = (name: string) => page.screenshot({ path: join(outDir, `zh-analyst-${name}.png`) });
  await deckLayerLength(page, 'incident-heat');
  await settle(page);
  await shot('heat');

  await selectLayer(page, 'hexbin');
  await deckLayerLength(page, 'incident-hexbins');
  await settle(page);
  await shot('hexbin');

  await selectLayer(page, 'points');
  await page.evaluate(() => window.__gridatlas!.map.jumpTo({ zoom: 15.6 }));
  await renderedFeatures(page, ['analyst-incident-points'], 'category');
  await settle(page);
  await shot('points');
  await page.evaluate(() => window.__gridatlas!.map.jumpTo({ zoom: 14 }));

  await selectLayer(page, 'choropleth');
  await page.selectOption('[data-testid="choropleth-metric"]', 'perThousand');
  await renderedFeatures(page, ['analyst-choropleth'], 'value');
  await settle(page);
  await clickGrid(page);
  await page.waitForSelector('[data-testid="analyst-grid-detail"]');
  await settle(page, 500);
  await shot('choropleth');
  await page.click('[data-testid="tab-table"]');
  await settle(page, 500);
  await shot('table');
  await page.click('[data-testid="tab-charts"]');
  await page.click('[data-testid="analyst-grid-detail"] .icon-button');

  await selectLayer(page, 'tracks');
  await deckLayerLength(page, 'patrol-trips');
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(2500);
  await page.click('[data-testid="play"]');
  await settle(page, 600);
  await shot('tracks');

  await selectLayer(page, 'special');
  await renderedFeatures(page, ['analyst-special-labels'], 'label');
  await settle(page);
  await shot('special');

  await selectLayer(page, 'workload');
  await renderedFeatures(page, ['analyst-choropleth'], 'value');
  await settle(page);
  await shot('workload');

  // Coverage is the slowest route on the embedded database: until the server's background
  // work has the days (about two minutes after a first start) its request works them out
  // itself, and the in-process embedded database holds this script's event loop meanwhile,
  // so every wait here is long.
  await page.click('[data-testid="layer-coverage"]', { timeout: 300_000 });
  await page.waitForSelector('[data-testid="analyst"][data-layer="coverage"]', { timeout: 300_000 });
  await page.waitForFunction(
    () =>
      window
        .__gridatlas!.map.queryRenderedFeatures({ layers: ['analyst-choropleth'] })
        .some((f) => f.properties?.['value'] !== undefined && f.properties['value'] !== null),
    undefined,
    { timeout: 300_000 },
  );
  await settle(page);
  await shot('coverage');
}
