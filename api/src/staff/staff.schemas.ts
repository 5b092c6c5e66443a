/**
 * The roster's contract (issue 18). Workers carry their work phone only; `gender` and
 * `birthYear` appear for roster editors (`staff.edit`) alone. Codes: grid 15 digits, zone 14,
 * community 12, subdistrict 9. Households are counts of households in the grids served.
 */
import { z } from '@hono/zod-openapi';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

const text = (max: number) => z.string().trim().max(max).regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR });
const GRID_CODE = z.string().regex(/^\d{15}$/, { error: 'expected a 15-digit grid code' });
const ZONE_CODE = z.string().regex(/^\d{14}$/, { error: 'expected a 14-digit zone code' });
const AREA_CODE = z.string().regex(/^\d{9}(\d{3})?$/, { error: 'expected a 9-digit subdistrict or 12-digit community code' });
const ROLE_KEY = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { error: 'expected a role key such as information_officer' });
/** A work phone as offices write it: digits, spaces, +, -, parentheses, an extension. */
const PHONE = z
  .string()
  .trim()
  .max(40)
  .regex(/^[0-9+\-() ]*(?:(?:转|ext\.?|x)\s*\d+)?$/i, { error: 'expected a phone number (digits, +, -, spaces, parentheses)' });

export const ModelRoleSchema = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  scope: z.enum(['grid', 'zone', 'community']),
  required: z.boolean(),
  maxGrids: z.number().int().nullable(),
  maxHouseholds: z.number().int().nullable(),
});
export const StaffModelSchema = z
  .object({ key: z.string(), zh: z.string(), en: z.string(), roles: z.array(ModelRoleSchema) })
  .openapi('StaffModel');

export const AssignmentSchema = z.object({
  id: z.number().int(),
  role: z.string(),
  regionCode: z.string(),
  zoneCode: z.string().nullable(),
  gridCode: z.string().nullable(),
});

export const WorkerSchema = z
  .object({
    districtCode: z.string(),
    id: z.number().int(),
    name: z.string(),
    phone: z.string().nullable().openapi({ description: 'the work phone' }),
    regionCode: z.string(),
    active: z.boolean(),
    version: z.number().int(),
    updatedBy: z.string().nullable(),
    updatedAt: z.string(),
    assignments: z.array(AssignmentSchema),
    gender: z.enum(['F', 'M']).nullable().optional().openapi({ description: 'roster editors only' }),
    birthYear: z.number().int().nullable().optional().openapi({ description: 'roster editors only' }),
  })
  .openapi('Worker');

export const WorkerListSchema = z.object({ total: z.number().int(), workers: z.array(WorkerSchema) });

export const AssignmentInputSchema = z.object({
  role: ROLE_KEY,
  gridCode: GRID_CODE.nullable().optional(),
  zoneCode: ZONE_CODE.nullable().optional(),
  regionCode: AREA_CODE.nullable().optional(),
});

const workerFields = {
  name: text(60).min(1, { error: 'a worker needs a name' }),
  phone: PHONE.nullable().optional(),
  gender: z.enum(['F', 'M']).nullable().optional(),
  birthYear: z.number().int().min(1920).max(2015).nullable().optional(),
};

export const NewWorkerSchema = z.object({
  regionCode: AREA_CODE.openapi({ description: 'the community (or subdistrict) the worker belongs to' }),
  ...workerFields,
  assignments: z.array(AssignmentInputSchema).max(50).default([]),
});

export const WorkerUpdateSchema = z.object({
  version: z.number().int().min(1),
  name: workerFields.name.optional(),
  phone: workerFields.phone,
  gender: workerFields.gender,
  birthYear: workerFields.birthYear,
  regionCode: AREA_CODE.optional(),
  active: z.boolean().optional().openapi({ description: 'false deactivates: the worker leaves every assignment' }),
});

export const AssignmentsUpdateSchema = z.object({
  version: z.number().int().min(1),
  assignments: z.array(AssignmentInputSchema).max(50),
});

const ServingSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  role: z.string(),
  via: z.enum(['grid', 'zone', 'region']),
});

export const GridStaffingSchema = z.object({
  code: z.string(),
  name: z.string(),
  communityCode: z.string(),
  zoneCode: z.string().nullable(),
  households: z.number().int(),
  missing: z.array(z.string()).openapi({ description: 'required roles nobody serves in this grid' }),
  staff: z.array(ServingSchema),
  overloaded: z.boolean(),
});

export const StaffChecksSchema = z
  .object({
    model: StaffModelSchema,
    grids: z.array(GridStaffingSchema),
    overloaded: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        role: z.string(),
        grids: z.number().int(),
        households: z.number().int(),
        maxGrids: z.number().int().nullable(),
        maxHouseholds: z.number().int().nullable(),
        workload: z.number().nullable().openapi({ description: 'sum of the workload index of the grids served (district mean grid = 1)' }),
      }),
    ),
    needsGrid: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        regionCode: z.string(),
        lostGrids: z.array(z.string()),
        pendingProposals: z.number().int(),
      }),
    ),
  })
  .openapi('StaffChecks');

export const ProposalSchema = z.object({
  id: z.number().int(),
  districtCode: z.string(),
  planId: z.number().int(),
  staffId: z.number().int(),
  staffName: z.string(),
  role: z.string(),
  kind: z.enum(['grid', 'zone', 'needs_zone']).openapi({
    description:
      "grid: a grid role's new grid; zone: a zone role's new zone; needs_zone: the successor grids carry no zone (dismiss once handled)",
  }),
  fromGridCode: z.string().nullable(),
  gridCode: z.string().nullable(),
  gridName: z.string().nullable(),
  fromZoneCode: z.string().nullable(),
  zoneCode: z.string().nullable(),
  successorGrids: z.array(z.string()).openapi({ description: 'zone kinds: the grids in force that took the old zone’s area' }),
  regionCode: z.string(),
  sharedM2: z.number(),
  status: z.enum(['pending', 'confirmed', 'rejected']),
  decidedBy: z.string().nullable(),
});

export const ListQuerySchema = z.object({
  region: z
    .string()
    .regex(/^\d{6}(\d{3}){0,2}$/, { error: 'expected a region code of 6, 9 or 12 digits' })
    .optional(),
  q: text(40).optional().openapi({ description: 'part of a name or phone' }),
  role: ROLE_KEY.optional(),
  grid: GRID_CODE.optional(),
  active: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type StaffModelBody = z.infer<typeof StaffModelSchema>;
export type WorkerBody = z.infer<typeof WorkerSchema>;
export type WorkerList = z.infer<typeof WorkerListSchema>;
export type NewWorker = z.input<typeof NewWorkerSchema>;
export type WorkerUpdate = z.input<typeof WorkerUpdateSchema>;
export type AssignmentInput = z.input<typeof AssignmentInputSchema>;
export type StaffChecksBody = z.infer<typeof StaffChecksSchema>;
export type GridStaffingBody = z.infer<typeof GridStaffingSchema>;
export type ProposalBody = z.infer<typeof ProposalSchema>;
