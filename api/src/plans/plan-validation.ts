/**
 * The core plan rules run on a plan as stored: its grids, its communities' boundaries and
 * their buildings (a footprint held by the grid with its largest share, as the map layers
 * count by; a point building by the grid containing it), with the district's active rule profile. Used inside a save's or a transition's
 * transaction, on the rows just written.
 */
import { createUnitIndex, validatePlan, type PlanCommunity, type PlanGrid, type PlanUnit, type PlanValidation } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';

function footprintOf(json: string): { footprint?: Polygon['coordinates'] } {
  const g = JSON.parse(json) as { type: string; coordinates: unknown };
  return g.type === 'Polygon' ? { footprint: (g as Polygon).coordinates } : {};
}

/** Communities under `regionCode` and their buildings, as the core engine takes them. */
export async function loadPlanContext(db: Db, districtCode: string, regionCode: string): Promise<{ communities: PlanCommunity[]; units: PlanUnit[] }> {
  const communities = await db.query<{ code: string; g: string }>(
    `SELECT code, ST_AsGeoJSON(boundary) AS g FROM regions WHERE district_code = $1 AND level = 'community' AND code LIKE $2 || '%' ORDER BY code`,
    [districtCode, regionCode],
  );
  const buildings = await db.query<{ id: number; compound: number | null; households: number; persons: number; x: number; y: number; f: string }>(
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
  return r.rows.map((g) => ({ code: g.code, communityCode: g.community, zoneCode: g.zone, type: g.type, geometry: JSON.parse(g.g) as Polygon }));
}

/** Validates plan `planId` (covering `regionCode`) with the core rules. */
export async function validateStoredPlan(db: Db, plan: { id: number; districtCode: string; regionCode: string }): Promise<PlanValidation> {
  const grids = await loadPlanGrids(db, plan.districtCode, plan.id);
  const { communities, units } = await loadPlanContext(db, plan.districtCode, plan.regionCode);
  const profile = await activeRuleProfile(db, plan.districtCode);
  return validatePlan({ communities, grids, units: createUnitIndex(units), profile });
}

/** Stores the warnings of `v` with the plan (errors are never stored: they refuse the write). */
export async function storeProblems(db: Db, plan: { id: number; districtCode: string }, v: PlanValidation): Promise<void> {
  const warnings = v.problems.filter((p) => p.severity === 'warning');
  await db.query('UPDATE plans SET problems = $3::jsonb WHERE district_code = $1 AND id = $2', [plan.districtCode, plan.id, JSON.stringify(warnings)]);
}
