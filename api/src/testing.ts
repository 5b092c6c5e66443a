/** Test and benchmark helpers other packages use: a throwaway PostgreSQL 15 + PostGIS cluster, PostGIS references. */
export { freePort, startPgCluster, type PgCluster } from './test/pg-cluster.js';
export { compareFaces, pointsInFaces, referenceFaces, type FaceComparison } from './postgis-reference/street-faces.reference.js';
