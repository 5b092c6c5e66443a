/**
 * Every check of a stored plan in one statement: the PostGIS checks (grid-checks.sql.ts) and
 * the rows the core rules need (plan-validation.ts), read together inside a save's or a
 * transition's transaction on the rows just written. Under load every round trip waits its turn
 * for the event loop and the connection; when the PostGIS checks fail, the inputs read with
 * them are simply left unused.
 */
import { validatePlan, type PlanValidation } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { GRID_CHECKS_ORDER, GRID_CHECKS_SQL, toGridProblems, type GridCheckRow } from './grid-checks.sql.js';
import type { GridProblem } from './plan-schemas.js';
import { toValidationInput, VALIDATION_INPUTS_SQL, type ValidationInputsRow } from './plan-validation.js';

export interface PlanChecks {
  /** The PostGIS problems, in the order a refusal lists them; any one refuses the write. */
  geometryProblems: GridProblem[];
  /** The core rules on the same rows (worth running only when there are no PostGIS problems). */
  validate(): PlanValidation;
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
  const r = await db.query<ValidationInputsRow & { checks: GridCheckRow[] }>(
    `SELECT v.*,
       (SELECT coalesce(json_agg(gc ORDER BY ${GRID_CHECKS_ORDER}), '[]') FROM (${GRID_CHECKS_SQL}) gc) AS checks
     FROM (${VALIDATION_INPUTS_SQL}) v`,
    [plan.districtCode, plan.id, plan.regionCode],
  );
  const row = r.rows[0]!;
  return {
    geometryProblems: toGridProblems(row.checks, label),
    validate: () => validatePlan(toValidationInput(row)),
  };
}
