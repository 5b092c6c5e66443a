/** OpenAPI shapes shared by the map layers: GeoJSON FeatureCollections with numeric ids. */
import { z } from '@hono/zod-openapi';
import { regionCodeSchema } from '../regions/region-scope.js';

export const RegionQuerySchema = z.object({
  region: regionCodeSchema.optional().openapi({ description: 'district, subdistrict or community code; default: the whole district' }),
});

/** A GeoJSON geometry as the API sends it (Polygon, MultiPolygon, LineString…), `[lng, lat]` degrees WGS84. */
export const GeometrySchema = z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).openapi({ description: 'GeoJSON, [lng, lat] WGS84' });
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
