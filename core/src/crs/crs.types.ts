/** A coordinate reference system as GridAtlas knows it: what it is, and how to convert it. */

/** The geodetic datums an office's files come in, plus the two Chinese web-map offsets. */
export type CrsDatum = 'WGS84' | 'CGCS2000' | 'Xian1980' | 'Beijing1954' | 'GCJ-02' | 'BD-09' | 'other';

export interface GaussKrugerZone {
  /** Zone width in degrees of longitude. */
  width: 3 | 6;
  /** Zone number: 3° zones 25–45 (CM = 3 × n), 6° zones 13–23 (CM = 6 × n − 3). */
  zone: number;
  /** Central meridian, degrees east. */
  centralMeridian: number;
  /** Whether the false easting carries the zone number (e.g. 39 500 000 m in zone 39). */
  zonePrefix: boolean;
}

export interface Crs {
  /** `EPSG:4527`, `gcj02`, `bd09`, or `custom` for a definition read from a .prj or a proj4 string. */
  id: string;
  /** Human name, EPSG style: `CGCS2000 / 3-degree Gauss-Kruger zone 39`. */
  name: string;
  /** Geographic systems are in degrees `[lng, lat]`; projected ones in metres `[easting, northing]`. */
  kind: 'geographic' | 'projected';
  datum: CrsDatum;
  epsg: number | null;
  /** A proj4 definition (proj4 string or WKT); null for GCJ-02 and BD-09, which are formulas. */
  definition: string | null;
  gaussKruger?: GaussKrugerZone;
  /** How exact the conversion to WGS84 is, in words, when it is not exact to the centimetre. */
  accuracy?: string;
}
