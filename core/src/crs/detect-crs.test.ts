import { describe, expect, it } from 'vitest';
import { epsgCrs } from './china-crs-catalogue.js';
import { detectCrs } from './detect-crs.js';
import { fromWgs84 } from './reproject.js';

/** A few corners of a Wuhan district (洪山区, around 114.4°E 30.5°N) in `code`. */
const wuhan = (code: number) =>
  [
    [114.3, 30.45],
    [114.45, 30.45],
    [114.45, 30.58],
    [114.3, 30.58],
  ].map((p) => fromWgs84(p, epsgCrs(code)!));
const WUHAN_BOX: [number, number, number, number] = [114.25, 30.4, 114.5, 30.6];

describe('detectCrs', () => {
  it('takes degrees as WGS84', () => {
    expect(detectCrs([[114.3, 30.5]]).crs?.id).toBe('EPSG:4326');
  });

  it('reads the zone of Gauss–Krüger metres off the false easting’s prefix', () => {
    const d = detectCrs(wuhan(4526));
    expect(d.crs?.id).toBe('EPSG:4526');
    // The same numbers on the older datums are offered too.
    expect(d.candidates.map((c) => c.id)).toEqual(['EPSG:4526', 'EPSG:2362', 'EPSG:2414']);
    expect(detectCrs(wuhan(4498)).crs?.id).toBe('EPSG:4498');
  });

  it('needs the district to place metres without a prefix, and then finds the zone', () => {
    const alone = detectCrs(wuhan(4547));
    expect(alone.crs).toBeNull();
    expect(alone.candidates.length).toBeGreaterThan(10);
    const hinted = detectCrs(wuhan(4547), { bbox: WUHAN_BOX });
    expect(hinted.crs?.id).toBe('EPSG:4547');
    // 114°E is a 3° meridian only; UTM zone 50 (117°E) puts the data elsewhere.
    expect(hinted.candidates.map((c) => c.id)).not.toContain('EPSG:32650');
  });

  it('prefers Gauss–Krüger over UTM on the same meridian, and names both', () => {
    // 117°E: UTM zone 50 and the 3° CM 117E zone; a district near it (Hefei).
    const hefei = [
      [117.1, 31.8],
      [117.3, 31.9],
    ].map((p) => fromWgs84(p, epsgCrs(4548)!));
    const d = detectCrs(hefei, { bbox: [117.0, 31.7, 117.4, 32.0] });
    expect(d.crs?.id).toBe('EPSG:4548');
    expect(d.candidates.map((c) => c.id)).toContain('EPSG:32650');
  });

  it('finds Web Mercator metres over the district', () => {
    expect(detectCrs(wuhan(3857), { bbox: WUHAN_BOX }).crs?.id).toBe('EPSG:3857');
  });

  it('says so when nothing fits', () => {
    const d = detectCrs([[-5e7, 3e8]]);
    expect(d.crs).toBeNull();
    expect(d.candidates).toEqual([]);
    expect(detectCrs([]).reason).toMatch(/no coordinates/);
  });
});
