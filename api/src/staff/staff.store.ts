/**
 * The roster's workers and their assignments. A worker is named by district and id (ids are
 * per district, as the demo and imports number them). Reads carry the work phone only; gender
 * and birth year go to roster editors (`staff.edit`) alone. Writes lock the worker, check the
 * version the caller edited (a stale one is a 409 naming who changed it) and bump it.
 */
import type { Db } from '../db/db.types.js';
import { insideJurisdiction, isInsideJurisdiction } from '../auth/jurisdiction.js';
import { HttpError, forbidden, notFound } from '../http/http-error.js';

export interface Assignment {
  id: number;
  role: string;
  regionCode: string;
  zoneCode: string | null;
  gridCode: string | null;
}

export interface Worker {
  districtCode: string;
  id: number;
  name: string;
  /** The work phone: the one posted on notice boards. */
  phone: string | null;
  regionCode: string;
  active: boolean;
  version: number;
  updatedBy: string | null;
  updatedAt: string;
  assignments: Assignment[];
  /** Roster editors only. */
  gender?: 'F' | 'M' | null;
  birthYear?: number | null;
}

export interface WorkerFilter {
  districtCode: string;
  regionCode: string;
  q?: string | undefined;
  role?: string | undefined;
  grid?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  offset: number;
}

/** SQL of a worker's home region: theirs, else their first assignment's, else the district. */
const HOME = `coalesce(s.region_code,
  (SELECT min(x.region_code) FROM staff_assignments x WHERE x.district_code = s.district_code AND x.staff_id = s.id),
  s.district_code::text)`;

const COLUMNS = (privateFields: boolean) => `
  s.district_code AS "districtCode", s.id::int AS id, s.name, s.phone, ${HOME} AS "regionCode", s.active, s.version,
  s.updated_by AS "updatedBy", s.updated_at AS "updatedAt",
  ${privateFields ? 's.gender, s.birth_year AS "birthYear",' : ''}
  coalesce((SELECT json_agg(json_build_object('id', a.id, 'role', a.role, 'regionCode', a.region_code, 'zoneCode', a.zone_code,
                                               'gridCode', a.grid_code) ORDER BY a.role, a.grid_code, a.zone_code, a.id)
            FROM staff_assignments a WHERE a.district_code = s.district_code AND a.staff_id = s.id), '[]') AS assignments`;

type WorkerRow = Omit<Worker, 'updatedAt'> & { updatedAt: Date | string };
const toWorker = (r: WorkerRow): Worker => ({
  ...r,
  districtCode: r.districtCode.trim(),
  updatedAt: new Date(r.updatedAt).toISOString(),
});

export async function listWorkers(
  db: Db,
  f: WorkerFilter,
  jurisdictions: readonly string[],
  privateFields: boolean,
): Promise<{ total: number; workers: Worker[] }> {
  const where = `s.district_code = $1 AND (${HOME} LIKE $2 || '%'
      OR EXISTS (SELECT 1 FROM staff_assignments y WHERE y.district_code = s.district_code AND y.staff_id = s.id
                 AND coalesce(y.grid_code, y.region_code) LIKE $2 || '%'))
    AND ${insideJurisdiction(HOME, '$3')}
    AND ($4::text IS NULL OR s.name LIKE '%' || $4 || '%' OR s.phone LIKE '%' || $4 || '%')
    AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM staff_assignments y WHERE y.district_code = s.district_code AND y.staff_id = s.id AND y.role = $5))
    AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM staff_assignments y WHERE y.district_code = s.district_code AND y.staff_id = s.id AND y.grid_code = $6))
    AND ($7::boolean IS NULL OR s.active = $7)`;
  const params = [f.districtCode, f.regionCode, jurisdictions, f.q ?? null, f.role ?? null, f.grid ?? null, f.active ?? null];
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff s WHERE ${where}`, params),
    db.query<WorkerRow>(
      `SELECT ${COLUMNS(privateFields)} FROM staff s WHERE ${where} ORDER BY s.active DESC, ${HOME}, s.name, s.id LIMIT $8 OFFSET $9`,
      [...params, f.limit, f.offset],
    ),
  ]);
  return { total: count.rows[0]!.n, workers: rows.rows.map(toWorker) };
}

export async function loadWorker(db: Db, districtCode: string, id: number, privateFields: boolean): Promise<Worker | null> {
  const r = await db.query<WorkerRow>(`SELECT ${COLUMNS(privateFields)} FROM staff s WHERE s.district_code = $1 AND s.id = $2`, [
    districtCode,
    id,
  ]);
  return r.rows[0] ? toWorker(r.rows[0]) : null;
}

/** Locks a worker for a write: 404, 403 outside the jurisdiction, 409 naming who changed it. */
export async function lockWorker(
  tx: Db,
  districtCode: string,
  id: number,
  version: number,
  jurisdictions: readonly string[],
): Promise<Worker> {
  await tx.query('SELECT 1 FROM staff WHERE district_code = $1 AND id = $2 FOR UPDATE', [districtCode, id]);
  const w = await loadWorker(tx, districtCode, id, true);
  if (!w) throw notFound(`no worker ${id} in district ${districtCode}`);
  if (!isInsideJurisdiction(jurisdictions, w.regionCode))
    throw forbidden(`worker ${id} belongs to region ${w.regionCode}, outside your jurisdiction`);
  if (w.version !== version) {
    const by = w.updatedBy ?? 'an import';
    throw new HttpError(
      409,
      'conflict',
      `${by} changed this worker at ${w.updatedAt} after you opened it (version ${w.version}, yours ${version}): reload it, then make your change again`,
      { currentVersion: w.version, yourVersion: version, updatedBy: w.updatedBy, updatedAt: w.updatedAt },
    );
  }
  return w;
}

export async function bumpWorker(tx: Db, districtCode: string, id: number, username: string): Promise<void> {
  await tx.query('UPDATE staff SET version = version + 1, updated_by = $3, updated_at = now() WHERE district_code = $1 AND id = $2', [
    districtCode,
    id,
    username,
  ]);
}
