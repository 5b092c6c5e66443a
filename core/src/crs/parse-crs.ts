/**
 * A coordinate system named on the command line, in the wizard or in a file: a short word
 * (`wgs84`, `cgcs2000`, `gcj02`, `bd09`, `xian1980`, `beijing1954`, `webmercator`,
 * `utm50n`), an EPSG code (`EPSG:4527`, `4527`), a proj4 string (`+proj=tmerc …`) or WKT.
 */
import proj4 from 'proj4';
import { BD09, epsgCrs, GCJ02 } from './china-crs-catalogue.js';
import { crsFromPrj } from './crs-from-prj.js';
import { CrsError } from './crs-error.js';
import type { Crs } from './crs.types.js';

const WORDS: Record<string, number | Crs> = {
  wgs84: 4326,
  'wgs-84': 4326,
  wgs1984: 4326,
  cgcs2000: 4490,
  cgcs: 4490,
  china2000: 4490,
  国家2000: 4490,
  xian1980: 4610,
  xian80: 4610,
  西安80: 4610,
  beijing1954: 4214,
  beijing54: 4214,
  北京54: 4214,
  webmercator: 3857,
  gcj02: GCJ02,
  'gcj-02': GCJ02,
  火星坐标: GCJ02,
  bd09: BD09,
  'bd-09': BD09,
  baidu: BD09,
};

/** The words and forms `parseCrs` takes, for help texts and error messages. */
export const CRS_FORMS = 'wgs84, cgcs2000, gcj02, bd09, xian1980, beijing1954, webmercator, utm50n, EPSG:n, a proj4 string or WKT';

/**
 * @example parseCrs('EPSG:4527').name // 'CGCS2000 / 3-degree Gauss-Kruger zone 39'
 * @throws CrsError naming the forms that work
 */
export function parseCrs(text: string): Crs {
  const given = text.trim();
  if (/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|COMPD_CS)\[/i.test(given)) return crsFromPrj(given);
  if (given.startsWith('+')) {
    try {
      const p = new proj4.Proj(given) as unknown as { projName?: string };
      if (!p.projName) throw new Error('no +proj');
      return {
        id: 'custom',
        name: given,
        kind: p.projName === 'longlat' ? 'geographic' : 'projected',
        datum: 'other',
        epsg: null,
        definition: given,
      };
    } catch (error) {
      throw new CrsError(`"${given}" is not a proj4 definition proj4 can read (${(error as Error).message})`);
    }
  }
  const key = given.toLowerCase().replace(/[\s_]/g, '');
  const word = WORDS[key];
  if (word !== undefined) return typeof word === 'number' ? epsgCrs(word)! : word;
  const utm = /^utm(\d{1,2})([ns])$/.exec(key);
  if (utm) {
    const found = epsgCrs((utm[2] === 'n' ? 32600 : 32700) + Number(utm[1]));
    if (found) return found;
  }
  const epsg = /^(?:epsg:)?(\d{4,6})$/.exec(key);
  if (epsg) {
    const found = epsgCrs(Number(epsg[1]));
    if (found) return found;
    throw new CrsError(
      `EPSG:${epsg[1]} is not among the systems GridAtlas knows (WGS84, UTM, Web Mercator, CGCS2000, Xian 1980 and Beijing 1954 with their Gauss–Krüger zones); give it as a proj4 string (+proj=… ) or WKT`,
    );
  }
  throw new CrsError(`unknown coordinate system "${given}"; expected one of ${CRS_FORMS}`);
}
