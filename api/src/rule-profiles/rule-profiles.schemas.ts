/**
 * Rule profiles' contract: a profile as the API answers it and the one `POST /api/rule-profiles`
 * takes; named so clients take their types from here (see ../contract.ts).
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

/** The rule itself, as every answer that carries a profile gives it (a profile, /api/meta's active one). */
export const RULE_FIELDS = {
  maxHouseholds: z.number(),
  maxPersons: z.number(),
  combine: z.enum(['any', 'all']),
  underFillRatio: z.number(),
  minGridsPerZone: z.number(),
  maxGridsPerZone: z.number(),
  sliverM2: z.number(),
  sliverWidthM: z.number(),
};

export const ProfileSchema = z
  .object({
    id: z.number(),
    districtCode: z.string(),
    name: z.string(),
    active: z.boolean(),
    createdAt: z.string(),
    ...RULE_FIELDS,
  })
  .openapi('RuleProfile');
export type Profile = z.infer<typeof ProfileSchema>;

export const NewProfile = z
  .object({
    districtCode: z.string().regex(/^\d{6}$/, { error: 'expected a 6-digit district code' }),
    name: z.string().trim().min(1).max(100).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR }),
    maxHouseholds: z.number().int().min(1).max(100_000).openapi({ description: 'households per grid at most (300 nationally)' }),
    maxPersons: z.number().int().min(1).max(1_000_000).openapi({ description: 'persons per grid at most (1000 nationally)' }),
    combine: z.enum(['any', 'all']).openapi({ description: '`any`: meeting either cap suffices (300户或1000人); `all`: both' }),
    underFillRatio: z.number().min(0).max(0.99).openapi({ description: 'share of the cap below which a grid is too small' }),
    minGridsPerZone: z.number().int().min(1).max(50),
    maxGridsPerZone: z.number().int().min(1).max(50),
    sliverM2: z.number().min(0).max(1000).default(1).openapi({ description: 'gaps/overlaps under this area are ignored, m²' }),
    sliverWidthM: z.number().min(0).max(20).default(0.5).openapi({ description: 'gaps/overlaps thinner than this are ignored, m' }),
    activate: z.boolean().default(false),
  })
  .refine((p) => p.maxGridsPerZone >= p.minGridsPerZone, {
    error: 'maxGridsPerZone must be at least minGridsPerZone',
    path: ['maxGridsPerZone'],
  })
  .openapi('NewRuleProfile');

export type NewProfileRequest = z.input<typeof NewProfile>;
