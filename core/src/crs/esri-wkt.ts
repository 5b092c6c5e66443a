/**
 * The ESRI WKT a `.prj` carries for a system GridAtlas writes (WGS84, CGCS2000, Xian 1980,
 * Beijing 1954 geographic, their Gauss–Krüger zones, UTM, Web Mercator), as ArcGIS writes
 * it, so that ArcGIS, QGIS and GDAL recognise the EPSG code.
 */
import { CrsError } from './crs-error.js';
import type { Crs, CrsDatum } from './crs.types.js';

const GEOGCS: Partial<Record<CrsDatum, { gcs: string; datum: string; spheroid: string; a: number; rf: number }>> = {
  WGS84: { gcs: 'GCS_WGS_1984', datum: 'D_WGS_1984', spheroid: 'WGS_1984', a: 6378137, rf: 298.257223563 },
  CGCS2000: {
    gcs: 'GCS_China_Geodetic_Coordinate_System_2000',
    datum: 'D_China_2000',
    spheroid: 'CGCS2000',
    a: 6378137,
    rf: 298.257222101,
  },
  Xian1980: { gcs: 'GCS_Xian_1980', datum: 'D_Xian_1980', spheroid: 'Xian_1980', a: 6378140, rf: 298.257 },
  Beijing1954: { gcs: 'GCS_Beijing_1954', datum: 'D_Beijing_1954', spheroid: 'Krasovsky_1940', a: 6378245, rf: 298.3 },
};
const ESRI_LABEL: Partial<Record<CrsDatum, string>> = { CGCS2000: 'CGCS2000', Xian1980: 'Xian_1980', Beijing1954: 'Beijing_1954' };

/** ESRI prints whole numbers with one decimal. */
const num = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

function geogcs(datum: CrsDatum): string {
  const g = GEOGCS[datum];
  if (!g) throw new CrsError(`no .prj can be written for datum ${datum}`);
  return `GEOGCS["${g.gcs}",DATUM["${g.datum}",SPHEROID["${g.spheroid}",${num(g.a)},${num(g.rf)}]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`;
}

function projcs(name: string, datum: CrsDatum, projection: string, p: { fe: number; cm: number; k: number }): string {
  const params = [
    ['False_Easting', p.fe],
    ['False_Northing', 0],
    ['Central_Meridian', p.cm],
    ['Scale_Factor', p.k],
    ['Latitude_Of_Origin', 0],
  ]
    .map(([k, v]) => `PARAMETER["${k}",${num(v as number)}]`)
    .join(',');
  return `PROJCS["${name}",${geogcs(datum)},PROJECTION["${projection}"],${params},UNIT["Meter",1.0]]`;
}

/**
 * @example esriWkt(epsgCrs(4527)!) // 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS[…],PROJECTION["Gauss_Kruger"],…]'
 * @throws CrsError for GCJ-02/BD-09 (no .prj can say them) and proj4-string systems
 */
export function esriWkt(crs: Crs): string {
  if (crs.kind === 'geographic' && GEOGCS[crs.datum] && crs.epsg !== null) return geogcs(crs.datum);
  const gk = crs.gaussKruger;
  const label = ESRI_LABEL[crs.datum];
  if (gk && label) {
    // ESRI spells one series out: Beijing 1954's 6° zones by central meridian.
    const gkWord = crs.datum === 'Beijing1954' && gk.width === 6 && !gk.zonePrefix ? 'Gauss_Kruger' : 'GK';
    const name = `${label}_${gk.width === 3 ? '3_Degree_' : ''}${gkWord}_${gk.zonePrefix ? `Zone_${gk.zone}` : `CM_${gk.centralMeridian}E`}`;
    return projcs(name, crs.datum, 'Gauss_Kruger', {
      fe: gk.zonePrefix ? gk.zone * 1_000_000 + 500_000 : 500_000,
      cm: gk.centralMeridian,
      k: 1,
    });
  }
  if (crs.epsg !== null && crs.epsg >= 32601 && crs.epsg <= 32660) {
    const zone = crs.epsg - 32600;
    return projcs(`WGS_1984_UTM_Zone_${zone}N`, 'WGS84', 'Transverse_Mercator', { fe: 500_000, cm: 6 * zone - 183, k: 0.9996 });
  }
  if (crs.epsg === 3857) {
    return `PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",${geogcs('WGS84')},PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]`;
  }
  if (crs.definition !== null && /^(PROJCS|GEOGCS)\[/i.test(crs.definition)) return crs.definition;
  throw new CrsError(`a .prj cannot be written for ${crs.name}; export in WGS84, CGCS2000 or an EPSG Gauss–Krüger zone`);
}
