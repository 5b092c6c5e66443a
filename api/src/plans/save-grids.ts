/**
 * Saving a draft's grids: one transaction that locks the plan row, checks its status and the
 * version the edit started from (optimistic concurrency), checks communities, zones and
 * codes, replaces the grids and reads the PostGIS checks and the core rules' inputs on the rows
 * written in one statement (any problem rolls everything back), and bumps the version: BEGIN,
 * three statements, COMMIT. A crash anywhere before COMMIT leaves the previous grids and version
 * as they were.
 */
import { isProvisionalCode, MAX_PROVISIONAL, provisionalCode, type PlanProblem } from '@gridatlas/core';
import { insideJurisdiction, overlapsJurisdiction } from '../auth/jurisdiction.js';
import type { Db } from '../db/db.types.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';
import type { GridFeature, GridProblem, GridProblemsDetail, PlanStatusConflictDetail, SaveDraftConflictDetail } from './plan-schemas.js';
import { PLAN_COLUMNS, toPlan, type PlanAccess, type PlanRecord } from './plan.store.js';
import { warningsOf } from './plan-validation.js';
import { replaceAndCheckGrids, type GridRow } from './replace-grids.sql.js';

export interface SaveGridsInput {
  planId: string;
  version: number;
  features: GridFeature[];
  jurisdictions: readonly string[];
  username: string;
}

export interface SaveGridsResult {
  plan: PlanRecord;
  /** The code of each feature, in the order sent (issued for features sent without one). */
  codes: string[];
  added: string[];
  removed: string[];
  /** The warnings stored with the plan. */
  problems: PlanProblem[];
}

const HARD_KINDS = new Set<GridProblem['kind']>(['invalid_geometry', 'multipart', 'outside_community', 'overlap']);

/** A core error as a refusal item, grids named as the client sent them. */
function toGridProblem(p: PlanProblem, label: (code: string) => string): GridProblem {
  const kind = HARD_KINDS.has(p.kind as GridProblem['kind']) ? (p.kind as GridProblem['kind']) : 'invalid_geometry';
  return {
    kind,
    grids: p.grids.map(label),
    message: p.message.replace(/\d{12}(?:\d{3}|N[0-9A-Z]{2})/g, (code) => label(code)),
    ...(p.areaM2 === undefined ? {} : { areaM2: p.areaM2 }),
    ...(p.location ? { location: p.location } : {}),
  };
}

export function unprocessable(message: string, problems: GridProblem[]): HttpError {
  return new HttpError(422, 'unprocessable', message, { problems } satisfies GridProblemsDetail);
}

interface Revision {
  version: number;
  savedAt: Date;
  savedBy: string;
  added: string[];
  removed: string[];
}

async function staleVersion(tx: Db, plan: PlanRecord, sent: number): Promise<HttpError> {
  const r = await tx.query<Revision>(
    `SELECT version, saved_at AS "savedAt", saved_by AS "savedBy", added, removed FROM plan_revisions
     WHERE district_code = $1 AND plan_id = $2 AND version > $3 ORDER BY version`,
    [plan.districtCode, plan.id, sent],
  );
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const rev of r.rows) {
    for (const code of rev.added) {
      if (!removed.delete(code)) added.add(code);
    }
    for (const code of rev.removed) {
      if (!added.delete(code)) removed.add(code);
    }
  }
  return new HttpError(
    409,
    'conflict',
    `the plan was saved by someone else since version ${sent}: it is now at version ${plan.version}; reload it and apply your edit again`,
    {
      currentVersion: plan.version,
      updatedAt: plan.updatedAt,
      since: r.rows.map((rev) => ({ ...rev, savedAt: new Date(rev.savedAt).toISOString() })),
      added: [...added].sort(),
      removed: [...removed].sort(),
    } satisfies SaveDraftConflictDetail,
  );
}

/** The communities, zones and issued codes a save refers to, as found in the database. */
interface References {
  communities: string[];
  zones: { code: string; community: string }[];
  issued: { code: string; retired: boolean }[];
}

type LockedPlan = Parameters<typeof toPlan>[0] & { visible: boolean; editable: boolean } & References;

/**
 * The plan locked for the save with the caller's access to it, and what the features refer to
 * (communities of the plan's region, zones, issued codes), in one statement: a save is one
 * transaction on one connection, and under load every round trip waits its turn.
 */
async function lockPlanAndReferences(tx: Db, input: SaveGridsInput): Promise<(PlanAccess & References) | null> {
  const { features } = input;
  const communities = [...new Set(features.map((f) => f.properties.communityCode))];
  const zones = [...new Set(features.flatMap((f) => (f.properties.zoneCode ? [f.properties.zoneCode] : [])))];
  const finals = [
    ...new Set(features.flatMap((f) => (f.properties.code && !isProvisionalCode(f.properties.code) ? [f.properties.code] : []))),
  ];
  const r = await tx.query<LockedPlan>(
    `WITH p AS (
       SELECT ${PLAN_COLUMNS}, ${overlapsJurisdiction('p.region_code', '$2')} AS visible, ${insideJurisdiction('p.region_code', '$2')} AS editable
       FROM plans p WHERE p.id = $1::bigint ORDER BY p.district_code LIMIT 1 FOR UPDATE
     )
     SELECT p.*,
       (SELECT coalesce(array_agg(r.code::text), '{}') FROM regions r
        WHERE r.district_code = p."districtCode" AND r.level = 'community' AND r.code = ANY($3::text[]) AND r.code LIKE p."regionCode" || '%') AS communities,
       (SELECT coalesce(json_agg(json_build_object('code', z.code, 'community', z.community_code)), '[]') FROM zones z
        WHERE z.district_code = p."districtCode" AND z.code = ANY($4::text[])) AS zones,
       (SELECT coalesce(json_agg(json_build_object('code', c.code, 'retired', c.retired_at IS NOT NULL)), '[]') FROM grid_codes c
        WHERE c.district_code = p."districtCode" AND c.code = ANY($5::text[])) AS issued
     FROM p`,
    [input.planId, input.jurisdictions, communities, zones, finals],
  );
  const row = r.rows[0];
  return row ? { ...toPlan(row), communities: row.communities, zones: row.zones, issued: row.issued } : null;
}

/**
 * Checks that need the database but no writes: communities, zones and codes. A code sent
 * must have been issued (and not retired) or be provisional; a grid sent without one gets
 * the next unused provisional code of its community.
 */
function checkReferences(plan: PlanRecord, found: References, features: GridFeature[]): { codes: string[]; problems: GridProblem[] } {
  const problems: GridProblem[] = [];
  const labelAt = (i: number): string => features[i]!.properties.code ?? `#${i}`;
  const communityOk = new Set(found.communities);
  const zoneOf = new Map(found.zones.map((r) => [r.code, r.community]));
  const retired = new Map(found.issued.map((r) => [r.code, r.retired]));
  const seen = new Map<string, number>();
  const usedProvisional = new Set<string>();
  features.forEach((f, i) => {
    const { code, communityCode, zoneCode } = f.properties;
    if (!communityOk.has(communityCode)) {
      problems.push({
        kind: 'bad_community',
        grids: [labelAt(i)],
        message: `grid ${labelAt(i)}: ${communityCode} is not a community of plan region ${plan.regionCode}`,
      });
    }
    if (zoneCode && zoneOf.get(zoneCode) !== communityCode) {
      problems.push({
        kind: 'bad_zone',
        grids: [labelAt(i)],
        message: `grid ${labelAt(i)}: zone ${zoneCode} is not a zone of community ${communityCode}`,
      });
    }
    if (code === undefined) return;
    if (!code.startsWith(communityCode)) {
      problems.push({
        kind: 'bad_code',
        grids: [code],
        message: `grid code ${code} does not start with its community code ${communityCode}`,
      });
    } else if (isProvisionalCode(code)) {
      usedProvisional.add(code);
    } else if (!retired.has(code)) {
      problems.push({
        kind: 'bad_code',
        grids: [code],
        message: `grid code ${code} was never issued: send a new grid without a code (it gets one when the plan is approved)`,
      });
    } else if (retired.get(code)) {
      problems.push({
        kind: 'retired_code',
        grids: [code],
        message: `grid code ${code} was retired by an approved plan and is never reused: send the grid without a code`,
      });
    }
    if (seen.has(code))
      problems.push({ kind: 'duplicate_code', grids: [code], message: `grid code ${code} is used by features ${seen.get(code)} and ${i}` });
    seen.set(code, i);
  });
  const next = new Map<string, number>();
  const codes = features.map((f, i) => {
    if (f.properties.code) return f.properties.code;
    const community = f.properties.communityCode;
    let n = next.get(community) ?? 1;
    while (n <= MAX_PROVISIONAL && usedProvisional.has(provisionalCode(community, n))) n++;
    next.set(community, n + 1);
    if (n > MAX_PROVISIONAL) {
      problems.push({
        kind: 'bad_code',
        grids: [`#${i}`],
        message: `community ${community} has more than ${MAX_PROVISIONAL} new grids in one draft`,
      });
      return `${community}NZZ`;
    }
    return provisionalCode(community, n);
  });
  return { codes, problems };
}

export async function saveGrids(db: Db, input: SaveGridsInput): Promise<SaveGridsResult> {
  return db.transaction(async (tx) => {
    const found = await lockPlanAndReferences(tx, input);
    if (!found) throw notFound(`no plan with id ${input.planId}`);
    if (!found.visible) throw forbidden(`plan ${input.planId} is outside your jurisdiction`);
    if (!found.editable)
      throw forbidden(
        `plan ${input.planId} covers region ${found.regionCode}, beyond your jurisdiction: only its whole region's planners may edit it`,
      );
    const { visible: _v, editable: _e, communities: _c, zones: _z, issued: _i, ...plan } = found;
    if (plan.status !== 'draft')
      throw new HttpError(409, 'conflict', `plan ${plan.id} is ${plan.status}: only drafts are editable`, {
        status: plan.status,
      } satisfies PlanStatusConflictDetail);
    if (plan.version !== input.version) throw await staleVersion(tx, plan, input.version);

    const { codes, problems } = checkReferences(plan, found, input.features);
    if (problems.length > 0)
      throw unprocessable(`${problems.length} grid(s) refer to unknown or foreign communities, zones or codes`, problems);

    const rows: GridRow[] = input.features.map((f, i) => ({
      c: codes[i]!,
      n: f.properties.name,
      t: f.properties.type,
      m: f.properties.communityCode,
      z: f.properties.zoneCode ?? null,
      g: JSON.stringify(f.geometry),
    }));
    const indexOf = new Map(codes.map((c, i) => [c, i]));
    const label = (code: string): string => {
      const i = indexOf.get(code);
      return i === undefined || input.features[i]!.properties.code ? code : `#${i}`;
    };
    // The grids replaced and checked in one statement.
    const { before, checks } = await replaceAndCheckGrids(tx, plan, rows, label);
    const { geometryProblems } = checks;
    if (geometryProblems.length > 0)
      throw unprocessable(`${geometryProblems.length} problem(s) with the grids' geometry`, geometryProblems);
    // The core rules too: hard problems PostGIS let through (a multipart grid) refuse the
    // save; warnings (rule size, gaps, cut buildings, zones) are stored with the plan.
    const validation = checks.validate();
    const hard = validation.problems.filter((p) => p.severity === 'error');
    if (hard.length > 0)
      throw unprocessable(
        `${hard.length} problem(s) with the grids`,
        hard.map((p) => toGridProblem(p, label)),
      );

    const old = new Set(before);
    const now = new Set(codes);
    const added = codes.filter((c) => !old.has(c)).sort();
    const removed = [...old].filter((c) => !now.has(c)).sort();
    // The warnings, the new version and its revision in one statement.
    const updated = await tx.query<Parameters<typeof toPlan>[0]>(
      `WITH p AS (
         UPDATE plans p SET version = version + 1, updated_at = now(), problems = $5::jsonb WHERE district_code = $1 AND id = $2 RETURNING ${PLAN_COLUMNS}
       ), rev AS (
         INSERT INTO plan_revisions (district_code, plan_id, version, saved_by, added, removed)
         SELECT "districtCode", id, version, $3, $4::text[], $6::text[] FROM p
       )
       SELECT * FROM p`,
      [plan.districtCode, plan.id, input.username, added, JSON.stringify(warningsOf(validation)), removed],
    );
    const saved = toPlan(updated.rows[0]!);
    return { plan: saved, codes, added, removed, problems: validation.problems };
  });
}
