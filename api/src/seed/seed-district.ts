/**
 * Writes a whole district dataset (regions, streets, compounds, buildings, the current plan,
 * staff, incidents, patrols, visits, special-group records) in ONE transaction: a reader sees
 * no district or all of it. Also seeds the default rule profile, staff role names and the
 * default user roles.
 */
import { DEFAULT_RULE_PROFILE } from '@gridatlas/core';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import type { Db } from '../db/db.types.js';
import type { DistrictDataset, RegionRecord } from './dataset.types.js';
import { insertBatches } from './insert-batches.js';
import { DEFAULT_STAFF_ROLES } from './staff-roles.js';
import { trackWkt } from './track-wkt.js';
import { settleIncidentMonths } from '../dashboard/incident-months.js';

const geom = (column: string): string => `ST_SetSRID(ST_GeomFromGeoJSON(${column}::text), 4326)`;
const LEVEL_ORDER = { district: 0, subdistrict: 1, community: 2 } as const;

/** Tables with an identity id that the dataset fills explicitly; their sequences move past it. */
const IDENTITY_TABLES = [
  'plans',
  'staff',
  'staff_assignments',
  'incidents',
  'patrol_tracks',
  'visits',
  'special_group_records',
  'rule_profiles',
] as const;

export interface SeedCounts {
  regions: number;
  streets: number;
  compounds: number;
  buildings: number;
  zones: number;
  plans: number;
  grids: number;
  staff: number;
  assignments: number;
  incidents: number;
  transitions: number;
  patrolTracks: number;
  visits: number;
  specialGroups: number;
}

export function districtOf(dataset: DistrictDataset): RegionRecord {
  const district = dataset.regions.find((r) => r.level === 'district');
  if (!district) throw new Error('the dataset has no district region');
  return district;
}

export async function seedDistrict(db: Db, dataset: DistrictDataset): Promise<SeedCounts> {
  const dc = districtOf(dataset).code;
  const counts = await db.transaction(async (tx) => {
    await tx.query(`INSERT INTO districts (district_code, synthetic, scale, seed, reference_date) VALUES ($1, $2, $3, $4, $5)`, [
      dc,
      dataset.synthetic,
      dataset.scale,
      dataset.seed,
      dataset.referenceDate,
    ]);
    const regions = await insertBatches(
      tx,
      `INSERT INTO regions (district_code, code, level, parent_code, name, boundary)
       SELECT $2::char(6), r.code, r.level, r.parent, r.name, ${geom('r.g')}
       FROM json_to_recordset($1::json) AS r(code text, level text, parent text, name text, g json)`,
      [...dataset.regions].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level]),
      (r) => ({ code: r.code, level: r.level, parent: r.parentCode, name: r.name, g: r.boundary }),
      [dc],
    );
    const streets = await insertBatches(
      tx,
      `INSERT INTO streets (district_code, id, name, class, geom)
         SELECT $2::char(6), r.id, r.name, r.class, ${geom('r.g')}
         FROM json_to_recordset($1::json) AS r(id bigint, name text, class text, g json)`,
      dataset.streets,
      (s) => ({ id: s.id, name: s.name, class: s.class, g: s.geometry }),
      [dc],
    );
    const compounds = await insertBatches(
      tx,
      `INSERT INTO compounds (district_code, id, name, kind, community_code, built_year, boundary)
         SELECT $2::char(6), r.id, r.name, r.kind, r.community, r.built, ${geom('r.g')}
         FROM json_to_recordset($1::json) AS r(id bigint, name text, kind text, community text, built integer, g json)`,
      dataset.compounds,
      (c) => ({ id: c.id, name: c.name, kind: c.kind, community: c.communityCode, built: c.builtYear, g: c.boundary }),
      [dc],
    );
    const buildings = await insertBatches(
      tx,
      `INSERT INTO buildings (district_code, id, compound_id, community_code, name, footprint, floors, units, households, persons)
         SELECT $2::char(6), r.id, r.compound, r.community, r.name, ${geom('r.g')}, r.floors, r.units, r.households, r.persons
         FROM json_to_recordset($1::json)
           AS r(id bigint, compound bigint, community text, name text, g json, floors integer, units integer, households integer, persons integer)`,
      dataset.buildings,
      (b) => ({
        id: b.id,
        compound: b.compoundId,
        community: b.communityCode,
        name: b.name,
        g: b.footprint,
        floors: b.floors,
        units: b.units,
        households: b.households,
        persons: b.persons,
      }),
      [dc],
    );
    const p = DEFAULT_RULE_PROFILE;
    await tx.query(
      `INSERT INTO rule_profiles (district_code, name, max_households, max_persons, combine, under_fill_ratio,
         min_grids_per_zone, max_grids_per_zone, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)`,
      [dc, '300户或1000人', p.maxHouseholds, p.maxPersons, p.combine, p.underFillRatio, p.minGridsPerZone, p.maxGridsPerZone],
    );
    const zones = await insertBatches(
      tx,
      `INSERT INTO zones (district_code, code, community_code, name)
         SELECT $2::char(6), r.code, r.community, r.name FROM json_to_recordset($1::json) AS r(code text, community text, name text)`,
      dataset.zones,
      (z) => ({ code: z.code, community: z.communityCode, name: z.name }),
      [dc],
    );
    const plans = await insertBatches(
      tx,
      `INSERT INTO plans (district_code, id, region_code, name, status, author, created_at, updated_at, approved_at)
         SELECT $2::char(6), r.id, r.region, r.name, r.status, r.author, r.created, r.created, r.approved
         FROM json_to_recordset($1::json)
           AS r(id bigint, region text, name text, status text, author text, created timestamptz, approved timestamptz)`,
      dataset.plans,
      (pl) => ({
        id: pl.id,
        region: pl.regionCode,
        name: pl.name,
        status: pl.status,
        author: pl.author,
        created: pl.createdAt,
        approved: pl.approvedAt,
      }),
      [dc],
    );
    const planGrids = dataset.plans.flatMap((pl) => pl.grids.map((g) => ({ planId: pl.id, g })));
    const grids = await insertBatches(
      tx,
      `INSERT INTO grids (district_code, plan_id, code, name, type, community_code, zone_code, geometry)
         SELECT $2::char(6), r.plan, r.code, r.name, r.type, r.community, r.zone, ${geom('r.g')}
         FROM json_to_recordset($1::json)
           AS r(plan bigint, code text, name text, type text, community text, zone text, g json)`,
      planGrids,
      ({ planId, g }) => ({
        plan: planId,
        code: g.code,
        name: g.name,
        type: g.type,
        community: g.communityCode,
        zone: g.zoneCode,
        g: g.geometry,
      }),
      [dc],
    );
    // Every code a plan used is registered once, under the first plan (by id) that used it.
    await tx.query(
      `INSERT INTO grid_codes (district_code, code, first_plan_id)
       SELECT district_code, code, min(plan_id) FROM grids WHERE district_code = $1 GROUP BY district_code, code
       ON CONFLICT DO NOTHING`,
      [dc],
    );
    await insertBatches(
      tx,
      `INSERT INTO staff_roles (key, zh, en, sort)
       SELECT r.key, r.zh, r.en, r.sort FROM json_to_recordset($1::json) AS r(key text, zh text, en text, sort integer)
       ON CONFLICT (key) DO NOTHING`,
      DEFAULT_STAFF_ROLES.map((r, i) => ({ ...r, sort: i })),
      (r) => r,
    );
    await insertBatches(
      tx,
      `INSERT INTO roles (key, zh, en, permissions)
       SELECT r.key, r.zh, r.en, r.permissions FROM json_to_recordset($1::json) AS r(key text, zh text, en text, permissions jsonb)
       ON CONFLICT (key) DO NOTHING`,
      DEFAULT_ROLES,
      (r) => r,
    );
    const staff = await insertBatches(
      tx,
      `INSERT INTO staff (district_code, id, name, gender, birth_year, phone)
         SELECT $2::char(6), r.id, r.name, r.gender, r.birth, r.phone
         FROM json_to_recordset($1::json) AS r(id bigint, name text, gender text, birth integer, phone text)`,
      dataset.staff,
      (s) => ({ id: s.id, name: s.name, gender: s.gender, birth: s.birthYear, phone: s.phone }),
      [dc],
    );
    const assignments = await insertBatches(
      tx,
      `INSERT INTO staff_assignments (district_code, staff_id, role, region_code, zone_code, grid_code)
         SELECT $2::char(6), r.staff, r.role, r.region, r.zone, r.grid
         FROM json_to_recordset($1::json) AS r(staff bigint, role text, region text, zone text, grid text)`,
      dataset.assignments,
      (a) => ({ staff: a.staffId, role: a.role, region: a.regionCode, zone: a.zoneCode, grid: a.gridCode }),
      [dc],
    );
    const incidents = await insertBatches(
      tx,
      `INSERT INTO incidents (district_code, id, code, category, channel, state, closure, escalation_level,
           rework_count, deadline_at, reported_at, location, building_id)
         SELECT $2::char(6), r.id, r.code, r.category, r.channel, r.state, r.closure, r.escalation, r.rework, r.deadline,
           r.reported, ${geom('r.g')}, r.building
         FROM json_to_recordset($1::json)
           AS r(id bigint, code text, category text, channel text, state text, closure text, escalation smallint,
                rework integer, deadline timestamptz, reported timestamptz, g json, building bigint)`,
      dataset.incidents,
      (i) => ({
        id: i.id,
        code: i.code,
        category: i.category,
        channel: i.channel,
        state: i.state,
        closure: i.closure,
        escalation: i.escalationLevel,
        rework: i.reworkCount,
        deadline: i.deadlineAt,
        reported: i.reportedAt,
        g: i.location,
        building: i.buildingId,
      }),
      [dc],
    );
    const transitions = await insertBatches(
      tx,
      `INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_staff_id, actor_role, location, note)
         SELECT $2::char(6), r.incident, r.seq, r.state, r.at, r.actor, r.role,
           CASE WHEN r.g IS NULL THEN NULL ELSE ${geom('r.g')} END, r.note
         FROM json_to_recordset($1::json)
           AS r(incident bigint, seq integer, state text, at timestamptz, actor bigint, role text, g json, note text)`,
      dataset.incidents.flatMap((i) => i.transitions.map((t, seq) => ({ incident: i.id, seq, t }))),
      ({ incident, seq, t }) => ({
        incident,
        seq,
        state: t.state,
        at: t.at,
        actor: t.actorStaffId,
        role: t.actorRole,
        g: t.location,
        note: t.note,
      }),
      [dc],
    );
    // The dashboard's figures per place and month (migration 0051), worked out once for the
    // whole load rather than by the first dashboard.
    await settleIncidentMonths(tx, dc);
    const patrolTracks = await insertBatches(
      tx,
      `INSERT INTO patrol_tracks (district_code, id, staff_id, grid_code, started_at, ended_at, point_count, geom)
         SELECT $2::char(6), r.id, r.staff, r.grid, r.started, r.ended, r.n, ST_GeomFromText(r.wkt, 4326)
         FROM json_to_recordset($1::json)
           AS r(id bigint, staff bigint, grid text, started timestamptz, ended timestamptz, n integer, wkt text)`,
      dataset.patrolTracks,
      (t) => ({
        id: t.id,
        staff: t.staffId,
        grid: t.gridCode,
        started: t.startedAt,
        ended: t.endedAt,
        n: Math.floor(t.points.length / 3),
        wkt: trackWkt(t.points),
      }),
      [dc],
    );
    const visits = await insertBatches(
      tx,
      `INSERT INTO visits (district_code, id, staff_id, building_id, visited_at, kind)
         SELECT $2::char(6), r.id, r.staff, r.building, r.at, r.kind
         FROM json_to_recordset($1::json) AS r(id bigint, staff bigint, building bigint, at timestamptz, kind text)`,
      dataset.visits,
      (v) => ({ id: v.id, staff: v.staffId, building: v.buildingId, at: v.visitedAt, kind: v.kind }),
      [dc],
    );
    const specialGroups = await insertBatches(
      tx,
      `INSERT INTO special_group_records (district_code, id, building_id, category, since)
         SELECT $2::char(6), r.id, r.building, r.category, r.since
         FROM json_to_recordset($1::json) AS r(id bigint, building bigint, category text, since date)`,
      dataset.specialGroups,
      (s) => ({ id: s.id, building: s.buildingId, category: s.category, since: s.since }),
      [dc],
    );
    for (const table of IDENTITY_TABLES) {
      // Rows carried explicit ids: later inserts must not collide with them.
      await tx.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${table}), false)`);
    }
    return {
      regions,
      streets,
      compounds,
      buildings,
      zones,
      plans,
      grids,
      staff,
      assignments,
      incidents,
      transitions,
      patrolTracks,
      visits,
      specialGroups,
    };
  });
  // Fresh statistics after a bulk load: without them the planner guesses, and a roll-up
  // like GET /api/regions was ten times slower until autovacuum caught up (BENCHMARKS.md).
  // Not a vacuum: on the embedded database the visibility map it sets turned the whole
  // district's grid layer to plans 20–30% slower (median 32–41 → 42–50 ms, default demo).
  await db.query('ANALYZE');
  return counts;
}
