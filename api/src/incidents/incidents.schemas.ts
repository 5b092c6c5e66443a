/** What the incident loop's routes answer (issue 18). Positions are `[lng, lat]` WGS84 degrees. */
import { z } from '@hono/zod-openapi';
import { INCIDENT_STATES } from '../analytics/incidents-filter.js';

const Assignee = z
  .object({ kind: z.enum(['department', 'staff']), id: z.number(), name: z.string() })
  .nullable()
  .openapi('IncidentAssignee');

export const IncidentSummarySchema = z
  .object({
    districtCode: z.string(),
    id: z.number(),
    code: z.string(),
    category: z.string(),
    channel: z.string(),
    state: z.enum(INCIDENT_STATES),
    closure: z.string().nullable(),
    escalationLevel: z.number(),
    reworkCount: z.number(),
    reportedAt: z.string(),
    deadlineAt: z.string().nullable(),
    overdue: z.boolean().openapi({ description: 'past the deadline while it runs (dispatched, in progress)' }),
    position: z.tuple([z.number(), z.number()]).openapi({ description: '[lng, lat] WGS84 degrees' }),
    communityCode: z.string().nullable(),
    gridCode: z.string().nullable(),
    assignee: Assignee,
    description: z.string().nullable(),
    version: z.number(),
  })
  .openapi('IncidentSummary');
export type IncidentSummary = z.infer<typeof IncidentSummarySchema>;

export const IncidentListSchema = z
  .object({
    total: z.number().openapi({ description: 'incidents matching every filter' }),
    page: z.number(),
    pageSize: z.number(),
    counts: z.record(z.string(), z.number()).openapi({ description: 'per state, over every filter but the state filter' }),
    overdue: z.number().openapi({ description: 'overdue among those the filters (but state) match' }),
    incidents: z.array(IncidentSummarySchema),
  })
  .openapi('IncidentList');

export const IncidentMapSchema = z
  .object({
    count: z.number(),
    truncated: z.boolean(),
    states: z.array(z.string()).openapi({ description: 'the state names `state` indexes' }),
    ids: z.array(z.number()),
    positions: z.array(z.number()).openapi({ description: 'lng, lat pairs, flat, 6 decimals' }),
    state: z.array(z.number()).openapi({ description: 'index into `states` per incident' }),
    flags: z.array(z.number()).openapi({ description: 'bit 0 overdue, bit 1 returned for rework' }),
  })
  .openapi('IncidentMap');

export const TransitionSchema = z
  .object({
    seq: z.number(),
    state: z.string(),
    at: z.string(),
    role: z.string(),
    actor: z.string().nullable().openapi({ description: 'the user, or the staff member recorded by the demo data' }),
    position: z.tuple([z.number(), z.number()]).nullable(),
    note: z.string().nullable(),
    assignee: Assignee,
  })
  .openapi('IncidentTransition');

export const OptionSchema = z.object({
  id: z.number(),
  name: z.string(),
  role: z.string().optional().openapi({ description: 'the role key (staff_roles), for staff' }),
  roleZh: z.string().optional().openapi({ description: 'the role as people call it, in Chinese' }),
  roleEn: z.string().optional().openapi({ description: 'the role in English' }),
});

export const IncidentDetailSchema = IncidentSummarySchema.extend({
  photos: z.array(z.number()).openapi({ description: 'photo ids: GET /api/incidents/{district}/{id}/photos/{photoId}' }),
  timeline: z.array(TransitionSchema),
  next: z.array(z.string()).openapi({ description: 'states your roles may move it to now' }),
}).openapi('IncidentDetail');
export type IncidentDetail = z.infer<typeof IncidentDetailSchema>;

export const IncidentOptionsSchema = z
  .object({
    categories: z.array(z.object({ category: z.string(), deadlineHours: z.number(), department: z.string().nullable() })),
    departments: z.array(OptionSchema),
    gridStaff: z.array(OptionSchema).openapi({ description: 'staff assigned to the grid asked for, with their role' }),
  })
  .openapi('IncidentOptions');

export const TransitionRequestSchema = z
  .object({
    to: z.enum(INCIDENT_STATES),
    version: z.number().int().min(1).openapi({ description: 'the version you saw' }),
    note: z.string().trim().max(500).optional(),
    position: z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .optional()
      .openapi({ description: 'where you are, [lng, lat]' }),
    department: z.number().int().positive().optional(),
    staff: z.number().int().positive().optional(),
    closure: z.enum(['normal', 'overdue', 'erroneous', 'special']).optional(),
  })
  .openapi('IncidentTransitionRequest');

export type IncidentList = z.infer<typeof IncidentListSchema>;
export type IncidentMap = z.infer<typeof IncidentMapSchema>;
export type IncidentOptions = z.infer<typeof IncidentOptionsSchema>;
export type TransitionRequest = z.infer<typeof TransitionRequestSchema>;
