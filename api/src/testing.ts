/** Test and benchmark helpers other packages use: a throwaway PostgreSQL 15 + PostGIS cluster. */
export { freePort, startPgCluster, type PgCluster } from './test/pg-cluster.js';
export { checkEngineOutput, disagreements, type ClaimedOutput, type EngineOutputCheck, type EngineOutputCheckInput } from './postgis-reference/engine-output-check.js';
