/**
 * Serves the analyst heatmap more points than the demo district has: the points route's real
 * answer, repeated with ~50 m of jitter up to a chosen count (the same district at a larger
 * volume), so the browser can be timed with a year at Lianhu scale or the route's cap.
 */
import type { Page, Route } from 'playwright-core';
import type { IncidentPointsResponse } from '@gridatlas/api/contract';

/** Repeats the real points with ~50 m of jitter up to `n`. */
function inflatePoints(body: IncidentPointsResponse, n: number): IncidentPointsResponse {
  const positions: number[] = [];
  const categories: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = i % body.count;
    positions.push(body.positions[2 * j]! + (Math.random() - 0.5) * 0.001, body.positions[2 * j + 1]! + (Math.random() - 0.5) * 0.001);
    categories.push(body.categories[j]!);
    times.push(body.times[j]!);
  }
  return { ...body, count: n, positions, categories, times };
}

/**
 * `route.fetch()` once more when its kept-alive socket was reset: the server may close an idle
 * socket just as Playwright reuses it, and a browser retries an idempotent GET the same way.
 */
async function fetchRetrying(route: Route): ReturnType<Route['fetch']> {
  try {
    return await route.fetch();
  } catch (error) {
    if (!/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return route.fetch();
  }
}

/**
 * From now on the page's heatmap points come inflated to `volume.points` (0: as the API
 * answers them, fetched by the browser itself). Set it before the next points request.
 */
export async function inflateHeatmap(page: Page): Promise<{ points: number }> {
  const volume = { points: 0 };
  await page.route('**/api/analytics/incidents/points?*', async (route: Route) => {
    if (!volume.points) return route.continue();
    const response = await fetchRetrying(route);
    return route.fulfill({ response, json: inflatePoints((await response.json()) as IncidentPointsResponse, volume.points) });
  });
  return volume;
}
