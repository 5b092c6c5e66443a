/**
 * The core plan rules run on a plan as stored: its grids, its communities' boundaries and
 * their buildings (a footprint held by the grid with its largest share, as the map layers
 * count by; a point building by the grid containing it), with the district's active rule profile. Used inside a save's or a transition's
 * transaction, on the rows just written.
 */
import {
  createUnitIndex,
  validatePlan,
  type PlanCommunity,
  type PlanGrid,
  type PlanUnit,
  type PlanValidation,
  type RuleProfile,
} from '@gridatlas/core';
import type { Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { RULE_PROFILE_COLUMNS, toRuleProfile } from '../regions/active-rule-profile.js';

function footprintOf(json: string): { footprint?: Polygon['coordinates'] } {
  const g = JSON.parse(json) as { type: string; coordinates: unknown };
  return g.type === 'Polygon' ? { footprint: (g as Polygon).coordinates } : {};
}

/** Communities under `regionCode` and their buildings, as the core engine takes them. */
export async function loadPlanContext(
  db: Db,
  districtCode: string,
  regionCode: string,
): Promise<{ communities: PlanCommunity[]; units: PlanUnit[] }> {
  const communities = await db.query<{ code: string; g: string }>(
    `SELECT code, ST_AsGeoJSON(boundary) AS g FROM regions WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' ORDER BY code`,
    [districtCode, regionCode],
  );
  const buildings = await db.query<{
    id: number;
    compound: number | null;
    households: number;
    persons: number;
    x: number;
    y: number;
    f: string;
  }>(
    `SELECT id, compound_id AS compound, households, persons, ST_X(p) AS x, ST_Y(p) AS y, ST_AsGeoJSON(footprint) AS f
     FROM (SELECT *, ST_PointOnSurface(footprint) AS p FROM buildings WHERE district_code = $1 AND community_code LIKE $2 || '%') b ORDER BY id`,
    [districtCode, regionCode],
  );
  return {
    communities: communities.rows.map((r) => ({ code: r.code, geometry: JSON.parse(r.g) as Polygon })),
    units: buildings.rows.map((b) => ({
      id: String(b.id),
      point: [b.x, b.y],
      households: b.households,
      persons: b.persons,
      // A building known only by its address has a point for a footprint.
      ...footprintOf(b.f),
      compoundId: b.compound === null ? null : String(b.compound),
    })),
  };
}

export async function loadPlanGrids(db: Db, districtCode: string, planId: number): Promise<PlanGrid[]> {
  const r = await db.query<{ code: string; community: string; zone: string | null; type: 'comprehensive' | 'dedicated'; g: string }>(
    `SELECT code, community_code AS community, zone_code AS zone, type, ST_AsGeoJSON(geometry) AS g
     FROM grids WHERE district_code = $1 AND plan_id = $2 ORDER BY code`,
    [districtCode, planId],
  );
  return r.rows.map((g) => ({
    code: g.code,
    communityCode: g.community,
    zoneCode: g.zone,
    type: g.type,
    geometry: JSON.parse(g.g) as Polygon,
  }));
}

interface BuildingRow {
  id: number;
  compound: number | null;
  households: number;
  persons: number;
  x: number;
  y: number;
  f: { type: string; coordinates: unknown };
}

const toUnit = (b: BuildingRow): PlanUnit => ({
  id: String(b.id),
  point: [b.x, b.y],
  households: b.households,
  persons: b.persons,
  // A building known only by its address has a point for a footprint.
  ...(b.f.type === 'Polygon' ? { footprint: (b.f as Polygon).coordinates } : {}),
  compoundId: b.compound === null ? null : String(b.compound),
});

/**
 * Everything the core rules need for plan $2 of district $1 covering region $3, its grids read
 * from relation `grids` (the table, or a save's rows as it writes them), in one query (the same
 * rows as loadPlanGrids, loadPlanContext and activeRuleProfile): a save or a transition runs it
 * inside its transaction, alone or as part of a larger statement (plan-checks.sql.ts), where
 * every round trip is one more wait for the connection.
 */
export const validationInputsSql = (grids: string): string => `SELECT
       (SELECT coalesce(json_agg(json_build_object('code', code, 'communityCode', community_code, 'zoneCode', zone_code, 'type', type,
          'geometry', ST_AsGeoJSON(geometry)::json) ORDER BY code), '[]')
        FROM ${grids} WHERE district_code = $1 AND plan_id = $2) AS grids,
       (SELECT coalesce(json_agg(json_build_object('code', code, 'geometry', ST_AsGeoJSON(boundary)::json) ORDER BY code), '[]')
        FROM regions WHERE district_code = $1 AND level = 'community' AND code LIKE $3 || '%') AS communities,
       (SELECT coalesce(json_agg(json_build_object('id', id, 'compound', compound_id, 'households', households, 'persons', persons,
          'x', ST_X(p), 'y', ST_Y(p), 'f', ST_AsGeoJSON(footprint)::json) ORDER BY id), '[]')
        FROM (SELECT *, ST_PointOnSurface(footprint) AS p FROM buildings WHERE district_code = $1 AND community_code LIKE $3 || '%') b) AS buildings,
       (SELECT row_to_json(rp) FROM (SELECT ${RULE_PROFILE_COLUMNS} FROM rule_profiles WHERE district_code = $1 AND active) rp) AS profile`;

/** The row of validationInputsSql. */
export interface ValidationInputsRow {
  grids: PlanGrid[];
  communities: PlanCommunity[];
  buildings: BuildingRow[];
  profile: RuleProfile | null;
}

/** The row of validationInputsSql as validatePlan takes it. */
export function toValidationInput(row: ValidationInputsRow): Parameters<typeof validatePlan>[0] {
  return {
    communities: row.communities,
    grids: row.grids,
    units: createUnitIndex(row.buildings.map(toUnit)),
    profile: toRuleProfile(row.profile),
  };
}

/** Validates plan `planId` (covering `regionCode`) with the core rules. */
export async function validateStoredPlan(db: Db, plan: { id: number; districtCode: string; regionCode: string }): Promise<PlanValidation> {
  const r = await db.query<ValidationInputsRow>(validationInputsSql('grids'), [plan.districtCode, plan.id, plan.regionCode]);
  return validatePlan(toValidationInput(r.rows[0]!));
}

/** The problems of `v` stored with a plan: its warnings (errors refuse the write). */
export const warningsOf = (v: PlanValidation): PlanValidation['problems'] => v.problems.filter((p) => p.severity === 'warning');

/** Stores the warnings of `v` with the plan (errors are never stored: they refuse the write). */
export async function storeProblems(db: Db, plan: { id: number; districtCode: string }, v: PlanValidation): Promise<void> {
  const warnings = warningsOf(v);
  await db.query('UPDATE plans SET problems = $3::jsonb WHERE district_code = $1 AND id = $2', [
    plan.districtCode,
    plan.id,
    JSON.stringify(warnings),
  ]);
}
