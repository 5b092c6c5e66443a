/**
 * The request and response shapes of `/api/basemaps`: a district's basemap settings and the
 * PMTiles files of the server's basemap folder. Bounds are degrees WGS84.
 */
import { z } from '@hono/zod-openapi';

export const BASEMAP_KINDS = ['offline', 'pmtiles', 'tianditu-vector', 'tianditu-imagery'] as const;
export type BasemapKind = (typeof BASEMAP_KINDS)[number];

/** A file name in the basemap folder: no path, no leading dot, ends in `.pmtiles`. */
export const PMTILES_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.pmtiles$/;

export const pmtilesFileNameSchema = z
  .string()
  .regex(PMTILES_FILE_NAME, { error: 'expected a file name like "city.pmtiles" (letters, digits, ".", "_" and "-"; no folders)' })
  .openapi({ example: 'firenze.pmtiles' });

/** Tianditu's browser keys (tk) are 32 hexadecimal digits. */
const tiandituKeySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, { error: 'a Tianditu key (tk) is 32 hexadecimal digits, as shown in the Tianditu console' })
  .transform((k) => k.toLowerCase());

/**
 * A map review number (审图号) as Tianditu publishes it, e.g. `GS(2024)1234号` or `GS京(2022)1061号`;
 * a leading `审图号：` is dropped (the map adds it).
 */
export const REVIEW_NUMBER = /^GS\S{0,4}[（(]\d{4}[）)]\s*\d{1,6}\s*号$/;

const reviewNumberSchema = z
  .string()
  .trim()
  .transform((n) => n.replace(/^审图号\s*[:：]?\s*/, ''))
  .pipe(
    z.string().regex(REVIEW_NUMBER, { error: 'expected a review number (审图号) like GS(2024)1234号, as Tianditu shows it under its map' }),
  );

export const BasemapSettingsSchema = z
  .object({
    districtCode: z.string(),
    defaultBasemap: z.enum(BASEMAP_KINDS).openapi({ description: 'what the map shows until a user picks another' }),
    pmtiles: z
      .object({
        file: z.string(),
        url: z
          .string()
          .openapi({ description: 'where the browser reads it (HTTP range requests)', example: '/api/basemaps/files/firenze.pmtiles' }),
        attribution: z.string(),
      })
      .nullable(),
    tianditu: z
      .object({
        key: z.string().openapi({ description: 'the browser key (tk); it reaches every browser of the district, as Tianditu intends' }),
        reviewNumber: z.string().openapi({ example: 'GS(2024)1234号' }),
      })
      .nullable(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('BasemapSettings');

export type BasemapSettings = z.infer<typeof BasemapSettingsSchema>;

export const BasemapSettingsUpdateSchema = z
  .strictObject({
    districtCode: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit district code' }),
    defaultBasemap: z.enum(BASEMAP_KINDS),
    pmtiles: z
      .strictObject({
        file: pmtilesFileNameSchema,
        attribution: z.string().trim().max(200).optional(),
      })
      .nullable(),
    tianditu: z.strictObject({ key: tiandituKeySchema, reviewNumber: reviewNumberSchema }).nullable(),
  })
  .refine((s) => s.defaultBasemap !== 'pmtiles' || s.pmtiles !== null, {
    error: 'the default basemap is the PMTiles file, but no file is set',
    path: ['pmtiles'],
  })
  .refine((s) => !s.defaultBasemap.startsWith('tianditu') || s.tianditu !== null, {
    error: 'the default basemap is Tianditu, but no key and review number are set',
    path: ['tianditu'],
  })
  .openapi('BasemapSettingsUpdate');

export type BasemapSettingsUpdate = z.infer<typeof BasemapSettingsUpdateSchema>;

export const PmtilesFileSchema = z
  .object({
    name: z.string(),
    sizeBytes: z.number(),
    modifiedAt: z.string(),
    tileType: z.enum(['mvt', 'png', 'jpg', 'webp', 'avif', 'mlt', 'unknown']),
    minZoom: z.number(),
    maxZoom: z.number(),
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).openapi({ description: '[west, south, east, north], degrees WGS84' }),
    usedBy: z.array(z.string()).openapi({ description: 'districts whose settings name this file' }),
  })
  .openapi('PmtilesFile');

export type PmtilesFile = z.infer<typeof PmtilesFileSchema>;

export const PmtilesFilesSchema = z
  .object({
    configured: z.boolean().openapi({ description: 'whether the server has a basemap folder (GRIDATLAS_BASEMAP_DIR)' }),
    files: z.array(PmtilesFileSchema),
  })
  .openapi('PmtilesFiles');

export const FileNameParamSchema = z.object({ name: pmtilesFileNameSchema.openapi({ param: { name: 'name', in: 'path' } }) });
