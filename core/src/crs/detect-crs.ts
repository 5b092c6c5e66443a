/**
 * Guessing a file's coordinate system from its numbers when it does not say (a shapefile
 * without a .prj, a CSV of x/y): degrees; Gauss–Krüger metres with the zone number in the
 * false easting (the zone is read off the prefix); metres without one (Gauss–Krüger by
 * central meridian, UTM or Web Mercator: told apart only by where the district is).
 * Datums cannot be told from numbers: Gauss–Krüger metres are taken as CGCS2000, with the
 * Xian 1980 and Beijing 1954 zones of the same numbers among the candidates.
 */
import type { Position } from 'geojson';
import { insideChina } from './china-offsets.js';
import { epsgCrs, gaussKrugerCode, WEB_MERCATOR, WGS84, ZONES_3, ZONES_6 } from './china-crs-catalogue.js';
import type { Crs } from './crs.types.js';
import { converterToWgs84 } from './reproject.js';

export interface CrsHint {
  /** Where the data should lie, WGS84 degrees `[west, south, east, north]` (e.g. the district's boundary). */
  bbox?: [number, number, number, number];
}

export interface CrsDetection {
  /** The system the numbers fit, or null when none or several fit. */
  crs: Crs | null;
  /** Every system the numbers fit, best first: the choices to offer when `crs` is null. */
  candidates: Crs[];
  /** Why, in a sentence. */
  reason: string;
}

/** Margin around the hint, degrees (≈ 5 km): a district's files reach a little past its boundary. */
const HINT_MARGIN_DEG = 0.05;

function boxOf(points: Position[]): [number, number, number, number] {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const p of points) {
    w = Math.min(w, p[0]!);
    e = Math.max(e, p[0]!);
    s = Math.min(s, p[1]!);
    n = Math.max(n, p[1]!);
  }
  return [w, s, e, n];
}

/** Where `crs` puts the sample's corners, WGS84; null when it cannot. */
function landing(crs: Crs, box: [number, number, number, number]): [number, number, number, number] | null {
  try {
    const to = converterToWgs84(crs);
    const a = to([box[0], box[1]]);
    const b = to([box[2], box[3]]);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  } catch {
    return null;
  }
}

function fits(crs: Crs, box: [number, number, number, number], hint: CrsHint | undefined): boolean {
  const l = landing(crs, box);
  if (!l) return false;
  if (hint?.bbox) {
    const [w, s, e, n] = hint.bbox;
    const m = HINT_MARGIN_DEG;
    // The sample must overlap the district (with the margin), not merely lie in China.
    return l[0] <= e + m && l[2] >= w - m && l[1] <= n + m && l[3] >= s - m;
  }
  const gk = crs.gaussKruger;
  // Without a hint, a zone must hold its own data: within its half-width (plus the usual overlap).
  if (gk && (Math.abs(l[0] - gk.centralMeridian) > gk.width / 2 + 1.5 || Math.abs(l[2] - gk.centralMeridian) > gk.width / 2 + 1.5))
    return false;
  return insideChina(l[0], l[1]) && insideChina(l[2], l[3]);
}

/** The same zone on the other datums, for the candidates list. */
function otherDatums(crs: Crs): Crs[] {
  const gk = crs.gaussKruger;
  if (!gk) return [];
  return (['Xian1980', 'Beijing1954'] as const).map((d) => gaussKrugerCode(d, gk)).flatMap((c) => (c === null ? [] : [epsgCrs(c)!]));
}

/**
 * @param sample positions as they stand in the file, `[x, y]` (any number; a few hundred suffice)
 * @example detectCrs([[39_512_345, 3_380_000]]).crs?.id // 'EPSG:4527' (CGCS2000 3° zone 39)
 */
export function detectCrs(sample: Position[], hint?: CrsHint): CrsDetection {
  const points = sample.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]));
  if (points.length === 0) return { crs: null, candidates: [], reason: 'no coordinates to look at' };
  const box = boxOf(points);
  const [minX, minY, maxX, maxY] = box;
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) {
    return { crs: WGS84, candidates: [WGS84], reason: 'the coordinates are degrees: taken as WGS84 (CGCS2000 is the same within a metre)' };
  }
  const candidates: Crs[] = [];
  const prefix = Math.floor(minX / 1_000_000);
  if (prefix === Math.floor(maxX / 1_000_000) && minY >= 0 && maxY <= 10_000_000) {
    const width = prefix >= ZONES_3.first && prefix <= ZONES_3.last ? 3 : prefix >= ZONES_6.first && prefix <= ZONES_6.last ? 6 : null;
    if (width !== null) {
      const gk = epsgCrs(gaussKrugerCode('CGCS2000', { width, zone: prefix, zonePrefix: true })!)!;
      if (fits(gk, box, hint)) candidates.push(gk);
    }
    if (prefix === 0) {
      for (let zone = ZONES_3.first; zone <= ZONES_3.last; zone++) {
        const gk = epsgCrs(gaussKrugerCode('CGCS2000', { width: 3, zone, zonePrefix: false })!)!;
        if (fits(gk, box, hint)) candidates.push(gk);
      }
      for (let zone = 43; zone <= 53; zone++) {
        const utm = epsgCrs(32600 + zone)!;
        if (fits(utm, box, hint)) candidates.push(utm);
      }
    }
  }
  if (Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY)) <= 20_037_509 && fits(WEB_MERCATOR, box, hint))
    candidates.push(WEB_MERCATOR);

  const gk = candidates.filter((c) => c.gaussKruger);
  const where = hint?.bbox ? 'over the district' : 'in China';
  if (candidates.length === 1) {
    const only = candidates[0]!;
    const datums = otherDatums(only);
    const note = only.gaussKruger ? ' (metres with no datum named are taken as CGCS2000)' : '';
    return { crs: only, candidates: [only, ...datums], reason: `only ${only.name} puts the coordinates ${where}${note}` };
  }
  // Gauss–Krüger and UTM on the same central meridian differ only by the scale (1 vs 0.9996,
  // ~1 km at these northings): Chinese offices use Gauss–Krüger, so it wins that tie.
  const only = gk.length === 1 ? gk[0]! : null;
  if (only && candidates.every((c) => c === only || c.epsg === 32600 + (only.gaussKruger!.centralMeridian + 183) / 6)) {
    return {
      crs: only,
      candidates: [...candidates, ...otherDatums(only)],
      reason: `${only.name} puts the coordinates ${where} (UTM on the same meridian would too; Gauss–Krüger is what offices use)`,
    };
  }
  if (candidates.length === 0) return { crs: null, candidates, reason: `no system GridAtlas knows puts these coordinates ${where}` };
  return {
    crs: null,
    candidates,
    reason: `the coordinates fit ${candidates.length} systems ${where}: ${candidates
      .slice(0, 6)
      .map((c) => c.id)
      .join(', ')}${candidates.length > 6 ? ' …' : ''}`,
  };
}
