/**
 * An ESRI `.prj` (WKT 1, as ArcGIS and QGIS write it) or OGC WKT → a known EPSG system when
 * it is one (by its EPSG authority, its ESRI name, or its parameters), else a proj4
 * definition parsed from the WKT itself.
 */
import proj4 from 'proj4';
import { epsgCrs, gaussKrugerCode, geographicCode, WEB_MERCATOR } from './china-crs-catalogue.js';
import { CrsError } from './crs-error.js';
import type { Crs, CrsDatum } from './crs.types.js';

interface ParsedWkt {
  projName?: string;
  name?: string;
  srsCode?: string;
  datumCode?: string;
  a?: number;
  rf?: number;
  b?: number;
  k0?: number;
  x0?: number;
  y0?: number;
  long0?: number;
  lat0?: number;
  to_meter?: number;
  units?: string;
  GEOGCS?: { name?: string; DATUM?: { name?: string } };
}

/** ESRI names of the Chinese Gauss–Krüger systems: `CGCS2000_3_Degree_GK_Zone_39`, `Xian_1980_GK_CM_111E` … */
const ESRI_GK = /^(CGCS[ _]?2000|Xian[ _]1980|Beijing[ _]1954)_(3_Degree_)?(?:GK|Gauss_Kruger)_(?:Zone_(\d+)|CM_(\d+)E)$/i;

function datumOfLabel(label: string): CrsDatum {
  if (/cgcs/i.test(label)) return 'CGCS2000';
  if (/xian/i.test(label)) return 'Xian1980';
  return 'Beijing1954';
}

function byEsriName(name: string): Crs | null {
  const m = ESRI_GK.exec(name.trim());
  if (!m) return null;
  const width = m[2] ? 3 : 6;
  const zonePrefix = m[3] !== undefined;
  const zone = zonePrefix ? Number(m[3]) : width === 3 ? Number(m[4]) / 3 : (Number(m[4]) + 3) / 6;
  const code = gaussKrugerCode(datumOfLabel(m[1]!), { width, zone, zonePrefix });
  return code === null ? null : epsgCrs(code);
}

/** The EPSG code the outermost object names (`AUTHORITY["EPSG","4527"]]` or WKT2 `ID["EPSG",4527]]` at the end). */
function outerAuthority(wkt: string): number | null {
  const m = /(?:AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]|ID\[\s*"EPSG"\s*,\s*(\d+)\s*\])\s*\]\s*$/i.exec(wkt.trim());
  return m ? Number(m[1] ?? m[2]) : null;
}

const close = (a: number | undefined, b: number, tol: number) => a !== undefined && Math.abs(a - b) <= tol;

/** Which Chinese datum (or WGS84) an ellipsoid and datum name stand for. */
function datumOf(p: ParsedWkt): CrsDatum {
  const datumName = `${p.datumCode ?? ''} ${p.GEOGCS?.DATUM?.name ?? ''} ${p.GEOGCS?.name ?? ''}`;
  const rf = p.rf ?? (p.a !== undefined && p.b !== undefined ? p.a / (p.a - p.b) : undefined);
  if (close(p.a, 6378137, 0.5) && close(rf, 298.257223563, 1e-6)) return 'WGS84';
  if (close(p.a, 6378137, 0.5) && close(rf, 298.257222101, 1e-6) && /2000|cgcs|china/i.test(datumName)) return 'CGCS2000';
  if (close(p.a, 6378140, 0.5) && close(rf, 298.257, 1e-4)) return 'Xian1980';
  if (close(p.a, 6378245, 0.5) && close(rf, 298.3, 1e-4)) return 'Beijing1954';
  return 'other';
}

/** A known system with the same parameters, or null. */
function byParameters(p: ParsedWkt): Crs | null {
  const datum = datumOf(p);
  if (datum === 'other') return null;
  if (p.projName === 'longlat') {
    const code = geographicCode(datum);
    return code === null ? null : epsgCrs(code);
  }
  const deg = (p.long0 ?? NaN) * (180 / Math.PI);
  const metres = p.to_meter === undefined || close(p.to_meter, 1, 1e-9);
  if (!/merc|kruger/i.test(p.projName ?? '') || !metres || !close(p.lat0, 0, 1e-9) || !close(p.y0, 0, 1e-3)) return null;
  if (/mercator_auxiliary|pseudo|popular/i.test(`${p.projName} ${p.name ?? ''} ${p.srsCode ?? ''}`))
    return datum === 'WGS84' ? WEB_MERCATOR : null;
  if (!/tmerc|transverse|kruger/i.test(p.projName ?? '')) return null;
  const cm = Math.round(deg);
  if (!close(deg, cm, 1e-7)) return null;
  if (datum === 'WGS84') {
    // UTM: k = 0.9996, CM = 6 × zone − 183, false easting 500 000 (northern hemisphere).
    const zone = (cm + 183) / 6;
    if (close(p.k0, 0.9996, 1e-9) && Number.isInteger(zone) && close(p.x0, 500_000, 1e-3)) return epsgCrs(32600 + zone);
    return null;
  }
  if (!close(p.k0, 1, 1e-9)) return null;
  const prefix = Math.floor((p.x0 ?? 0) / 1_000_000);
  if (!close((p.x0 ?? 0) - prefix * 1_000_000, 500_000, 1e-3)) return null;
  // A prefixed false easting says the zone width; without one, a CM on the 6° series is read as 3° (the same projection).
  if (prefix > 0) {
    const width = prefix >= 25 ? 3 : 6;
    const zone = prefix;
    if ((width === 3 ? 3 * zone : 6 * zone - 3) !== cm) return null;
    const code = gaussKrugerCode(datum, { width, zone, zonePrefix: true });
    return code === null ? null : epsgCrs(code);
  }
  if (cm % 3 !== 0) return null;
  const code = gaussKrugerCode(datum, { width: 3, zone: cm / 3, zonePrefix: false });
  return code === null ? null : epsgCrs(code);
}

/**
 * The system a `.prj` file's WKT describes.
 *
 * @example crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_Zone_39",…]').id // 'EPSG:4527'
 * @throws CrsError when the text is not WKT proj4 can read
 */
export function crsFromPrj(wkt: string): Crs {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  if (text === '') throw new CrsError('the .prj file is empty');
  const authority = outerAuthority(text);
  const known = authority === null ? null : epsgCrs(authority);
  if (known) return known;
  const name = /^\s*(?:PROJCS|GEOGCS|PROJCRS|GEOGCRS)\[\s*"([^"]*)"/i.exec(text)?.[1] ?? '';
  const named = byEsriName(name);
  let parsed: ParsedWkt | null = null;
  let failure = '';
  try {
    parsed = new proj4.Proj(text) as unknown as ParsedWkt;
  } catch (error) {
    failure = ` (${(error as Error).message})`;
  }
  // The parameters decide; an ESRI name alone serves when the WKT is cut short of them.
  const complete =
    parsed?.projName !== undefined &&
    parsed.a !== undefined &&
    (parsed.projName === 'longlat' || (parsed.x0 !== undefined && parsed.long0 !== undefined));
  if (!parsed || !complete) {
    if (named) return named;
    throw new CrsError(`the .prj is not a coordinate system GridAtlas can read${failure}; give the system with --crs (e.g. EPSG:4527)`);
  }
  const matched = byParameters(parsed);
  // A 6° CM zone has the same parameters as the 3° one on that meridian: the name tells them apart.
  if (matched) return named && named.definition === matched.definition ? named : matched;
  const geographic = parsed.projName === 'longlat';
  return {
    id: 'custom',
    name: name || 'coordinate system from the .prj',
    kind: geographic ? 'geographic' : 'projected',
    datum: datumOf(parsed),
    epsg: authority,
    definition: text,
  };
}
