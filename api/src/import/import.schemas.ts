/**
 * The contract of `POST /api/import/incidents|tracks`: the options (as JSON beside the file, or
 * inline with a base64 file), and the report every upload answers with; named so clients take
 * their types from here (see ../contract.ts).
 */
import { z } from '@hono/zod-openapi';
import { CRS_FORMS, CrsError, parseCrs } from '@gridatlas/core';
import { IMPORT_FORMATS } from './import.types.js';

const name = z.string().trim().min(1).max(100);
export const ImportOptions = z.object({
  district: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .openapi({ description: 'the district to import into; needed when the database holds several' }),
  format: z.enum(IMPORT_FORMATS).optional().openapi({ description: 'default: from the file name' }),
  crs: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .superRefine((text, ctx) => {
      try {
        parseCrs(text);
      } catch (error) {
        if (!(error instanceof CrsError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    })
    .default('wgs84')
    .openapi({
      description: `source coordinate system, converted to WGS84 before positions are checked (cgcs2000 is taken as WGS84): ${CRS_FORMS}`,
    }),
  fields: z
    .object({
      lng: name.optional(),
      lat: name.optional(),
      time: name.optional(),
      category: name.optional(),
      id: name.optional(),
      worker: name.optional(),
    })
    .default({})
    .openapi({ description: 'source field names; unset ones are guessed (lng/lon/x/经度…)' }),
  timeFormat: z.string().max(40).optional().openapi({ description: 'e.g. "DD.MM.YYYY HH:mm"; default: ISO 8601 and the common forms' }),
  utcOffset: z
    .string()
    .regex(/^([+-]\d{2}:?\d{2}|Z)$/)
    .default('+08:00'),
  dryRun: z.boolean().default(false),
  layer: name.optional().openapi({ description: 'shapefile layer or XLSX sheet' }),
  encoding: z.string().max(20).optional(),
  delimiter: z.string().min(1).max(1).optional(),
  categoryMap: z.record(z.string().max(100), z.string().max(100)).optional(),
  defaultCategory: name.optional(),
  rejectUnknownCategory: z.boolean().optional(),
  channel: name.optional(),
  worker: name.optional().openapi({ description: 'tracks: the worker of every point when no worker field is mapped' }),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export const JsonUpload = ImportOptions.extend({
  fileName: z.string().trim().min(1).max(200),
  content: z.string().openapi({ description: 'the file, base64' }),
}).openapi('ImportUpload');
export const FormUpload = z.object({
  file: z.any().openapi({ type: 'string', format: 'binary' }),
  options: z.string().optional().openapi({ description: 'the options as JSON' }),
});

export const ImportReportSchema = z
  .object({
    kind: z.enum(['incidents', 'tracks']),
    format: z.enum(IMPORT_FORMATS),
    file: z.string(),
    dryRun: z.boolean(),
    batchId: z.number().nullable(),
    total: z.number(),
    accepted: z.number(),
    rejected: z.number(),
    reasons: z.record(z.string(), z.number()),
    sample: z.array(z.object({ row: z.number(), layer: z.string().optional(), reason: z.string(), detail: z.string().optional() })),
    repairs: z
      .record(
        z.string(),
        z.object({
          count: z.number(),
          informational: z.boolean().optional(),
          sample: z.object({ row: z.number(), layer: z.string().optional(), detail: z.string() }),
        }),
      )
      .openapi({
        description: 'repairs of accepted positions per reason (z_dropped, single_part_multi, duplicate_vertices): rows and the first one',
      }),
    fields: z.record(z.string(), z.string()),
    layers: z.object({ read: z.array(z.string()), skipped: z.array(z.string()) }).optional(),
    tracks: z.number().optional(),
    timeRange: z.object({ from: z.string(), to: z.string() }).nullable(),
    durationMs: z.number(),
  })
  .openapi('ImportReport');

export type ImportUploadRequest = z.input<typeof JsonUpload>;
export type ImportReportBody = z.infer<typeof ImportReportSchema>;
