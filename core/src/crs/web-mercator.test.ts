import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import {
  lngLatToMercator,
  mercatorToLngLat,
  WEB_MERCATOR_HALF_WORLD,
  WEB_MERCATOR_MAX_LAT,
  WEB_MERCATOR_R,
  WEB_MERCATOR_WORLD,
} from './web-mercator.js';

describe('Web Mercator', () => {
  it('has the constants PostGIS and tile servers use', () => {
    expect(WEB_MERCATOR_R).toBe(6378137);
    expect(WEB_MERCATOR_HALF_WORLD).toBe(20037508.342789244);
    expect(WEB_MERCATOR_WORLD).toBe(40075016.685578488);
    // The latitude limit is where y reaches half the world.
    expect(lngLatToMercator(0, WEB_MERCATOR_MAX_LAT)[1]).toBeCloseTo(WEB_MERCATOR_HALF_WORLD, 3);
    expect(mercatorToLngLat(0, WEB_MERCATOR_HALF_WORLD)[1]).toBeCloseTo(WEB_MERCATOR_MAX_LAT, 12);
  });

  it('maps known points', () => {
    expect(lngLatToMercator(0, 0)[0]).toBe(0);
    expect(lngLatToMercator(0, 0)[1]).toBeCloseTo(0, 6);
    expect(lngLatToMercator(180, 0)[0]).toBe(WEB_MERCATOR_HALF_WORLD);
    expect(lngLatToMercator(-180, 0)[0]).toBe(-WEB_MERCATOR_HALF_WORLD);
    // Xi'an's bell tower, as GDAL gives it: `echo "108.94 34.26" | gdaltransform -s_srs "+proj=longlat +datum=WGS84" -t_srs EPSG:3857`.
    const [x, y] = lngLatToMercator(108.94, 34.26);
    expect(x).toBeCloseTo(12127145.3270192, 6);
    expect(y).toBeCloseTo(4063767.33249904, 6);
  });

  it('agrees with proj4 EPSG:3857 to the millimetre', () => {
    for (const [lng, lat] of [
      [108.94, 34.26],
      [114.3, 30.5],
      [-122.42, 37.77],
      [151.2, -33.87],
      [0.001, 85],
    ]) {
      const [px, py] = proj4('EPSG:4326', 'EPSG:3857', [lng!, lat!]);
      const [x, y] = lngLatToMercator(lng!, lat!);
      expect(Math.abs(x - px!)).toBeLessThan(1e-3);
      expect(Math.abs(y - py!)).toBeLessThan(1e-3);
    }
  });

  it('round-trips degrees through metres', () => {
    for (const [lng, lat] of [
      [0, 0],
      [108.94, 34.26],
      [-179.9, -84.9],
      [179.9, 85.05],
      [12.5, -41.9],
    ]) {
      const [x, y] = lngLatToMercator(lng!, lat!);
      const [lng2, lat2] = mercatorToLngLat(x, y);
      expect(lng2).toBeCloseTo(lng!, 10);
      expect(lat2).toBeCloseTo(lat!, 10);
    }
  });
});
