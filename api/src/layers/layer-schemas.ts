/** OpenAPI shapes shared by the map layers: GeoJSON FeatureCollections with numeric ids. */
import { z } from '@hono/zod-openapi';
import { regionCodeSchema } from '../regions/region-scope.js';

export const RegionQuerySchema = z.object({
  region: regionCodeSchema.optional().openapi({ description: 'district, subdistrict or community code; default: the whole district' }),
});

/** A GeoJSON geometry as the API sends it (Polygon, MultiPolygon, LineString…), `[lng, lat]` degrees WGS84. */
export const GeometrySchema = z
  .object({ type: z.string(), coordinates: z.array(z.unknown()) })
  .openapi({ description: 'GeoJSON, [lng, lat] WGS84' });
export type Geometry = z.infer<typeof GeometrySchema>;

/** A FeatureCollection with numeric feature ids, as every map layer sends it. */
export function featureCollectionSchema<P extends z.ZodType>(name: string, properties: P) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.number(),
          geometry: GeometrySchema,
          properties: properties,
        }),
      ),
    })
    .openapi(name);
}

/** The type of a collection built by `featureCollectionSchema`, by its properties' type. */
export interface FeatureCollectionOf<P> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: number; geometry: Geometry; properties: P }[];
}

export const geojsonResponse = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
});

/** A subdistrict or community of `/api/layers/subdistricts|communities`; households and persons inside the jurisdiction. */
export const RegionLayerPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  parentCode: z.string().nullable(),
  households: z.number(),
  persons: z.number(),
});
export type RegionLayerProperties = z.infer<typeof RegionLayerPropertiesSchema>;

export const StreetPropertiesSchema = z.object({ name: z.string(), class: z.enum(['arterial', 'secondary', 'branch', 'lane']) });
export type StreetProperties = z.infer<typeof StreetPropertiesSchema>;

export const CompoundPropertiesSchema = z.object({
  name: z.string(),
  kind: z.enum(['residential', 'school', 'hospital', 'enterprise', 'park']),
  communityCode: z.string(),
});
export type CompoundProperties = z.infer<typeof CompoundPropertiesSchema>;

export const BuildingPropertiesSchema = z.object({
  name: z.string(),
  compoundId: z.number().nullable(),
  communityCode: z.string(),
  floors: z.number(),
  units: z.number(),
  households: z.number(),
  persons: z.number(),
});
export type BuildingProperties = z.infer<typeof BuildingPropertiesSchema>;

/** A grid of `/api/layers/grids` with its counts and its load against the rule profile in force. */
export const GridLayerPropertiesSchema = z.object({
  code: z.string(),
  name: z.string(),
  type: z.enum(['comprehensive', 'dedicated']),
  communityCode: z.string(),
  zoneCode: z.string().nullable(),
  households: z.number(),
  persons: z.number(),
  buildings: z.number(),
  load: z.number().openapi({ description: 'share of the cap that decides the rule (1 = at the cap)' }),
  status: z
    .enum(['ok', 'over', 'under', 'exempt'])
    .openapi({ description: "'exempt': a dedicated grid (专属网格), outside the size rule" }),
});
export type GridLayerProperties = z.infer<typeof GridLayerPropertiesSchema>;
export const GridsLayerSchema = featureCollectionSchema('GridsLayer', GridLayerPropertiesSchema);
export type GridsLayer = z.infer<typeof GridsLayerSchema>;

/** The map's data layers, each one route under `/api/layers/`, by their features' properties. */
export interface LayerProperties {
  subdistricts: RegionLayerProperties;
  communities: RegionLayerProperties;
  streets: StreetProperties;
  compounds: CompoundProperties;
  buildings: BuildingProperties;
  grids: GridLayerProperties;
}
export type LayerName = keyof LayerProperties;
