/**
 * Patrol tracks from GPX or CSV (lat, lng, time, worker): points are checked like incident
 * rows, grouped by worker and local day into one LineStringM each (M = epoch seconds,
 * sorted by time), given the current grid holding most of their points, and — unless a dry
 * run — written with their import batch in ONE transaction. A group of one fix is no patrol
 * (`too_few_points`); a group in no grid of the current plan is `outside_grids`.
 */
import { geometryBBox, pointInPolygon } from '@gridatlas/core';
import type { Polygon } from 'geojson';
import { nudgePatrolDays } from '../analytics/patrol-days-warmer.js';
import type { Db } from '../db/db.types.js';
import { trackWkt } from '../seed/track-wkt.js';
import { BatchWriter } from './batch-writer.js';
import { guessFields } from './field-guess.js';
import { loadDistrict, type DistrictContext } from './import-context.js';
import { readerOf, repairCounts } from './import-incidents.js';
import { inputName } from './formats/layer-input.js';
import { openSource } from './import-source.js';
import { ImportTally } from './import-tally.js';
import {
  ImportError,
  type ImportInput,
  type ImportOptions,
  type ImportReport,
  type RejectReason,
  type SourceRecord,
} from './import.types.js';
import { isBlank, readPosition, readTime, type RecordReader } from './record-fields.js';

export interface TrackImportOptions extends ImportOptions {
  /** The worker of every point (a GPX from one device) when no worker field is mapped. */
  worker?: string;
}

export interface TrackGrid {
  code: string;
  geometry: Polygon;
  bbox: [number, number, number, number];
}

export interface TrackContext extends DistrictContext {
  /** Staff id by id (as text) and by name; a name two people share maps to null. */
  staff: ReadonlyMap<string, number | null>;
  grids: readonly TrackGrid[];
}

export async function loadTrackContext(db: Db, options: Pick<TrackImportOptions, 'skipDistrictCheck' | 'district'>): Promise<TrackContext> {
  const district = await loadDistrict(db, options.skipDistrictCheck, options.district);
  const staffRows = await db.query<{ id: number; name: string }>('SELECT id, name FROM staff WHERE district_code = $1', [
    district.districtCode,
  ]);
  const staff = new Map<string, number | null>();
  for (const s of staffRows.rows) staff.set(s.name, staff.has(s.name) ? null : s.id);
  for (const s of staffRows.rows) staff.set(String(s.id), s.id);
  const gridRows = await db.query<{ code: string; geometry: Polygon }>(
    'SELECT code, ST_AsGeoJSON(geometry)::json AS geometry FROM current_grids WHERE district_code = $1 ORDER BY code',
    [district.districtCode],
  );
  const grids = gridRows.rows.map((g) => ({ ...g, bbox: geometryBBox(g.geometry) }));
  return { ...district, staff, grids };
}

interface Group {
  staffId: number;
  firstRow: number;
  layer: string | undefined;
  /** Flat `[lng, lat, epoch s, …]`. */
  points: number[];
}

function gridOf(points: readonly number[], grids: readonly TrackGrid[]): string | null {
  const votes = new Map<string, number>();
  for (let i = 0; i < points.length; i += 3) {
    const x = points[i]!;
    const y = points[i + 1]!;
    const g = grids.find((g) => x >= g.bbox[0] && x <= g.bbox[2] && y >= g.bbox[1] && y <= g.bbox[3] && pointInPolygon([x, y], g.geometry));
    if (g) votes.set(g.code, (votes.get(g.code) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [code, n] of votes) if (n > most) [best, most] = [code, n];
  return best;
}

/** Points sorted by time (the M values must rise along the line). */
function sortedByTime(points: readonly number[]): Float64Array {
  const order = Array.from({ length: points.length / 3 }, (_, i) => i).sort((a, b) => points[a * 3 + 2]! - points[b * 3 + 2]!);
  const out = new Float64Array(points.length);
  order.forEach((from, to) => out.set(points.slice(from * 3, from * 3 + 3), to * 3));
  return out;
}

export async function importTracks(
  db: Db | null,
  input: ImportInput,
  options: TrackImportOptions,
  context?: TrackContext,
): Promise<ImportReport> {
  const startedMs = performance.now();
  const dryRun = options.dryRun === true || db === null;
  if (!context && !db) throw new ImportError('a dry run without a database needs a context');
  const ctx = context ?? (await loadTrackContext(db!, options));
  const source = openSource(input, options);
  const base = readerOf(options, options.skipDistrictCheck ? null : ctx.boundary);
  const tally = new ImportTally(options.sampleSize);
  const groups = new Map<string, Group>();
  let reader: RecordReader | null = null;

  const no = (rec: SourceRecord, reason: RejectReason, detail?: string): void => tally.reject(rec.row, rec.layer, reason, detail);
  for await (const rec of source.records) {
    if (!reader) {
      const fields = guessFields(Object.keys(rec.fields), options.fields, ['lng', 'lat', 'time', 'worker']);
      if (fields.time === undefined)
        throw new ImportError(`no time field found among ${Object.keys(rec.fields).join(', ')}; name it with --time-field`);
      if (fields.worker === undefined && options.worker === undefined)
        throw new ImportError('no worker field found; name it with --worker-field, or give --worker for the whole file');
      reader = { ...base, fields };
    }
    tally.total++;
    const pos = readPosition(reader, rec);
    if (!pos.ok) {
      no(rec, pos.reason, pos.detail);
      continue;
    }
    const time = readTime(reader, rec);
    if (!time.ok) {
      no(rec, time.reason, time.detail);
      continue;
    }
    const rawWorker = reader.fields.worker === undefined ? undefined : rec.fields[reader.fields.worker];
    const worker = isBlank(rawWorker) ? options.worker : String(rawWorker).trim();
    if (worker === undefined) {
      no(rec, 'missing_worker');
      continue;
    }
    const staffId = ctx.staff.get(worker);
    if (staffId === undefined || staffId === null) {
      no(rec, 'unknown_worker', staffId === null ? `${worker} (two staff share the name; use the staff id)` : worker);
      continue;
    }
    for (const r of pos.value.repairs) tally.repair(rec.row, rec.layer, r);
    const day = Math.floor((time.value + base.utcOffsetMin * 60_000) / 86_400_000);
    const key = `${staffId}/${day}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { staffId, firstRow: rec.row, layer: rec.layer, points: [] }));
    g.points.push(pos.value.position[0], pos.value.position[1], Math.round(time.value / 1000));
  }

  interface TrackRow {
    staff: number;
    grid: string;
    started: string;
    ended: string;
    n: number;
    wkt: string;
  }
  const tracks: TrackRow[] = [];
  for (const g of groups.values()) {
    const n = g.points.length / 3;
    if (n < 2) {
      tally.reject(g.firstRow, g.layer, 'too_few_points', `staff ${g.staffId}`, n);
      continue;
    }
    const grid = gridOf(g.points, ctx.grids);
    if (grid === null) {
      tally.reject(g.firstRow, g.layer, 'outside_grids', `staff ${g.staffId}`, n);
      continue;
    }
    const pts = sortedByTime(g.points);
    tally.accept(pts[2]! * 1000, 0);
    tally.accept(pts[pts.length - 1]! * 1000, n);
    tracks.push({
      staff: g.staffId,
      grid,
      started: new Date(pts[2]! * 1000).toISOString(),
      ended: new Date(pts[pts.length - 1]! * 1000).toISOString(),
      n,
      wkt: trackWkt(pts),
    });
  }
  groups.clear();

  const file = inputName(input);
  const report: ImportReport = {
    ...tally.report({
      kind: 'tracks',
      format: source.format,
      file,
      dryRun,
      fields: { ...(reader as RecordReader | null)?.fields },
      startedMs,
    }),
    tracks: tracks.length,
  };
  if (dryRun) return report;

  const batchId = await db!.transaction(async (tx) => {
    const batch = await tx.query<{ id: number }>(
      `INSERT INTO import_batches (district_code, kind, file_name, format, source_crs, imported_by, total, accepted, rejected, reasons, options, repairs)
       VALUES ($1, 'tracks', $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11::jsonb) RETURNING id`,
      [
        ctx.districtCode,
        file.split(/[\\/]/).pop(),
        source.format,
        options.crs ?? 'wgs84',
        options.importedBy ?? null,
        tally.total,
        tally.accepted,
        tally.rejected,
        JSON.stringify(tally.reasons),
        JSON.stringify({ fields: options.fields, timeFormat: options.timeFormat ?? null, worker: options.worker ?? null }),
        JSON.stringify(repairCounts(tally)),
      ],
    );
    const id = batch.rows[0]!.id;
    const writer = new BatchWriter(
      tx,
      `INSERT INTO patrol_tracks (district_code, staff_id, grid_code, started_at, ended_at, point_count, geom, import_batch_id)
       SELECT $2::char(6), r.staff, r.grid, r.started, r.ended, r.n, ST_GeomFromText(r.wkt, 4326), $3
       FROM json_to_recordset($1::json) AS r(staff bigint, grid text, started timestamptz, ended timestamptz, n integer, wkt text)`,
      [ctx.districtCode, id],
      options.batchRows,
    );
    for (const t of tracks) await writer.add(t);
    await writer.flush();
    return id;
  });
  // The embedded database has no autovacuum: fresh statistics for the coverage queries, and the
  // visibility map set so that index-only scans stay index-only.
  await db!.query('VACUUM (ANALYZE) patrol_tracks');
  // The days the tracks touch were forgotten by 0017's trigger: the server works them out again.
  nudgePatrolDays(db!);
  return { ...report, batchId, durationMs: Math.round(performance.now() - startedMs) };
}
