/**
 * The engine on a stored draft: divide one community from scratch, or rebalance its grids
 * with as little change as possible, and save the result through the same validated,
 * versioned save as a hand edit (so a stale version is a 409 and a bad result a 422).
 * Other communities' grids in the draft, and the community's dedicated grids, are kept.
 */
import {
  delineateCommunity,
  rebalanceCommunity,
  type BalanceBy,
  type DelineateReport,
  type EngineException,
  type PlanGrid,
  type RebalanceReport,
  type RuleProfile,
} from '@gridatlas/core';
import type { LineString, Polygon } from 'geojson';
import type { Db } from '../db/db.types.js';
import { forbidden, HttpError, notFound } from '../http/http-error.js';
import { activeRuleProfile } from '../regions/active-rule-profile.js';
import type { GridFeature, PlanStatusConflictDetail, PlanVersionConflictDetail } from './plan-schemas.js';
import { findPlan, type PlanRecord } from './plan.store.js';
import { loadPlanContext, loadPlanGrids } from './plan-validation.js';
import { saveGrids, type SaveGridsResult } from './save-grids.js';

export interface EngineRunInput {
  planId: string;
  version: number;
  communityCode: string;
  seed: number;
  /** Plan grids to this share of the caps (divide; default 1). */
  targetFill?: number;
  /** Even out households or persons between the grids (divide; default none). */
  balance?: BalanceBy | 'none';
  jurisdictions: readonly string[];
  username: string;
}

interface CommunityInputs {
  plan: PlanRecord;
  name: string;
  boundary: Polygon;
  streets: LineString[];
  profile: RuleProfile;
  grids: PlanGrid[];
  context: Awaited<ReturnType<typeof loadPlanContext>>;
}

async function communityInputs(db: Db, input: EngineRunInput): Promise<CommunityInputs> {
  const found = await findPlan(db, input.planId, input.jurisdictions);
  if (!found) throw notFound(`no plan with id ${input.planId}`);
  if (!found.visible || !found.editable) throw forbidden(`plan ${input.planId} is not wholly inside your jurisdiction`);
  const { visible: _v, editable: _e, ...plan } = found;
  if (plan.status !== 'draft')
    throw new HttpError(409, 'conflict', `plan ${plan.id} is ${plan.status}: only drafts are editable`, {
      status: plan.status,
    } satisfies PlanStatusConflictDetail);
  // Checked again inside the save's transaction; here so a stale run costs no engine time.
  if (plan.version !== input.version) {
    throw new HttpError(
      409,
      'conflict',
      `plan ${plan.id} was saved since version ${input.version}: it is now at version ${plan.version}; reload it and run again`,
      {
        currentVersion: plan.version,
      } satisfies PlanVersionConflictDetail,
    );
  }
  if (!input.communityCode.startsWith(plan.regionCode))
    throw new HttpError(422, 'unprocessable', `community ${input.communityCode} is not in plan region ${plan.regionCode}`);
  const region = await db.query<{ name: string; g: string }>(
    `SELECT name, ST_AsGeoJSON(boundary) AS g FROM regions WHERE district_code = $1 AND code = $2 AND level = 'community'`,
    [plan.districtCode, input.communityCode],
  );
  const row = region.rows[0];
  if (!row) throw notFound(`no community with code ${input.communityCode}`);
  const boundary = JSON.parse(row.g) as Polygon;
  const streets = await db.query<{ g: string }>(
    `SELECT ST_AsGeoJSON(s.geom) AS g FROM streets s, regions r
     WHERE r.district_code = $1 AND r.code = $2 AND s.district_code = $1 AND s.geom && ST_Expand(r.boundary, 0.0005)
       AND ST_DWithin(s.geom, r.boundary, 0.0005)`,
    [plan.districtCode, input.communityCode],
  );
  return {
    plan,
    name: row.name,
    boundary,
    streets: streets.rows.map((s) => JSON.parse(s.g) as LineString),
    profile: await activeRuleProfile(db, plan.districtCode),
    grids: await loadPlanGrids(db, plan.districtCode, plan.id),
    context: await loadPlanContext(db, plan.districtCode, input.communityCode),
  };
}

const feature = (g: PlanGrid & { name?: string }, code: string | null): GridFeature => ({
  type: 'Feature',
  geometry: g.geometry,
  properties: {
    ...(code ? { code } : {}),
    name: g.name ?? g.code,
    type: g.type ?? 'comprehensive',
    communityCode: g.communityCode,
    zoneCode: g.zoneCode ?? null,
  },
});

/** Names of the draft's grids, so kept grids keep theirs. */
async function gridNames(db: Db, plan: PlanRecord): Promise<Map<string, string>> {
  const r = await db.query<{ code: string; name: string }>('SELECT code, name FROM grids WHERE district_code = $1 AND plan_id = $2', [
    plan.districtCode,
    plan.id,
  ]);
  return new Map(r.rows.map((g) => [g.code, g.name]));
}

export interface DelineateRun {
  save: SaveGridsResult;
  report: DelineateReport;
  exceptions: EngineException[];
}

/** Divides the community from scratch (keeping its dedicated grids) and saves the draft. */
export async function delineateDraft(db: Db, input: EngineRunInput): Promise<DelineateRun> {
  const c = await communityInputs(db, input);
  const names = await gridNames(db, c.plan);
  const dedicated = c.grids.filter((g) => g.communityCode === input.communityCode && g.type === 'dedicated');
  const result = delineateCommunity({
    boundary: c.boundary,
    streets: c.streets,
    buildings: c.context.units,
    profile: c.profile,
    dedicated,
    seed: input.seed,
    ...(input.targetFill !== undefined ? { targetFill: input.targetFill } : {}),
    ...(input.balance !== undefined ? { balance: input.balance } : {}),
  });
  const others = c.grids.filter((g) => g.communityCode !== input.communityCode || g.type === 'dedicated');
  const fresh = result.grids.map((g, i) =>
    feature(
      { code: '', geometry: g.geometry, communityCode: input.communityCode, type: 'comprehensive', name: `${c.name}第${i + 1}网格` },
      null,
    ),
  );
  const features = [...others.map((g) => feature({ ...g, name: names.get(g.code) ?? g.code }, g.code)), ...fresh];
  const save = await saveGrids(db, {
    planId: input.planId,
    version: input.version,
    features,
    jurisdictions: input.jurisdictions,
    username: input.username,
  });
  return { save, report: result.report, exceptions: result.exceptions };
}

export interface RebalanceRun {
  save: SaveGridsResult;
  report: RebalanceReport;
  exceptions: EngineException[];
}

/**
 * Rebalances the community's comprehensive grids (dedicated ones stay as they are) with core's
 * `rebalanceCommunity`: units are cut along the streets and the grids' own edges (so no unit
 * straddles two grids), grids over the rule shed units to neighbours or are re-split;
 * untouched grids are saved exactly as they were.
 */
export async function rebalanceDraft(db: Db, input: EngineRunInput): Promise<RebalanceRun> {
  const c = await communityInputs(db, input);
  const names = await gridNames(db, c.plan);
  // Dedicated grids take part locked: their units stay, and no neighbour's unit moves into them.
  const mine = c.grids.filter(
    (g): g is PlanGrid & { geometry: Polygon } => g.communityCode === input.communityCode && g.geometry.type === 'Polygon',
  );
  const locked = mine.filter((g) => g.type === 'dedicated').map((g) => g.code);
  if (mine.length === locked.length)
    throw new HttpError(
      422,
      'unprocessable',
      `community ${input.communityCode} has no grids in this draft to rebalance: divide it instead`,
    );
  let next = 0;
  // The one rebalance entry point of core, as the planner's worker and the command line use it.
  const result = rebalanceCommunity({
    boundary: c.boundary,
    streets: c.streets,
    buildings: c.context.units,
    plan: mine.map((g) => ({ code: g.code, geometry: g.geometry, ...(g.type ? { type: g.type } : {}) })),
    profile: c.profile,
    locked,
    seed: input.seed,
    newCode: () => `new-${++next}`,
  });
  const byCode = new Map(mine.map((g) => [g.code, g]));
  const others = c.grids.filter((g) => !mine.includes(g as PlanGrid & { geometry: Polygon }));
  let added = 0;
  const rebalanced = result.grids.map((g) => {
    const old = byCode.get(g.code);
    if (old) return feature({ ...old, geometry: g.geometry, name: names.get(g.code) ?? g.code }, g.code);
    added += 1;
    return feature(
      { code: '', geometry: g.geometry, communityCode: input.communityCode, type: 'comprehensive', name: `${c.name}新增网格${added}` },
      null,
    );
  });
  const features = [...others.map((g) => feature({ ...g, name: names.get(g.code) ?? g.code }, g.code)), ...rebalanced];
  const save = await saveGrids(db, {
    planId: input.planId,
    version: input.version,
    features,
    jurisdictions: input.jurisdictions,
    username: input.username,
  });
  return { save, report: result.report, exceptions: result.exceptions };
}
