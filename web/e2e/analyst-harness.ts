/**
 * Helpers for the analyst view in the browser: open it, switch layers, read what deck.gl
 * and MapLibre drew, and time frames while panning.
 */
import type { Page } from 'playwright-core';
import { waitForMapReady } from './app-harness';

/** Clicks a grid near the map's centre (the analyst map's invisible grid hit layer). */
export async function clickGrid(page: Page): Promise<void> {
  const hit = await page.evaluate(() => {
    const map = window.__gridatlas!.map;
    const { clientWidth: w, clientHeight: h } = map.getCanvas();
    for (let r = 0; r < Math.min(w, h) / 2; r += 15) {
      for (const [x, y] of [
        [w / 2 + r, h / 2],
        [w / 2 - r, h / 2],
        [w / 2, h / 2 + r],
        [w / 2, h / 2 - r],
      ] as const) {
        if (map.queryRenderedFeatures([x, y], { layers: ['analyst-grid-hit'] }).length) return { x, y };
      }
    }
    return null;
  });
  if (!hit) throw new Error('no grid is drawn on the map');
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  await page.mouse.click(box.x + hit.x, box.y + hit.y);
}

export async function openAnalyst(page: Page): Promise<void> {
  await page.click('[data-testid="open-analyst"]');
  await page.waitForSelector('[data-testid="analyst"]');
  await waitForMapReady(page);
}

export async function selectLayer(page: Page, layer: string): Promise<void> {
  await page.click(`[data-testid="layer-${layer}"]`);
  await page.waitForSelector(`[data-testid="analyst"][data-layer="${layer}"]`);
}

/** Waits until deck.gl has layer `id` with at least `min` rows of data; returns the row count. */
export async function deckLayerLength(page: Page, id: string, min = 1): Promise<number> {
  const handle = await page.waitForFunction(
    ([layerId, least]) => {
      const layer = window.__gridatlasAnalyst?.layers().find((l) => l.id === layerId);
      return layer && layer.length >= (least as number) ? layer.length : false;
    },
    [id, min] as const,
    { timeout: 90_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** Features MapLibre drew in `layers` over the whole viewport, once there are some (after the map is idle). */
export async function renderedFeatures(page: Page, layers: string[], property: string): Promise<{ count: number; values: unknown[] }> {
  await page.waitForFunction(
    (ids) => {
      const map = window.__gridatlas!.map;
      return map.loaded() && !map.isMoving() && map.queryRenderedFeatures({ layers: ids }).length > 0;
    },
    layers,
    { timeout: 90_000 },
  );
  return page.evaluate(
    ([ids, prop]) => {
      const features = window.__gridatlas!.map.queryRenderedFeatures({ layers: ids as string[] });
      return { count: features.length, values: features.map((f) => f.properties[prop as string]) };
    },
    [layers, property] as const,
  );
}

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
}

/**
 * Drags the map across `steps` mouse moves (a pan of about 1.5 screen widths back and forth)
 * while recording requestAnimationFrame deltas in the page; returns their p50/p95/max in ms.
 */
export async function panFrameTimes(page: Page, steps = 30): Promise<FrameStats> {
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  // A string, not a function: tsx's name helpers do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__framesOn = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__framesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (const dir of [1, -1]) {
    await page.mouse.move(cx - (dir * box.width) / 3, cy);
    await page.mouse.down();
    for (let i = 1; i <= steps; i++)
      await page.mouse.move(cx - (dir * box.width) / 3 + (dir * i * (box.width * 0.66)) / steps, cy + Math.sin(i / 6) * 30);
    await page.mouse.up();
  }
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __framesOn: boolean };
    w.__framesOn = false;
    return w.__frames.slice(1);
  });
  const sorted = [...deltas].sort((a, b) => a - b);
  const q = (f: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))] ?? 0).toFixed(1));
  return { frames: deltas.length, p50: q(0.5), p95: q(0.95), max: q(1) };
}
