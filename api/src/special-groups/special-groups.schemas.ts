/**
 * Response shapes of the special-group routes: suppressed aggregate tables and hexagons
 * (`/api/analytics/special-groups/*`, `/api/special-groups/summary`) and the masked individual
 * records (`/api/special-groups/records`, special_groups.records only — never on a map).
 */
import { z } from '@hono/zod-openapi';

/** A count, or a withheld one: what a reader may see of a table cell. */
export const SuppressedCellSchema = z
  .union([
    z.object({ count: z.number() }),
    z.object({ suppressed: z.literal(true), display: z.string(), reason: z.enum(['small', 'complementary']) }),
  ])
  .openapi('SuppressedCell', {
    description: '"small": fewer than the threshold ("<5"); "complementary": withheld so totals cannot reveal a small cell ("—")',
  });
export type SuppressedCellValue = z.infer<typeof SuppressedCellSchema>;

/** `GET /api/analytics/special-groups/grids`: people per grid and category, small cells suppressed. */
export const SpecialGroupGridsSchema = z
  .object({
    threshold: z.number(),
    category: z.string().nullable(),
    rows: z.array(
      z.object({
        code: z.string().nullable().openapi({ description: 'null: people in buildings of no grid in force' }),
        name: z.string(),
        cells: z.record(z.string(), SuppressedCellSchema),
        total: SuppressedCellSchema,
      }),
    ),
    totals: z.object({ cells: z.record(z.string(), SuppressedCellSchema), total: SuppressedCellSchema }),
  })
  .openapi('SpecialGroupGrids');
export type SpecialGroupGrids = z.infer<typeof SpecialGroupGridsSchema>;

/** `GET /api/analytics/special-groups/hexbins`: people per hexagon, small cells suppressed. */
export const SpecialGroupHexbinsSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    sizeM: z.number().openapi({ description: "hexagon size, centre to corner, metres (at the district's centre)" }),
    threshold: z.number(),
    category: z.string().nullable(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.number(),
        geometry: z
          .object({ type: z.string(), coordinates: z.array(z.unknown()) })
          .openapi({ description: 'GeoJSON Polygon, [lng, lat] WGS84' }),
        properties: SuppressedCellSchema,
      }),
    ),
  })
  .openapi('SpecialGroupHexbins');
export type SpecialGroupHexbins = z.infer<typeof SpecialGroupHexbinsSchema>;

/** One person's record, ID number and phone masked (special_groups.records). */
export const SpecialGroupRecordSchema = z
  .object({
    id: z.number(),
    buildingId: z.number(),
    buildingName: z.string(),
    communityCode: z.string(),
    category: z.string(),
    since: z.string(),
    idNumber: z.string().nullable().openapi({ example: '6101**********1234' }),
    phone: z.string().nullable().openapi({ example: '138****5678' }),
  })
  .openapi('SpecialGroupRecord');
export type SpecialGroupRecord = z.infer<typeof SpecialGroupRecordSchema>;

/** `GET /api/special-groups/summary`: people per child region and category, small cells suppressed. */
export const SpecialGroupSummarySchema = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    threshold: z.number(),
    childLevel: z.enum(['subdistrict', 'community', 'grid']),
    categories: z.array(z.object({ key: z.string(), kind: z.string(), zh: z.string(), en: z.string() })),
    rows: z.array(
      z.object({
        code: z.string().nullable().openapi({ description: 'null: buildings in no current grid' }),
        name: z.string(),
        cells: z.record(z.string(), SuppressedCellSchema),
        total: SuppressedCellSchema,
      }),
    ),
    totals: z.object({ cells: z.record(z.string(), SuppressedCellSchema), total: SuppressedCellSchema }),
  })
  .openapi('SpecialGroupSummary');
export type SpecialGroupSummary = z.infer<typeof SpecialGroupSummarySchema>;
