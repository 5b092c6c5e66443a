/**
 * "东至…、南至…、西至…、北至…": a grid's boundary described by what lies along it, as posted
 * on notice boards. PostGIS samples the grid's outer ring (counter-clockwise) at 100 points
 * evenly along its length; each sample belongs to the side its outward normal faces (the
 * ring's heading + 90°: north 315°–45°, east 45°–135°, …; not the bearing from the centre,
 * which puts most of a long grid's east edge in the north) and
 * is labelled, in this order, by the nearest named street within `STREET_DISTANCE_M` metres,
 * else the district's or the community's boundary when the sample lies on it, else the
 * neighbouring current grid. A label that covers at least a fifth of a side's samples names
 * that side (most samples first), so a street merely crossing a side does not.
 */
import type { Db } from '../db/db.types.js';

export type Side = 'east' | 'south' | 'west' | 'north';
export const SIDES: readonly Side[] = ['east', 'south', 'west', 'north'];

export type BoundaryLabel =
  | { kind: 'street'; name: string }
  | { kind: 'district_boundary' }
  | { kind: 'community_boundary' }
  | { kind: 'grid'; name: string; code: string };

export type BoundaryDescription = Record<Side, BoundaryLabel[]>;

/** Metres from the ring within which a street counts as running along it. */
export const STREET_DISTANCE_M = 25;
/** Metres from the ring within which a region boundary counts as the grid's side. */
const EDGE_DISTANCE_M = 5;
/** The share of a side's samples a label needs to name that side. */
const MIN_SHARE = 0.2;

interface SampleRow {
  grid_code: string;
  side: Side;
  kind: BoundaryLabel['kind'] | null;
  label: string | null;
  neighbour_code: string | null;
  n: number;
  side_total: number;
}

const SQL = `
WITH g AS (
  SELECT g.district_code, g.code, g.community_code,
         ST_ExteriorRing(ST_ForcePolygonCCW(g.geometry)) AS ring
    FROM current_grids g
   WHERE g.district_code = $1 AND g.code = ANY($2::text[])
),
samples AS (
  SELECT g.district_code, g.code, g.community_code,
         ST_LineInterpolatePoint(g.ring, f) AS pt,
         ST_Azimuth(ST_LineInterpolatePoint(g.ring, greatest(f - 0.002, 0)), ST_LineInterpolatePoint(g.ring, least(f + 0.002, 1))) AS heading
    FROM g, LATERAL (SELECT (i + 0.5) / 100.0 AS f FROM generate_series(0, 99) AS i) s
),
sided AS (
  SELECT s.*,
         CASE WHEN az >= 315 OR az < 45 THEN 'north' WHEN az < 135 THEN 'east' WHEN az < 225 THEN 'south' ELSE 'west' END AS side
    FROM (SELECT s.*, (degrees(s.heading) + 90)::numeric % 360 AS az FROM samples s) s
),
labelled AS (
  SELECT s.code, s.side,
         CASE WHEN st.name IS NOT NULL THEN 'street'
              WHEN dist.on_edge THEN 'district_boundary'
              WHEN com.on_edge THEN 'community_boundary'
              WHEN nb.code IS NOT NULL THEN 'grid' END AS kind,
         coalesce(st.name, nb.name) AS label,
         nb.code AS neighbour_code
    FROM sided s
    LEFT JOIN LATERAL (
      SELECT t.name FROM streets t
       WHERE t.district_code = s.district_code AND t.name <> ''
         AND ST_DWithin(t.geom::geography, s.pt::geography, ${STREET_DISTANCE_M})
       ORDER BY t.geom <-> s.pt LIMIT 1
    ) st ON true
    LEFT JOIN LATERAL (
      SELECT ST_DWithin(ST_Boundary(r.boundary)::geography, s.pt::geography, ${EDGE_DISTANCE_M}) AS on_edge
        FROM regions r WHERE r.district_code = s.district_code AND r.code = s.district_code
    ) dist ON true
    LEFT JOIN LATERAL (
      SELECT ST_DWithin(ST_Boundary(r.boundary)::geography, s.pt::geography, ${EDGE_DISTANCE_M}) AS on_edge
        FROM regions r WHERE r.district_code = s.district_code AND r.code = s.community_code
    ) com ON true
    LEFT JOIN LATERAL (
      SELECT n.code, n.name FROM current_grids n
       WHERE n.district_code = s.district_code AND n.code <> s.code
         AND ST_DWithin(n.geometry::geography, s.pt::geography, ${EDGE_DISTANCE_M})
       ORDER BY n.geometry <-> s.pt LIMIT 1
    ) nb ON true
)
SELECT code AS grid_code, side, kind, label, neighbour_code, count(*)::int AS n,
       (sum(count(*)) OVER (PARTITION BY code, side))::int AS side_total
  FROM labelled
 GROUP BY code, side, kind, label, neighbour_code
 ORDER BY code, side, n DESC, label`;

function toLabel(row: SampleRow): BoundaryLabel | null {
  switch (row.kind) {
    case 'street':
      return { kind: 'street', name: row.label ?? '' };
    case 'district_boundary':
      return { kind: 'district_boundary' };
    case 'community_boundary':
      return { kind: 'community_boundary' };
    case 'grid':
      return { kind: 'grid', name: row.label ?? '', code: row.neighbour_code ?? '' };
    default:
      return null;
  }
}

/** Per grid code, what lies along each side; a side with nothing identified is []. */
export async function describeBoundaries(
  db: Db,
  districtCode: string,
  gridCodes: readonly string[],
): Promise<Map<string, BoundaryDescription>> {
  const out = new Map<string, BoundaryDescription>();
  for (const code of gridCodes) out.set(code, { east: [], south: [], west: [], north: [] });
  if (gridCodes.length === 0) return out;
  const { rows } = await db.query<SampleRow>(SQL, [districtCode, gridCodes]);
  for (const row of rows) {
    const label = toLabel(row);
    if (!label || row.n < row.side_total * MIN_SHARE) continue;
    const sides = out.get(row.grid_code);
    if (!sides) continue;
    const list = sides[row.side];
    // Two pieces of the same street (or boundary) on one side name it once.
    if (!list.some((l) => JSON.stringify(l) === JSON.stringify(label))) list.push(label);
  }
  return out;
}

const SIDE_ZH: Record<Side, string> = { east: '东至', south: '南至', west: '西至', north: '北至' };

function labelZh(l: BoundaryLabel): string {
  switch (l.kind) {
    case 'street':
      return l.name;
    case 'district_boundary':
      return '区界';
    case 'community_boundary':
      return '社区边界';
    case 'grid':
      // "和平第2网格" says what it is already; a grid named otherwise gets the word after it.
      return l.name.endsWith('网格') ? l.name : `${l.name}（网格）`;
  }
}

/** "东至西巷，南至区界，西至区界，北至区界" — the text posted on a board. */
export function boundaryTextZh(d: BoundaryDescription): string {
  return SIDES.map((side) => `${SIDE_ZH[side]}${d[side].length ? d[side].map(labelZh).join('、') : '—'}`).join('，');
}

const SIDE_EN: Record<Side, string> = { east: 'East', south: 'South', west: 'West', north: 'North' };

function labelEn(l: BoundaryLabel): string {
  switch (l.kind) {
    case 'street':
      return l.name;
    case 'district_boundary':
      return 'the district boundary';
    case 'community_boundary':
      return 'the community boundary';
    case 'grid':
      // Names stay as registered (Chinese); the word says what it is.
      return l.name.endsWith('网格') ? `grid ${l.name}` : `grid ${l.name} (${l.code})`;
  }
}

/** "East: 西巷; South: the district boundary; …" — the English board's boundary line. */
export function boundaryTextEn(d: BoundaryDescription): string {
  return SIDES.map((side) => `${SIDE_EN[side]}: ${d[side].length ? d[side].map(labelEn).join(', ') : '—'}`).join('; ');
}
