/**
 * The dispatcher's filters over incidents: the analytics filters (region, period, category,
 * channel, state; see analytics/incidents-filter.ts) plus overdue, rework, assignee, grid and
 * free text, validated at the edge, and the SQL they become.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { IncidentFilterQuery, incidentConditions, resolveIncidentFilter, type IncidentFilter } from '../analytics/incidents-filter.js';
import type { AppEnv } from '../http/app-env.js';
import { NO_CONTROL_CHARS, NO_CONTROL_CHARS_ERROR } from '../http/safe-text.js';

/** States in which the deadline runs: dispatched to someone and not yet reported handled. */
export const RUNNING_STATES = ['dispatched', 'in_progress'] as const;
/** States the dispatcher still has to act on or wait for (the default list). */
export const OPEN_STATES = ['reported', 'accepted', 'registered', 'dispatched', 'in_progress', 'feedback', 'verified'] as const;

/** SQL: the incident (alias i) is past its deadline while the deadline still runs. */
export const OVERDUE_SQL = `(i.deadline_at < now() AND i.state IN ('dispatched', 'in_progress'))`;

const yesNo = (what: string) =>
  z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ type: 'string', description: what });

export const IncidentListQuery = IncidentFilterQuery.extend({
  overdue: yesNo('true: only incidents past their deadline while it runs (dispatched, in progress); false: only the others'),
  rework: yesNo('true: only incidents returned for rework at least once'),
  assignee: z
    .string()
    .regex(/^(none|department:[1-9]\d{0,15}|staff:[1-9]\d{0,15})$/, {
      error: 'expected "none", "department:<id>" or "staff:<id>"',
    })
    .optional()
    .openapi({ description: 'none, department:<id> or staff:<id>' }),
  grid: z
    .string()
    .regex(/^\d{15}$/, { error: 'expected a 15-digit grid code' })
    .optional()
    .openapi({ description: 'the in-force grid of the incident' }),
  q: z
    .string()
    .trim()
    .max(80)
    .regex(NO_CONTROL_CHARS, { error: NO_CONTROL_CHARS_ERROR })
    .optional()
    .openapi({ description: 'text in the code, category or description' }),
});
export type IncidentListInput = z.infer<typeof IncidentListQuery>;

export interface IncidentQuery extends IncidentFilter {
  overdue: boolean | null;
  rework: boolean | null;
  assignee: { kind: 'none' } | { kind: 'department' | 'staff'; id: number } | null;
  grid: string | null;
  text: string | null;
}

/** Resolves the region (403 outside the jurisdiction, 404 unknown) and the extra filters. */
export async function resolveIncidentQuery(c: Context<AppEnv>, q: IncidentListInput): Promise<IncidentQuery> {
  const base = await resolveIncidentFilter(c, q);
  let assignee: IncidentQuery['assignee'] = null;
  if (q.assignee === 'none') assignee = { kind: 'none' };
  else if (q.assignee) {
    const [kind, id] = q.assignee.split(':') as ['department' | 'staff', string];
    assignee = { kind, id: Number(id) };
  }
  return {
    ...base,
    overdue: q.overdue ?? null,
    rework: q.rework ?? null,
    assignee,
    grid: q.grid ?? null,
    text: q.q ? q.q : null,
  };
}

/** A LIKE pattern matching `text` literally anywhere. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * SQL conditions on incidents (alias `i`) for a query, appending parameters to `params`;
 * `withStates: false` leaves the state filter out (the counts per state beside a list).
 */
export function incidentQueryConditions(f: IncidentQuery, params: unknown[], withStates = true): string {
  const parts = [incidentConditions(withStates ? f : { ...f, states: null }, params)];
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (f.overdue === true) parts.push(OVERDUE_SQL);
  if (f.overdue === false) parts.push(`NOT ${OVERDUE_SQL}`);
  if (f.rework === true) parts.push('i.rework_count > 0');
  if (f.rework === false) parts.push('i.rework_count = 0');
  if (f.assignee?.kind === 'none') parts.push('i.assignee_department_id IS NULL AND i.assignee_staff_id IS NULL');
  if (f.assignee?.kind === 'department') parts.push(`i.assignee_department_id = ${p(f.assignee.id)}::bigint`);
  if (f.assignee?.kind === 'staff') parts.push(`i.assignee_staff_id = ${p(f.assignee.id)}::bigint`);
  if (f.grid !== null) parts.push(`i.grid_code = ${p(f.grid)}`);
  if (f.text !== null) {
    const t = p(containing(f.text));
    parts.push(`(i.code ILIKE ${t} OR i.category ILIKE ${t} OR i.description ILIKE ${t})`);
  }
  return parts.join(' AND ');
}
