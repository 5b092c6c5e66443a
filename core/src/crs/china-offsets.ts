/**
 * China's published map offsets. GCJ-02 ("Mars coordinates", 国测局坐标) shifts WGS84 by a
 * few hundred metres inside China; BD-09 (百度坐标) shifts GCJ-02 again. Outside China
 * GCJ-02 is WGS84, as every map provider treats it. CGCS2000 (国家2000) differs from WGS84
 * by well under a metre, so it is taken as WGS84 here. All positions are `[lng, lat]` in
 * degrees.
 */
import type { Position } from 'geojson';

/** Semi-major axis (metres) and eccentricity² of Krasovsky 1940, as the GCJ-02 formula uses. */
const A = 6378245.0;
const EE = 0.006693421622965943;
const X_PI = (Math.PI * 3000.0) / 180.0;

/** The coarse box GCJ-02 is applied in (the usual published test; includes some neighbours). */
export function insideChina(lng: number, lat: number): boolean {
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/**
 * WGS84 → GCJ-02, degrees `[lng, lat]`; unchanged outside China.
 *
 * @example wgs84ToGcj02([116.397128, 39.916527]) // ≈ [116.403370, 39.917924]
 */
export function wgs84ToGcj02([lng, lat]: Position): [number, number] {
  if (!insideChina(lng!, lat!)) return [lng!, lat!];
  const x = lng! - 105.0;
  const y = lat! - 35.0;
  const radLat = (lat! / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (transformLat(x, y) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (transformLng(x, y) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng! + dLng, lat! + dLat];
}

/**
 * GCJ-02 → WGS84, degrees, by fixed-point iteration of the forward formula until it lands
 * within `toleranceDeg` (default 1e-7°, ≈ 1 cm) of the input; unchanged outside China.
 */
export function gcj02ToWgs84([lng, lat]: Position, toleranceDeg = 1e-7): [number, number] {
  if (!insideChina(lng!, lat!)) return [lng!, lat!];
  let wLng = lng!;
  let wLat = lat!;
  // The offset changes slowly with position, so each step shrinks the error ~1000×.
  for (let i = 0; i < 30; i++) {
    const [gLng, gLat] = wgs84ToGcj02([wLng, wLat]);
    const eLng = gLng - lng!;
    const eLat = gLat - lat!;
    wLng -= eLng;
    wLat -= eLat;
    if (Math.abs(eLng) < toleranceDeg && Math.abs(eLat) < toleranceDeg) break;
  }
  return [wLng, wLat];
}

/** GCJ-02 → BD-09 (Baidu), degrees. */
export function gcj02ToBd09([lng, lat]: Position): [number, number] {
  const x = lng!;
  const y = lat!;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/**
 * BD-09 (Baidu) → GCJ-02, degrees: the published closed-form inverse (≈ 1e-6°), refined by
 * a few fixed-point steps of the forward formula to `toleranceDeg` (default 1e-9°).
 */
export function bd09ToGcj02([lng, lat]: Position, toleranceDeg = 1e-9): [number, number] {
  const x = lng! - 0.0065;
  const y = lat! - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  let gLng = z * Math.cos(theta);
  let gLat = z * Math.sin(theta);
  for (let i = 0; i < 10; i++) {
    const [bLng, bLat] = gcj02ToBd09([gLng, gLat]);
    const eLng = bLng - lng!;
    const eLat = bLat - lat!;
    gLng -= eLng;
    gLat -= eLat;
    if (Math.abs(eLng) < toleranceDeg && Math.abs(eLat) < toleranceDeg) break;
  }
  return [gLng, gLat];
}
