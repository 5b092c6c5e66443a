/**
 * The coordinate systems a Chinese district office's files come in, generated from zone
 * numbers rather than pasted: CGCS2000, Xian 1980 and Beijing 1954, each geographic and as
 * Gauss–Krüger 3° and 6° zones with and without the zone number in the false easting; WGS84,
 * its UTM zones and Web Mercator. Definitions match GDAL/PROJ's (checked in
 * `crs-gdal.test.ts`), except that Beijing 1954 carries the published 3-parameter shift to
 * WGS84 which GDAL applies only inside the Tarim basin (see `BEIJING_1954_ACCURACY`).
 */
import type { Crs, CrsDatum, GaussKrugerZone } from './crs.types.js';

interface GeodeticFamily {
  datum: CrsDatum;
  /** Name prefix in EPSG names ("CGCS2000 / …"). */
  label: string;
  geographic: number;
  /** proj4 ellipsoid (and datum shift) terms. */
  ellipsoid: string;
  /** First EPSG code of each zone series: 3° prefixed zones 25–45, 3° CM 75–135E, 6° prefixed zones 13–23, 6° CM 75–135E. */
  series: { zone3: number; cm3: number; zone6: number; cm6: number };
  accuracy?: string;
}

/** CGCS2000 and WGS84 realisations agree within a few centimetres to a decimetre: no shift is applied (as GDAL does). */
export const CGCS2000_ACCURACY = 'CGCS2000 is taken as WGS84 (no shift; the two agree within about 0.1 m)';
/**
 * EPSG:15921 (Beijing 1954 to WGS 84 (4)): 3 parameters, stated to 1 m in the Tarim basin; the
 * set epsg.io and spatialreference.org publish for EPSG:4214. Elsewhere in China the error
 * of one national shift for this locally fitted datum is metres to tens of metres.
 */
export const BEIJING_1954_ACCURACY =
  'Beijing 1954 → WGS84 by the published 3-parameter shift (EPSG:15921, +towgs84=15.8,-154.4,-82.3): about 1 m where it was fitted, metres to tens of metres elsewhere; give the office’s own parameters as a proj4 string with +towgs84 for better';
/** EPSG publishes no transformation for Xian 1980: only the ellipsoid changes, as GDAL does. */
export const XIAN_1980_ACCURACY =
  'Xian 1980 → WGS84 has no published parameters: only the ellipsoid changes (as GDAL does), which can leave tens of metres; give the office’s own parameters as a proj4 string with +towgs84 for better';

const FAMILIES: readonly GeodeticFamily[] = [
  {
    datum: 'CGCS2000',
    label: 'CGCS2000',
    geographic: 4490,
    ellipsoid: '+ellps=GRS80',
    series: { zone3: 4513, cm3: 4534, zone6: 4491, cm6: 4502 },
    accuracy: CGCS2000_ACCURACY,
  },
  {
    datum: 'Xian1980',
    label: 'Xian 1980',
    geographic: 4610,
    ellipsoid: '+a=6378140 +rf=298.257',
    series: { zone3: 2349, cm3: 2370, zone6: 2327, cm6: 2338 },
    accuracy: XIAN_1980_ACCURACY,
  },
  {
    datum: 'Beijing1954',
    label: 'Beijing 1954',
    geographic: 4214,
    ellipsoid: '+ellps=krass +towgs84=15.8,-154.4,-82.3,0,0,0,0',
    series: { zone3: 2401, cm3: 2422, zone6: 21413, cm6: 21453 },
    accuracy: BEIJING_1954_ACCURACY,
  },
];

/** 3° zones 25–45 and 6° zones 13–23 cover China (central meridians 75°E–135°E). */
export const ZONES_3 = { first: 25, last: 45 } as const;
export const ZONES_6 = { first: 13, last: 23 } as const;

export const WGS84: Crs = {
  id: 'EPSG:4326',
  name: 'WGS 84',
  kind: 'geographic',
  datum: 'WGS84',
  epsg: 4326,
  definition: '+proj=longlat +datum=WGS84 +no_defs',
};
export const GCJ02: Crs = {
  id: 'gcj02',
  name: 'GCJ-02 (国测局坐标, web maps in China)',
  kind: 'geographic',
  datum: 'GCJ-02',
  epsg: null,
  definition: null,
  accuracy: 'GCJ-02 → WGS84 by inverting the published offset formula: within 1 cm of the formula',
};
export const BD09: Crs = {
  id: 'bd09',
  name: 'BD-09 (百度坐标, Baidu maps)',
  kind: 'geographic',
  datum: 'BD-09',
  epsg: null,
  definition: null,
  accuracy: GCJ02.accuracy!.replace('GCJ-02', 'BD-09'),
};
export const WEB_MERCATOR: Crs = {
  id: 'EPSG:3857',
  name: 'WGS 84 / Pseudo-Mercator',
  kind: 'projected',
  datum: 'WGS84',
  epsg: 3857,
  definition: '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs',
};

function gkDefinition(family: GeodeticFamily, z: GaussKrugerZone): string {
  const x0 = z.zonePrefix ? z.zone * 1_000_000 + 500_000 : 500_000;
  return `+proj=tmerc +lat_0=0 +lon_0=${z.centralMeridian} +k=1 +x_0=${x0} +y_0=0 ${family.ellipsoid} +units=m +no_defs`;
}

function gkName(family: GeodeticFamily, z: GaussKrugerZone): string {
  const kind = z.width === 3 ? '3-degree Gauss-Kruger' : 'Gauss-Kruger';
  return `${family.label} / ${kind} ${z.zonePrefix ? `zone ${z.zone}` : `CM ${z.centralMeridian}E`}`;
}

function geographicOf(family: GeodeticFamily): Crs {
  return {
    id: `EPSG:${family.geographic}`,
    name: family.label,
    kind: 'geographic',
    datum: family.datum,
    epsg: family.geographic,
    definition: `+proj=longlat ${family.ellipsoid} +no_defs`,
    ...(family.accuracy ? { accuracy: family.accuracy } : {}),
  };
}

/** The Gauss–Krüger zone an EPSG code of `family` stands for, or null. */
function zoneOf(family: GeodeticFamily, code: number): GaussKrugerZone | null {
  const s = family.series;
  const n3 = ZONES_3.last - ZONES_3.first + 1;
  const n6 = ZONES_6.last - ZONES_6.first + 1;
  if (code >= s.zone3 && code < s.zone3 + n3) {
    const zone = ZONES_3.first + code - s.zone3;
    return { width: 3, zone, centralMeridian: 3 * zone, zonePrefix: true };
  }
  if (code >= s.cm3 && code < s.cm3 + n3) {
    const zone = ZONES_3.first + code - s.cm3;
    return { width: 3, zone, centralMeridian: 3 * zone, zonePrefix: false };
  }
  if (code >= s.zone6 && code < s.zone6 + n6) {
    const zone = ZONES_6.first + code - s.zone6;
    return { width: 6, zone, centralMeridian: 6 * zone - 3, zonePrefix: true };
  }
  if (code >= s.cm6 && code < s.cm6 + n6) {
    const zone = ZONES_6.first + code - s.cm6;
    return { width: 6, zone, centralMeridian: 6 * zone - 3, zonePrefix: false };
  }
  return null;
}

function utmOf(code: number): Crs | null {
  const north = code >= 32601 && code <= 32660;
  const south = code >= 32701 && code <= 32760;
  if (!north && !south) return null;
  const zone = code % 100;
  return {
    id: `EPSG:${code}`,
    name: `WGS 84 / UTM zone ${zone}${north ? 'N' : 'S'}`,
    kind: 'projected',
    datum: 'WGS84',
    epsg: code,
    definition: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
  };
}

/**
 * The system of an EPSG code GridAtlas knows, or null.
 *
 * @example epsgCrs(4527)?.definition // '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs'
 */
export function epsgCrs(code: number): Crs | null {
  if (code === 4326) return WGS84;
  if (code === 3857 || code === 900913) return WEB_MERCATOR;
  const utm = utmOf(code);
  if (utm) return utm;
  for (const family of FAMILIES) {
    if (code === family.geographic) return geographicOf(family);
    const z = zoneOf(family, code);
    if (z) {
      return {
        id: `EPSG:${code}`,
        name: gkName(family, z),
        kind: 'projected',
        datum: family.datum,
        epsg: code,
        definition: gkDefinition(family, z),
        gaussKruger: z,
        ...(family.accuracy ? { accuracy: family.accuracy } : {}),
      };
    }
  }
  return null;
}

/**
 * The EPSG code of a Gauss–Krüger zone on `datum`, or null when it has none.
 *
 * @example gaussKrugerCode('CGCS2000', { width: 3, zone: 39, zonePrefix: true }) // 4527
 */
export function gaussKrugerCode(datum: CrsDatum, z: Pick<GaussKrugerZone, 'width' | 'zone' | 'zonePrefix'>): number | null {
  const family = FAMILIES.find((f) => f.datum === datum);
  if (!family) return null;
  const range = z.width === 3 ? ZONES_3 : ZONES_6;
  if (!Number.isInteger(z.zone) || z.zone < range.first || z.zone > range.last) return null;
  const first =
    z.width === 3 ? (z.zonePrefix ? family.series.zone3 : family.series.cm3) : z.zonePrefix ? family.series.zone6 : family.series.cm6;
  return first + z.zone - range.first;
}

/** The EPSG code of `datum`'s geographic system (CGCS2000 → 4490 …), or null. */
export function geographicCode(datum: CrsDatum): number | null {
  if (datum === 'WGS84') return 4326;
  return FAMILIES.find((f) => f.datum === datum)?.geographic ?? null;
}

/** Every EPSG code of the catalogue's Chinese families (geographic and Gauss–Krüger). */
export function chineseEpsgCodes(): number[] {
  const codes: number[] = [];
  for (const f of FAMILIES) {
    codes.push(f.geographic);
    for (const first of [f.series.zone3, f.series.cm3]) for (let i = 0; i <= ZONES_3.last - ZONES_3.first; i++) codes.push(first + i);
    for (const first of [f.series.zone6, f.series.cm6]) for (let i = 0; i <= ZONES_6.last - ZONES_6.first; i++) codes.push(first + i);
  }
  return codes;
}
