/**
 * Request, response and error shapes of `/api/districts` and `/api/uploads`: what the import
 * wizard speaks. Layers and options mirror `pnpm gridatlas district import`; reports are the
 * command line's `--json` report.
 */
import { z } from '@hono/zod-openapi';
import { JobAcceptedSchema } from '../../jobs/jobs.schemas.js';
import { DISTRICT_LAYERS } from '../import/district-import.types.js';
import { EXPORT_FORMATS, EXPORT_LAYERS } from '../export/export-layer.js';

export const DistrictCodeParam = z.object({
  code: z
    .string()
    .regex(/^\d{6}$/, { error: 'expected a 6-digit district code, e.g. 420111' })
    .openapi({ param: { name: 'code', in: 'path' }, example: '420111' }),
});

export const UploadIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: 'expected an upload id (32 hexadecimal characters)' })
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const JobIdInDistrictParam = DistrictCodeParam.extend({
  jobId: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a job id' })
    .openapi({ param: { name: 'jobId', in: 'path' } }),
});

const field = z.string().trim().min(1).max(100);

export const DistrictSummarySchema = z
  .object({
    code: z.string(),
    name: z.string().nullable(),
    province: z.string().nullable(),
    city: z.string().nullable(),
    synthetic: z.boolean(),
    subdistricts: z.number(),
    communities: z.number(),
    buildings: z.number(),
    households: z.number(),
    estimatedHouseholds: z.number().openapi({ description: 'households of buildings whose counts are estimated' }),
    grids: z.number(),
    lastImportAt: z.string().nullable(),
  })
  .openapi('DistrictSummary');

export const DistrictListSchema = z.object({ districts: z.array(DistrictSummarySchema) }).openapi('DistrictList');

export const UploadSchema = z
  .object({ id: z.string(), fileName: z.string(), sizeBytes: z.number(), createdAt: z.string() })
  .openapi('Upload');

export const ReadOptionsSchema = z.object({
  format: z.string().max(20).optional().openapi({ description: 'default: from the file name' }),
  crs: z.string().max(40).optional().openapi({ description: 'wgs84 | cgcs2000 | gcj02 | bd09 | EPSG:n; default: a .prj, else wgs84' }),
  encoding: z.string().max(20).optional().openapi({ description: 'gbk | utf-8; default: a .cpg, else detected' }),
  sheet: field.optional().openapi({ description: 'XLSX sheet or shapefile layer' }),
  lngField: field.optional(),
  latField: field.optional(),
});

export const InspectBodySchema = ReadOptionsSchema.extend({ rows: z.number().int().min(1).max(200).default(20) }).openapi('InspectOptions');

export const InspectSchema = z
  .object({
    fileName: z.string(),
    format: z.string(),
    encoding: z.object({ name: z.string(), how: z.string() }),
    crs: z.object({ id: z.string(), name: z.string(), how: z.string() }),
    fields: z.array(z.string()),
    featureCount: z.number(),
    geometryTypes: z.record(z.string(), z.number()).openapi({ description: 'features per geometry type; "none" for table rows' }),
    bbox: z
      .tuple([z.number(), z.number(), z.number(), z.number()])
      .nullable()
      .openapi({ description: '[west, south, east, north], WGS84 degrees' }),
    preview: z.array(z.record(z.string(), z.unknown())).openapi({ description: "the first rows' attributes, to map fields" }),
    warnings: z.array(z.string()),
  })
  .openapi('LayerInspection');

export const FeaturesBodySchema = ReadOptionsSchema.extend({ limit: z.number().int().min(1).max(50_000).default(20_000) }).openapi(
  'UploadFeaturesOptions',
);

export const UploadFeaturesSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        geometry: z.object({ type: z.string(), coordinates: z.array(z.unknown()) }).openapi({ description: 'GeoJSON, [lng, lat] WGS84' }),
        properties: z.object({ i: z.number().openapi({ description: "0-based position in the file: the report's problems name it" }) }),
      }),
    ),
    truncated: z.boolean(),
  })
  .openapi('UploadFeatures');

export const CreateDistrictBodySchema = ReadOptionsSchema.extend({
  code: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit district code' }),
  name: z.string().trim().min(1).max(100),
  uploadId: z.string().regex(/^[0-9a-f]{32}$/),
  nameField: field.optional(),
  dryRun: z.boolean().default(false),
}).openapi('CreateDistrict');

export const ImportBodySchema = ReadOptionsSchema.extend({
  layer: z.enum(DISTRICT_LAYERS),
  uploadId: z.string().regex(/^[0-9a-f]{32}$/),
  codeField: field.optional(),
  nameField: field.optional(),
  parentField: field.optional(),
  idField: field.optional(),
  keyField: field.optional(),
  householdsField: field.optional(),
  personsField: field.optional(),
  floorsField: field.optional(),
  heightField: field.optional(),
  addressField: field.optional(),
  classField: field.optional(),
  roleField: field.optional(),
  phoneField: field.optional(),
  gridField: field.optional(),
  categoryField: field.optional(),
  sinceField: field.optional(),
  idNumberField: field.optional(),
  estimateHouseholds: z.boolean().default(false),
  flatSizeM2: z.number().positive().max(10_000).optional(),
  personsPerHousehold: z.number().positive().max(20).optional(),
  registryPer: z.enum(['household', 'building']).optional(),
  allowRejected: z.boolean().default(false),
  dryRun: z.boolean().default(true).openapi({ description: 'default true: check first; commit with dryRun false' }),
}).openapi('DistrictImport');

export const ExportBodySchema = z
  .object({
    layer: z.enum(EXPORT_LAYERS),
    format: z.enum(EXPORT_FORMATS),
    crs: z.string().max(40).optional().openapi({ description: 'wgs84 (default) | cgcs2000 | EPSG:n (Shapefile)' }),
    encoding: z
      .enum(['utf-8', 'gbk'])
      .optional()
      .openapi({ description: 'DBF text encoding of a Shapefile (default utf-8, named in its .cpg)' }),
  })
  .openapi('DistrictExport');

export const ImportRecordSchema = z
  .object({
    id: z.number(),
    layer: z.string(),
    fileName: z.string(),
    format: z.string(),
    crs: z.string(),
    encoding: z.string().nullable(),
    importedBy: z.string().nullable(),
    importedAt: z.string(),
    jobId: z.number().nullable(),
    report: z.unknown(),
  })
  .openapi('DistrictImportRecord');

export const ImportListSchema = z.object({ imports: z.array(ImportRecordSchema) }).openapi('DistrictImportList');

export { JobAcceptedSchema };

export type DistrictSummary = z.infer<typeof DistrictSummarySchema>;
export type DistrictList = z.infer<typeof DistrictListSchema>;
export type Upload = z.infer<typeof UploadSchema>;
export type ReadOptions = z.input<typeof ReadOptionsSchema>;
export type InspectRequest = z.input<typeof InspectBodySchema>;
export type LayerInspection = z.infer<typeof InspectSchema>;
export type UploadFeaturesRequest = z.input<typeof FeaturesBodySchema>;
export type UploadFeatures = z.infer<typeof UploadFeaturesSchema>;
export type CreateDistrictRequest = z.input<typeof CreateDistrictBodySchema>;
export type DistrictImportRequest = z.input<typeof ImportBodySchema>;
export type DistrictExportRequest = z.input<typeof ExportBodySchema>;
export type DistrictImportRecord = z.infer<typeof ImportRecordSchema>;
export type DistrictImportList = z.infer<typeof ImportListSchema>;
