/**
 * The staffing-model editor's contract (issue 18). Keys are lower-case ASCII
 * (`^[a-z][a-z0-9_]{0,39}$`), names free text without control characters; limits are per
 * worker: grids served and households in them (null: no limit).
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';
import { ModelRoleSchema } from './staff.schemas.js';

const KEY = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'expected a key of lower-case letters, digits and _ (at most 40), such as zone_manager' });
const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(40, { error: `${what} may be at most 40 characters` })
    .regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR });
const DISTRICT = z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit district code' });
const limit = (what: string) =>
  z
    .number()
    .int({ error: `${what} must be a whole number` })
    .min(1, { error: `${what} must be at least 1, or null for no limit` })
    .max(100_000, { error: `${what} may be at most 100000` })
    .nullable();

export const StaffModelRecordSchema = z
  .object({
    key: z.string(),
    zh: z.string(),
    en: z.string(),
    ownerDistrict: z.string().nullable().openapi({ description: 'the district owning the copy; null: built-in, read-only' }),
    version: z.number().int(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
    roles: z.array(ModelRoleSchema),
  })
  .openapi('StaffModelRecord');

export const DistrictModelsSchema = z
  .object({
    chosen: z.string(),
    models: z.array(StaffModelRecordSchema),
    holders: z.record(z.string(), z.number().int()).openapi({ description: 'active workers of the district per role key' }),
  })
  .openapi('DistrictStaffModels');

export const ModelRoleInputSchema = z.object({
  key: KEY,
  zh: name('the Chinese role name'),
  en: name('the English role name'),
  scope: z.enum(['grid', 'zone', 'community'], { error: 'scope must be grid, zone or community' }),
  required: z.boolean(),
  maxGrids: limit('maxGrids'),
  maxHouseholds: limit('maxHouseholds'),
});

export const ModelEditSchema = z
  .object({
    district: DISTRICT,
    version: z.number().int().min(1),
    zh: name('the Chinese model name'),
    en: name('the English model name'),
    roles: z
      .array(ModelRoleInputSchema)
      .min(1, { error: 'a staffing model needs at least one role' })
      .max(40, { error: 'a staffing model may have at most 40 roles' })
      .refine((roles) => new Set(roles.map((r) => r.key)).size === roles.length, { error: 'each role key may appear once' }),
  })
  .openapi('StaffModelEdit');

export const ModelCopySchema = z
  .object({ district: DISTRICT, from: KEY, key: KEY, zh: name('the Chinese model name'), en: name('the English model name') })
  .openapi('StaffModelCopy');

export const ModelChoiceSchema = z.object({ district: DISTRICT, model: KEY }).openapi('StaffModelChoice');

export type DistrictModelsBody = z.infer<typeof DistrictModelsSchema>;
export type StaffModelRecordBody = z.infer<typeof StaffModelRecordSchema>;
export type ModelEditBody = z.input<typeof ModelEditSchema>;
export type ModelRoleInputBody = z.input<typeof ModelRoleInputSchema>;
