/** OpenAPI shapes shared by the map layers: GeoJSON FeatureCollections with numeric ids. */
import { z } from '@hono/zod-openapi';
import { regionCodeSchema } from '../regions/region-scope.js';

export const RegionQuerySchema = z.object({
  region: regionCodeSchema.optional().openapi({ description: 'district, subdistrict or community code; default: the whole district' }),
});

export function featureCollectionSchema<P extends z.ZodType>(name: string, properties: P) {
  return z
    .object({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.object({
          type: z.literal('Feature'),
          id: z.number(),
          geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).openapi({ description: 'GeoJSON, [lng, lat] WGS84' }),
          properties: properties,
        }),
      ),
    })
    .openapi(name);
}

export const geojsonResponse = (description: string, schema: z.ZodType) => ({
  200: { description, content: { 'application/json': { schema } } },
});
