/**
 * Reports' contract (issue 17): `POST /api/reports` asks for a monthly report of a region or a
 * briefing's export as PDF or PPTX and gets a job (202); the job's result names the file,
 * fetched from `GET /api/reports/{jobId}/file`.
 */
import { z } from '@hono/zod-openapi';
import { regionCodeSchema } from '../regions/region-scope.js';

export const ReportRequestSchema = z
  .object({
    kind: z
      .enum(['monthly', 'briefing'])
      .openapi({ description: "'monthly': a region's month; 'briefing': one page/slide per briefing slide" }),
    region: regionCodeSchema
      .optional()
      .openapi({ description: 'monthly: district, subdistrict or community code inside your jurisdiction (default: your jurisdiction)' }),
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'expected a month YYYY-MM, e.g. 2026-10' })
      .optional()
      .openapi({ description: 'monthly: the month (default: the last month ended by the district reference date)', example: '2026-10' }),
    briefingId: z.number().int().positive().optional().openapi({ description: 'briefing: the briefing to export' }),
    format: z.enum(['pdf', 'pptx']),
    lang: z.enum(['zh', 'en']).default('zh'),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'briefing' && r.briefingId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['briefingId'], message: 'a briefing export needs briefingId' });
    }
    if (r.kind === 'monthly' && r.briefingId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['briefingId'],
        message: 'briefingId belongs to kind "briefing"; a monthly report takes region and period',
      });
    }
    if (r.kind === 'briefing' && (r.region !== undefined || r.period !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: "a briefing export takes its regions and periods from the briefing's slides: leave region and period out",
      });
    }
  })
  .openapi('ReportRequest');
export type ReportRequest = z.input<typeof ReportRequestSchema>;
export type ReportRequestParsed = z.infer<typeof ReportRequestSchema>;

/** What a finished report job leaves as its result. */
export const ReportResultSchema = z
  .object({
    fileName: z.string().openapi({ example: '350102-monthly-2026-10.pdf' }),
    contentType: z.string(),
    sizeBytes: z.number(),
    sections: z.number().openapi({ description: 'sections (monthly) or briefing slides written' }),
    href: z.string().openapi({ example: '/api/reports/12/file' }),
  })
  .openapi('ReportResult');
export type ReportResult = z.infer<typeof ReportResultSchema>;

export const ReportJobIdParam = z.object({
  jobId: z
    .string()
    .regex(/^\d{1,12}$/, { error: 'expected a job id (digits)' })
    .openapi({ param: { name: 'jobId', in: 'path' }, example: '12' }),
});
