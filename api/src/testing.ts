/** Test and benchmark helpers other packages use: a throwaway PostgreSQL 15 + PostGIS cluster, PostGIS references. */
export { freePort, startPgCluster, type PgCluster } from './test/pg-cluster.js';
export {
  checkEngineOutput,
  disagreements,
  type ClaimedOutput,
  type EngineOutputCheck,
  type EngineOutputCheckInput,
} from './postgis-reference/engine-output-check.js';
export { compareFaces, pointsInFaces, referenceFaces, type FaceComparison } from './postgis-reference/street-faces.reference.js';
/** Format fixtures made at test time from the real data (GDAL-made shapefiles, bad files) and the 1 cm vertex comparison. */
export {
  chinesePolygons,
  emptyShapefile,
  fixtureDir,
  gcj02Files,
  gdalInfo,
  gdalInvalidCount,
  gdalRead,
  gkGbkShapefile,
  HAS_GDAL,
  linesShapefile,
  REAL_DATA,
  realGeojson,
  RUN_GDAL_TESTS,
  twoLayerZip,
  wuhanTiles,
  zipBomb,
  type ShapefileFixture,
} from './import/formats/layer.fixture.js';
export { maxVertexDistanceM } from './import/formats/geometry-compare.fixture.js';
/** 洪山区's files as an office might bring them (boundary, communities from the roads, tiled buildings, roads). */
export { makeWuhanFiles, WUHAN_DISTRICTS, type WuhanFiles } from './districts/wuhan-files.fixture.js';
export { tableChecksums, type TableChecksums } from './test/table-checksums.js';
/** The tiny hand-built district with known answers (2 communities, 3 current grids). */
export { tinyDistrict } from './test/tiny-district.fixture.js';
