/**
 * The base map layers from our own data: subdistrict and community boundaries, streets,
 * compounds and buildings, each scoped to a region (default: the whole district) and, in
 * SQL, to the caller's jurisdiction (`$3`, a text[] of region codes).
 */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { createRouter } from '../http/router.js';
import { currentUser, insideJurisdiction, overlapsJurisdiction, resolveRegionFor } from '../auth/jurisdiction.js';
import { requirePermission } from '../auth/require-permission.js';
import { featureCollection, type FeatureQuery } from './feature-collection.sql.js';
import {
  BuildingPropertiesSchema,
  CompoundPropertiesSchema,
  RegionLayerPropertiesSchema,
  RegionQuerySchema,
  StreetPropertiesSchema,
  featureCollectionSchema,
  geojsonResponse,
} from './layer-schemas.js';

/**
 * Region boundaries with totals from their buildings; `$1` district, `$2` region prefix,
 * `$3` jurisdictions. Subdistricts above a jurisdiction are drawn for context, their totals
 * counting only buildings inside it.
 */
const regionFeatures = (level: 'subdistrict' | 'community'): FeatureQuery => ({
  id: 'r.code::bigint',
  geometry: 'r.boundary',
  properties: `json_build_object('code', r.code, 'name', r.name, 'level', r.level, 'parentCode', r.parent_code,
    'households', coalesce(t.households, 0), 'persons', coalesce(t.persons, 0))`,
  from: `FROM regions r
    LEFT JOIN LATERAL (
      SELECT sum(b.households) AS households, sum(b.persons) AS persons FROM buildings b
      WHERE b.district_code = r.district_code AND b.community_code LIKE r.code || '%'
        AND ${insideJurisdiction('b.community_code', '$3')}
    ) t ON true
    WHERE r.district_code = $1 AND r.level = '${level}' AND r.code LIKE $2 || '%'
      AND ${level === 'community' ? insideJurisdiction('r.code', '$3') : overlapsJurisdiction('r.code', '$3')}`,
  orderBy: 'r.code',
});

const LAYERS = {
  subdistricts: {
    summary: 'Subdistrict (街道) boundaries',
    props: RegionLayerPropertiesSchema,
    query: regionFeatures('subdistrict'),
  },
  communities: {
    summary: 'Community (社区) boundaries inside the region',
    props: RegionLayerPropertiesSchema,
    query: regionFeatures('community'),
  },
  streets: {
    summary: 'Street centrelines crossing the region',
    props: StreetPropertiesSchema,
    query: {
      id: 's.id',
      geometry: 's.geom',
      properties: `json_build_object('name', s.name, 'class', s.class)`,
      from: `FROM streets s
        JOIN regions r ON r.district_code = $1 AND r.code = $2
        WHERE s.district_code = $1 AND ST_Intersects(s.geom, r.boundary)
          -- Streets belong to no region: whole-district (and city-level, e.g. 4201) jurisdictions see
          -- them all; a narrower one those crossing one of its regions.
          AND (${insideJurisdiction('s.district_code::text', '$3')}
            OR EXISTS (SELECT 1 FROM regions jr WHERE jr.district_code = $1 AND jr.code = ANY($3::text[])
              AND ST_Intersects(s.geom, jr.boundary)))`,
      orderBy: 's.id',
    },
  },
  compounds: {
    summary: 'Compounds (小区) in the region',
    props: CompoundPropertiesSchema,
    query: {
      id: 'c.id',
      geometry: 'c.boundary',
      properties: `json_build_object('name', c.name, 'kind', c.kind, 'communityCode', c.community_code)`,
      from: `FROM compounds c WHERE c.district_code = $1 AND c.community_code LIKE $2 || '%'
        AND ${insideJurisdiction('c.community_code', '$3')}`,
      orderBy: 'c.id',
    },
  },
  buildings: {
    summary: 'Buildings (楼栋) in the region with households and persons',
    props: BuildingPropertiesSchema,
    query: {
      id: 'b.id',
      geometry: 'b.footprint',
      properties: `json_build_object('name', b.name, 'compoundId', b.compound_id, 'communityCode', b.community_code,
        'floors', b.floors, 'units', b.units, 'households', b.households, 'persons', b.persons)`,
      from: `FROM buildings b WHERE b.district_code = $1 AND b.community_code LIKE $2 || '%'
        AND ${insideJurisdiction('b.community_code', '$3')}`,
      orderBy: 'b.id',
    },
  },
} as const;

export const baseLayersRoute = createRouter();

for (const [name, layer] of Object.entries(LAYERS)) {
  const schema = featureCollectionSchema(`${name[0]?.toUpperCase()}${name.slice(1)}Layer`, layer.props);
  baseLayersRoute.openapi(
    createRoute({
      method: 'get',
      path: `/${name}`,
      tags: ['layers'],
      summary: `${layer.summary} (map.read)`,
      middleware: [requirePermission('map.read')],
      request: { query: RegionQuerySchema },
      responses: geojsonResponse(`${name} as a FeatureCollection`, schema),
    }),
    // The body is JSON text built by PostgreSQL; it is passed through unparsed.
    (async (c: Context<AppEnv>) => {
      const region = await resolveRegionFor(c, c.req.query('region'));
      const jurisdictions = currentUser(c).jurisdictions;
      const body = await featureCollection(c.var.db, layer.query, [region.districtCode, region.code, jurisdictions]);
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    }) as never,
  );
}
