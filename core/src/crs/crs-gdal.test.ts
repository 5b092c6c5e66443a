/** The catalogue's definitions and conversions against GDAL/PROJ on the same points. */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { chineseEpsgCodes, epsgCrs } from './china-crs-catalogue.js';
import { crsFromPrj } from './crs-from-prj.js';
import { gdalProj4, gdalTransform, RUN_GDAL_TESTS } from './gdal.fixture.js';
import { converterFromWgs84, converterToWgs84 } from './reproject.js';
import { execFileSync } from 'node:child_process';

/** The geographic system of the same datum, which GDAL converts to without a datum shift. */
const geographicOf = (code: number) =>
  ({ CGCS2000: 4490, Xian1980: 4610, Beijing1954: 4214, WGS84: 4326 })[epsgCrs(code)!.datum as 'CGCS2000'];

/** Points over a zone: on its meridian, near its edges, south to north (lng, lat degrees). */
function pointsOver(code: number): [number, number][] {
  const gk = epsgCrs(code)!.gaussKruger!;
  const half = gk.width / 2 - 0.05;
  return [20, 31.5, 45].flatMap((lat) => [-half, -0.7, 0, 0.9, half].map((d) => [gk.centralMeridian + d, lat] as [number, number]));
}

describe.skipIf(!RUN_GDAL_TESTS)('coordinate systems against GDAL', { timeout: 60_000 }, () => {
  // Every fifth code of the families and some series ends (GDAL's tools take ~80 ms a call).
  const sampled = [...chineseEpsgCodes().filter((_, i) => i % 5 === 0), 4502, 4554, 2390, 21453, 21463];

  it('defines each sampled system as GDAL does (datum shifts aside)', () => {
    const gdal = gdalProj4(sampled);
    for (const code of sampled) {
      // GDAL gives Beijing 1954 no national shift (EPSG has only regional ones); ours carries the published one.
      const ours = epsgCrs(code)!
        .definition!.replace(' +towgs84=15.8,-154.4,-82.3,0,0,0,0', '')
        .replace('+a=6378140 +rf=298.257', '+ellps=IAU76');
      expect(ours, `EPSG:${code}`).toBe(gdal.get(code));
    }
  });

  it('projects points across 3° and 6° zones, with and without prefixes, within 1 mm of gdaltransform', () => {
    const codes = [4513, 4527, 4533, 4539, 4547, 4554, 4491, 4499, 4502, 4510, 2360, 2383, 2337, 2414, 2435, 21417, 21460];
    let worst = 0;
    for (const code of codes) {
      const crs = epsgCrs(code)!;
      const geo = epsgCrs(geographicOf(code))!;
      const pts = pointsOver(code);
      const theirs = gdalTransform(`EPSG:${geo.epsg}`, `EPSG:${code}`, pts);
      const forward = proj4(geo.definition!, crs.definition!);
      pts.forEach((p, i) => {
        const ours = forward.forward(p);
        worst = Math.max(worst, Math.hypot(ours[0]! - theirs[i]![0], ours[1]! - theirs[i]![1]));
      });
      const back = gdalTransform(`EPSG:${code}`, `EPSG:${geo.epsg}`, theirs);
      theirs.forEach((xy, i) => {
        const ours = forward.inverse(xy);
        expect(Math.abs(ours[0]! - back[i]![0])).toBeLessThan(1e-8);
        expect(Math.abs(ours[1]! - back[i]![1])).toBeLessThan(1e-8);
      });
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('converts CGCS2000 Gauss–Krüger metres to WGS84 as GDAL does (no datum shift) and back', () => {
    const pts = pointsOver(4547);
    const metres = gdalTransform('EPSG:4326', 'EPSG:4547', pts);
    const to = converterToWgs84(epsgCrs(4547)!);
    const from = converterFromWgs84(epsgCrs(4547)!);
    metres.forEach((xy, i) => {
      const p = to(xy);
      expect(Math.abs(p[0] - pts[i]![0])).toBeLessThan(1e-9);
      expect(Math.abs(p[1] - pts[i]![1])).toBeLessThan(1e-9);
      const q = from(pts[i]!);
      expect(Math.hypot(q[0] - xy[0], q[1] - xy[1])).toBeLessThan(0.001);
    });
  });

  it('shifts Beijing 1954 to WGS84 by the published parameters as PROJ does', () => {
    const pts: [number, number][] = [
      [114.3, 30.5],
      [87.6, 43.8],
      [121.5, 31.2],
    ];
    const theirs = gdalTransform('+proj=longlat +ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0 +no_defs', 'EPSG:4326', pts);
    const ours = pts.map(converterToWgs84(epsgCrs(4214)!));
    ours.forEach((p, i) => {
      expect(Math.abs(p[0] - theirs[i]![0])).toBeLessThan(1e-8);
      expect(Math.abs(p[1] - theirs[i]![1])).toBeLessThan(1e-8);
    });
    // The shift is real: on the order of 100 m at Wuhan.
    const moved = Math.hypot((ours[0]![0] - 114.3) * 96_000, (ours[0]![1] - 30.5) * 111_000);
    expect(moved).toBeGreaterThan(30);
    expect(moved).toBeLessThan(300);
  });

  it('recognises the ESRI .prj GDAL writes for each sampled system', () => {
    const script = sampled.map((c) => `gdalsrsinfo -o wkt_esri EPSG:${c} | tr -d '\\n'; echo`).join('\n');
    const lines = execFileSync('sh', ['-c', script], { encoding: 'utf8' }).split('\n');
    sampled.forEach((code, i) => expect(crsFromPrj(lines[i]!).id, `EPSG:${code}`).toBe(`EPSG:${code}`));
  });
});
