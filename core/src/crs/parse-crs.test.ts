import { describe, expect, it } from 'vitest';
import { chineseEpsgCodes, epsgCrs } from './china-crs-catalogue.js';
import { crsFromPrj } from './crs-from-prj.js';
import { CrsError } from './crs-error.js';
import { esriWkt } from './esri-wkt.js';
import { parseCrs } from './parse-crs.js';
import { fromWgs84, converterToWgs84 } from './reproject.js';

describe('the catalogue of Chinese systems', () => {
  it('generates each zone series from its zone numbers', () => {
    expect(epsgCrs(4527)).toMatchObject({
      name: 'CGCS2000 / 3-degree Gauss-Kruger zone 39',
      gaussKruger: { width: 3, zone: 39, centralMeridian: 117, zonePrefix: true },
    });
    expect(epsgCrs(4527)!.definition).toBe('+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    expect(epsgCrs(4554)).toMatchObject({
      name: 'CGCS2000 / 3-degree Gauss-Kruger CM 135E',
      gaussKruger: { zonePrefix: false, centralMeridian: 135 },
    });
    expect(epsgCrs(4491)).toMatchObject({ name: 'CGCS2000 / Gauss-Kruger zone 13', gaussKruger: { width: 6, centralMeridian: 75 } });
    expect(epsgCrs(4512)).toMatchObject({ name: 'CGCS2000 / Gauss-Kruger CM 135E' });
    expect(epsgCrs(2383)).toMatchObject({ name: 'Xian 1980 / 3-degree Gauss-Kruger CM 114E', datum: 'Xian1980' });
    expect(epsgCrs(2414)).toMatchObject({ name: 'Beijing 1954 / 3-degree Gauss-Kruger zone 38', datum: 'Beijing1954' });
    expect(epsgCrs(21463)).toMatchObject({ name: 'Beijing 1954 / Gauss-Kruger CM 135E' });
    expect(epsgCrs(32650)).toMatchObject({ name: 'WGS 84 / UTM zone 50N' });
    expect(epsgCrs(4512 + 1)!.gaussKruger!.zone).toBe(25);
    expect(epsgCrs(2391)).toBeNull();
    expect(chineseEpsgCodes()).toHaveLength(3 * (1 + 2 * 21 + 2 * 11));
  });

  it('projects a point of zone 39 as the textbook says (CM 117°E: easting 39 500 000 on the meridian)', () => {
    const p = fromWgs84([117, 30], epsgCrs(4527)!);
    expect(p[0]).toBeCloseTo(39_500_000, 3);
    // Meridian arc of GRS80 to 30°N: 3 320 113.398 m.
    expect(p[1]).toBeCloseTo(3_320_113.398, 2);
    const back = converterToWgs84(epsgCrs(4527)!)(p);
    expect(back[0]).toBeCloseTo(117, 10);
    expect(back[1]).toBeCloseTo(30, 10);
  });
});

describe('parseCrs', () => {
  it('reads the words, codes and strings the command line takes', () => {
    expect(parseCrs('wgs84').id).toBe('EPSG:4326');
    expect(parseCrs('CGCS2000').id).toBe('EPSG:4490');
    expect(parseCrs('gcj02').id).toBe('gcj02');
    expect(parseCrs('BD-09').id).toBe('bd09');
    expect(parseCrs('xian1980').id).toBe('EPSG:4610');
    expect(parseCrs('北京54').id).toBe('EPSG:4214');
    expect(parseCrs('EPSG:4527').id).toBe('EPSG:4527');
    expect(parseCrs('epsg:4549').id).toBe('EPSG:4549');
    expect(parseCrs('4547').id).toBe('EPSG:4547');
    expect(parseCrs('utm50n').id).toBe('EPSG:32650');
    expect(parseCrs('+proj=tmerc +lon_0=114 +k=1 +x_0=500000 +ellps=GRS80 +towgs84=1,2,3 +units=m')).toMatchObject({
      id: 'custom',
      kind: 'projected',
    });
  });

  it('says what works when it cannot read the name', () => {
    expect(() => parseCrs('EPSG:27700')).toThrow(CrsError);
    expect(() => parseCrs('EPSG:27700')).toThrow(/proj4 string/);
    expect(() => parseCrs('mars')).toThrow(/cgcs2000, gcj02/);
  });
});

describe('crsFromPrj', () => {
  it('recognises every catalogue system from the .prj GridAtlas writes for it', () => {
    for (const code of [...chineseEpsgCodes(), 4326, 32650, 3857]) {
      const crs = epsgCrs(code)!;
      expect(crsFromPrj(esriWkt(crs)).id, `EPSG:${code}`).toBe(`EPSG:${code}`);
    }
  });

  it('reads an ESRI name even when the WKT is cut short', () => {
    expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"]]').id).toBe('EPSG:4545');
    expect(crsFromPrj('PROJCS["Xian_1980_GK_Zone_19",GEOGCS["GCS_Xian_1980"]]').id).toBe('EPSG:2333');
  });

  it('matches by parameters when the name is the writer’s own', () => {
    const wkt = esriWkt(epsgCrs(4547)!).replace('CGCS2000_3_Degree_GK_CM_114E', '武汉城建_2000');
    expect(crsFromPrj(wkt).id).toBe('EPSG:4547');
    const ogc =
      'PROJCS["whatever",GEOGCS["x",DATUM["y",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",38500000],PARAMETER["false_northing",0],UNIT["metre",1],AUTHORITY["EPSG","4526"]]';
    expect(crsFromPrj(ogc).id).toBe('EPSG:4526');
  });

  it('keeps a system it does not know as a proj4 definition from the WKT', () => {
    const local = esriWkt(epsgCrs(4547)!).replace('PARAMETER["False_Northing",0.0]', 'PARAMETER["False_Northing",-3000000.0]');
    const crs = crsFromPrj(local);
    expect(crs).toMatchObject({ id: 'custom', kind: 'projected', datum: 'CGCS2000' });
    const p = converterToWgs84(crs)(fromWgs84([114.3, 30.5], epsgCrs(4547)!).map((v, i) => (i === 1 ? v - 3_000_000 : v)));
    expect(p[0]).toBeCloseTo(114.3, 9);
    expect(p[1]).toBeCloseTo(30.5, 9);
    expect(() => crsFromPrj('')).toThrow(CrsError);
    expect(() => crsFromPrj('not wkt at all')).toThrow(CrsError);
  });
});
