/** Request and response shapes of `/api/jobs`: one job resource for every kind of long work. */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { JOB_STATES } from './job.store.js';

export const JobIdParam = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, { error: 'expected a job id (a positive whole number)' })
    .openapi({ param: { name: 'id', in: 'path' }, example: '12' }),
});

export const JobListQuery = z.object({
  kind: z
    .string()
    .max(60)
    .regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR })
    .optional()
    .openapi({ description: 'e.g. district.import' }),
  state: z.enum(JOB_STATES).optional(),
  district: z
    .string()
    .regex(/^\d{6}$/, { error: 'expected a 6-digit district code' })
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const JobErrorSchema = z
  .object({
    code: z.string().openapi({ description: 'interrupted | cancelled | invalid_input | rejected_rows | internal | …' }),
    message: z.string(),
  })
  .openapi('JobError');

export const JobSchema = z
  .object({
    id: z.number(),
    kind: z.string().openapi({ example: 'district.import' }),
    districtCode: z.string().nullable(),
    state: z.enum(JOB_STATES),
    progress: z.number().openapi({ description: '0 … 1' }),
    phase: z.string().nullable().openapi({ description: 'the step running now, e.g. read, normalise, check, apply' }),
    message: z.string().nullable(),
    params: z.record(z.string(), z.unknown()),
    result: z.unknown().openapi({ description: 'what the job produced: an import report, an export file, …' }),
    error: JobErrorSchema.nullable(),
    resumable: z.boolean(),
    attempts: z.number(),
    cancelRequested: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    heartbeatAt: z.string().nullable(),
  })
  .openapi('Job');

export const JobListSchema = z.object({ jobs: z.array(JobSchema) }).openapi('JobList');

/** What a route that starts long work answers with its 202 (and `Location: /api/jobs/:id`). */
export const JobAcceptedSchema = z.object({ job: JobSchema, href: z.string().openapi({ example: '/api/jobs/12' }) }).openapi('JobAccepted');

export type JobError = z.infer<typeof JobErrorSchema>;
export type Job = z.infer<typeof JobSchema>;
export type JobState = Job['state'];
export type JobList = z.infer<typeof JobListSchema>;
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;
