/**
 * Service hours of the notice boards (`/api/service-hours`, issue 17): a district's text, a
 * community's override, and the text a board of a region posts, in zh and en.
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

const CODE = z.string().regex(/^\d{6}(\d{6})?$/, { error: 'expected a 6-digit district code or a 12-digit community code' });

const hoursText = (lang: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${lang}: the service hours are needed` })
    .max(120, { error: `${lang}: at most 120 characters` })
    // PostgreSQL refuses NUL and unpaired surrogates: a 400 here, not a 500.
    .regex(NO_CONTROL_CHARS, { error: `${lang} ${NO_CONTROL_CHARS_ERROR}` });

export const ServiceHoursTextSchema = z
  .object({
    zh: hoursText('zh').openapi({ example: '周一至周五 8:30–12:00，14:30–18:00' }),
    en: hoursText('en').openapi({ example: 'Mon–Fri 8:30–12:00, 14:30–18:00' }),
  })
  .openapi('ServiceHoursText');
export type ServiceHoursText = z.infer<typeof ServiceHoursTextSchema>;

const StoredSchema = ServiceHoursTextSchema.extend({
  regionCode: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
}).openapi('StoredServiceHours');
export type StoredServiceHours = z.infer<typeof StoredSchema>;

export const ServiceHoursSchema = z
  .object({
    region: z.string().openapi({ description: 'the region asked about' }),
    district: StoredSchema.nullable().openapi({ description: "the district's text; null: the built-in default" }),
    community: StoredSchema.nullable().openapi({ description: "the region's community override (a community or a grid asked); else null" }),
    effective: ServiceHoursTextSchema.extend({
      source: z.enum(['community', 'district', 'default']),
    }).openapi({ description: 'what a board of the region posts' }),
  })
  .openapi('ServiceHours');
export type ServiceHours = z.infer<typeof ServiceHoursSchema>;

export const ServiceHoursQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{6}(\d{3}){0,3}$/, { error: 'expected a region code (6, 9 or 12 digits) or a 15-digit grid code' })
    .openapi({ param: { name: 'region', in: 'query' }, example: '610104001001' }),
});

export const ServiceHoursUpdateSchema = ServiceHoursTextSchema.extend({
  region: CODE.openapi({ description: 'a district (its text) or a community (its override)' }),
})
  .strict()
  .openapi('ServiceHoursUpdate');
export type ServiceHoursUpdate = z.input<typeof ServiceHoursUpdateSchema>;

export const ServiceHoursDeleteQuerySchema = z.object({
  region: CODE.openapi({ param: { name: 'region', in: 'query' }, example: '610104001001' }),
});
