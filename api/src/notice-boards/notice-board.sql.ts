/**
 * What one grid's notice board shows, read from the database: the grid, its community,
 * subdistrict and district names, its households and buildings, its N+5 staff (the grid's
 * information officer, its zone's manager, the community's assistants and manager, the
 * subdistrict's supervisor) with role names from `staff_roles`, and the boundary description.
 *
 * Staff carry only what practice posts on these boards (Lianhu: 联系方式 on every building;
 * Jinshui: 网格管理员手机号码 at compounds, buildings and crossings): name, role and the
 * contact phone of the roster. Gender, birth year and ID never leave the database here.
 */
import type { Db } from '../db/db.types.js';
import { placementSql } from '../plans/unit-placement.sql.js';
import { describeBoundaries, type BoundaryDescription } from './boundary-description.sql.js';
import { districtModelRoleJoin } from '../staff/staff-model.js';

export class NoticeBoardRegionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NoticeBoardRegionError';
  }
}

export interface BoardStaff {
  role: string;
  roleZh: string;
  roleEn: string;
  name: string;
  /** The roster's contact phone; null when the roster has none. */
  phone: string | null;
}

export interface NoticeBoard {
  code: string;
  name: string;
  type: 'comprehensive' | 'dedicated';
  communityCode: string;
  communityName: string;
  subdistrictName: string;
  districtName: string;
  zoneName: string | null;
  households: number;
  persons: number;
  buildings: number;
  staff: BoardStaff[];
  boundary: BoundaryDescription;
}

interface GridRow {
  code: string;
  name: string;
  type: NoticeBoard['type'];
  community_code: string;
  zone_code: string | null;
  community_name: string;
  subdistrict_code: string;
  subdistrict_name: string;
  district_name: string;
  zone_name: string | null;
  households: number;
  persons: number;
  buildings: number;
}

/**
 * The grid codes a region names: a 15-digit grid code (a current grid) or a 12-digit community
 * code (its current grids, west→east, north→south by their serials). Anything else is refused.
 */
export async function boardGridCodes(db: Db, region: string): Promise<{ districtCode: string; codes: string[]; regionName: string }> {
  if (/^\d{15}$/.test(region)) {
    const { rows } = await db.query<{ name: string }>(`SELECT name FROM current_grids WHERE district_code = left($1, 6) AND code = $1`, [
      region,
    ]);
    if (!rows[0]) throw new NoticeBoardRegionError(region, `no current grid has the code ${region}`);
    return { districtCode: region.slice(0, 6), codes: [region], regionName: rows[0].name };
  }
  if (/^\d{12}$/.test(region)) {
    const community = await db.query<{ name: string }>(
      `SELECT name FROM regions WHERE district_code = left($1, 6) AND code = $1 AND level = 'community'`,
      [region],
    );
    if (!community.rows[0]) throw new NoticeBoardRegionError(region, `no community has the code ${region}`);
    const { rows } = await db.query<{ code: string }>(
      `SELECT code FROM current_grids WHERE district_code = left($1, 6) AND community_code = $1 ORDER BY code`,
      [region],
    );
    if (rows.length === 0) throw new NoticeBoardRegionError(region, `community ${region} has no current grids: approve a plan first`);
    return { districtCode: region.slice(0, 6), codes: rows.map((r) => r.code), regionName: community.rows[0].name };
  }
  throw new NoticeBoardRegionError(region, `"${region}" is neither a 12-digit community code nor a 15-digit grid code`);
}

// Households by the one placement rule (largest share of a footprint), as every count per grid.
const PLACED = placementSql({
  grids: 'current_grids',
  gridsWhere: 'g.district_code = $1',
  buildingsWhere: 'b.district_code = $1 AND b.community_code IN (SELECT left(x, 12) FROM unnest($2::text[]) x)',
});

const GRID_SQL = `
WITH placed AS (
  SELECT p.grid_code, sum(b.households) AS households, sum(b.persons) AS persons, count(*) AS n
    FROM ${PLACED} p JOIN buildings b ON b.district_code = $1 AND b.id = p.building_id
   GROUP BY p.grid_code
)
SELECT g.code, g.name, g.type, g.community_code, g.zone_code,
       c.name AS community_name, s.code AS subdistrict_code, s.name AS subdistrict_name, d.name AS district_name, z.name AS zone_name,
       coalesce(b.households, 0)::int AS households, coalesce(b.persons, 0)::int AS persons, coalesce(b.n, 0)::int AS buildings
  FROM current_grids g
  JOIN regions c ON c.district_code = g.district_code AND c.code = g.community_code
  JOIN regions s ON s.district_code = g.district_code AND s.code = c.parent_code
  JOIN regions d ON d.district_code = g.district_code AND d.code = g.district_code
  LEFT JOIN zones z ON z.district_code = g.district_code AND z.code = g.zone_code
  LEFT JOIN placed b ON b.grid_code = g.code
 WHERE g.district_code = $1 AND g.code = ANY($2::text[])
 ORDER BY g.code`;

// The N+5 people of a grid: assignments to the grid itself, to its zone, to its community as
// a whole, and to its subdistrict. Only name, role and phone are selected.
const STAFF_SQL = `
SELECT g.code AS grid_code, a.role, coalesce(mr.zh, r.zh) AS role_zh, coalesce(mr.en, r.en) AS role_en, st.name, st.phone
  FROM current_grids g
  JOIN regions c ON c.district_code = g.district_code AND c.code = g.community_code
  JOIN staff_assignments a ON a.district_code = g.district_code
   AND (a.grid_code = g.code
        OR (a.grid_code IS NULL AND a.zone_code IS NOT NULL AND a.zone_code = g.zone_code)
        OR (a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = g.community_code)
        OR (a.grid_code IS NULL AND a.zone_code IS NULL AND a.region_code = c.parent_code))
  JOIN staff st ON st.district_code = a.district_code AND st.id = a.staff_id
  JOIN staff_roles r ON r.key = a.role
  ${districtModelRoleJoin('$1', 'a.role')}
 WHERE g.district_code = $1 AND g.code = ANY($2::text[])
 ORDER BY g.code, r.sort, st.name, st.id`;

/** The boards of `codes` (current grids of `districtCode`), in code order. */
export async function loadNoticeBoards(db: Db, districtCode: string, codes: readonly string[]): Promise<NoticeBoard[]> {
  const grids = await db.query<GridRow>(GRID_SQL, [districtCode, codes]);
  const staff = await db.query<{ grid_code: string; role: string; role_zh: string; role_en: string; name: string; phone: string | null }>(
    STAFF_SQL,
    [districtCode, codes],
  );
  const boundaries = await describeBoundaries(db, districtCode, codes);
  return grids.rows.map((g) => ({
    code: g.code,
    name: g.name,
    type: g.type,
    communityCode: g.community_code,
    communityName: g.community_name,
    subdistrictName: g.subdistrict_name,
    districtName: g.district_name,
    zoneName: g.zone_name,
    households: g.households,
    persons: g.persons,
    buildings: g.buildings,
    staff: staff.rows
      .filter((s) => s.grid_code === g.code)
      .map((s) => ({ role: s.role, roleZh: s.role_zh, roleEn: s.role_en, name: s.name, phone: s.phone?.trim() || null })),
    boundary: boundaries.get(g.code) ?? { east: [], south: [], west: [], north: [] },
  }));
}
