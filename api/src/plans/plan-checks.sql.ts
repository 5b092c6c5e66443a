/**
 * Every check of a plan in one statement: the PostGIS checks (grid-checks.sql.ts) and the rows
 * the core rules need (plan-validation.ts), read together inside a save's or a transition's
 * transaction — a transition on the plan's stored grids, a save on the rows it writes in the
 * same statement (replace-grids.sql.ts). Under load every round trip waits its turn for the
 * event loop and the connection; when the PostGIS checks fail, the inputs read with them are
 * simply left unused.
 */
import { validatePlan, type PlanValidation } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { GRID_CHECKS_ORDER, gridChecksSql, toGridProblems, type GridCheckRow } from './grid-checks.sql.js';
import type { GridProblem } from './plan-schemas.js';
import { toValidationInput, validationInputsSql, type ValidationInputsRow } from './plan-validation.js';

export interface PlanChecks {
  /** The PostGIS problems, in the order a refusal lists them; any one refuses the write. */
  geometryProblems: GridProblem[];
  /** The core rules on the same rows (worth running only when there are no PostGIS problems). */
  validate(): PlanValidation;
}

/** The row of planChecksSql. */
export type PlanChecksRow = ValidationInputsRow & { checks: GridCheckRow[] };

/**
 * The checks of plan $2 of district $1 covering region $3, its grids read from relation `grids`
 * (the table, or a save's rows with the table's columns), as one row (PlanChecksRow).
 */
export const planChecksSql = (grids: string): string => `SELECT v.*,
       (SELECT coalesce(json_agg(gc ORDER BY ${GRID_CHECKS_ORDER}), '[]') FROM (${gridChecksSql(grids)}) gc) AS checks
     FROM (${validationInputsSql(grids)}) v`;

/** The row of planChecksSql as checks; `label` names a grid for the client (its code or "#index"). */
export function toPlanChecks(row: PlanChecksRow, label: (code: string) => string): PlanChecks {
  return {
    geometryProblems: toGridProblems(row.checks, label),
    validate: () => validatePlan(toValidationInput(row)),
  };
}

/**
 * Checks plan `plan.id` as stored; `label` names a grid for the client (its code or "#index").
 *
 * @example
 * const checks = await checkStoredPlan(tx, plan, (code) => code);
 * if (checks.geometryProblems.length > 0) throw unprocessable('…', checks.geometryProblems);
 * const validation = checks.validate();
 */
export async function checkStoredPlan(
  db: Db,
  plan: { id: number; districtCode: string; regionCode: string },
  label: (code: string) => string,
): Promise<PlanChecks> {
  const r = await db.query<PlanChecksRow>(planChecksSql('grids'), [plan.districtCode, plan.id, plan.regionCode]);
  return toPlanChecks(r.rows[0]!, label);
}
