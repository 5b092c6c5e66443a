/**
 * Incidents from a file into the district: each row's position (converted to WGS84), time,
 * category and code are checked, rejects are counted by reason, and — unless a dry run — the
 * accepted rows are written with their import batch in ONE transaction: all or nothing.
 */
import { CrsError, parseCrs, type Crs } from '@gridatlas/core';
import type { Db } from '../db/db.types.js';
import { BatchWriter } from './batch-writer.js';
import { guessFields } from './field-guess.js';
import { loadDistrict, type DistrictContext } from './import-context.js';
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
import { compileTimeFormat, offsetMinutes } from './parse-time.js';
import { isBlank, readPosition, readTime, type RecordReader } from './record-fields.js';
import { settleIncidentMonths } from '../dashboard/incident-months.js';

export interface IncidentImportOptions extends ImportOptions {
  /** Source category → category used here (e.g. "VEHICLE THEFT" → "治安隐患"). */
  categoryMap?: Record<string, string>;
  /** Categories not in `knownCategories` (after the map) become this; unset keeps them as they are. */
  defaultCategory?: string;
  /** Reject rows whose category is not known instead (reason `unknown_category`). */
  rejectUnknownCategory?: boolean;
  /** Categories counted as known besides the map's targets (the database's own are added). */
  knownCategories?: readonly string[];
  /** Channel of every imported incident (default 数据导入). */
  channel?: string;
  /** Code prefix for rows without an id (default `IMP` + the import's start time). */
  codePrefix?: string;
}

/** Repairs per reason as stored with the batch: `{ "z_dropped": 12 }`, beside the rejections. */
export function repairCounts(tally: ImportTally): Record<string, number> {
  return Object.fromEntries(Object.entries(tally.repairs).map(([reason, r]) => [reason, r.count]));
}

export interface IncidentContext extends DistrictContext {
  existingCodes: ReadonlySet<string>;
  knownCategories: ReadonlySet<string>;
}

export const IMPORT_CHANNEL = '数据导入';
/** Category of rows with none when no default is set. */
export const UNCATEGORISED = '未分类';

export async function loadIncidentContext(
  db: Db,
  options: Pick<IncidentImportOptions, 'skipDistrictCheck' | 'district'>,
): Promise<IncidentContext> {
  const district = await loadDistrict(db, options.skipDistrictCheck, options.district);
  const codes = await db.query<{ code: string }>('SELECT code FROM incidents WHERE district_code = $1', [district.districtCode]);
  const cats = await db.query<{ category: string }>('SELECT DISTINCT category FROM incidents WHERE district_code = $1', [
    district.districtCode,
  ]);
  return { ...district, existingCodes: new Set(codes.rows.map((r) => r.code)), knownCategories: new Set(cats.rows.map((r) => r.category)) };
}

interface IncidentRow {
  code: string;
  category: string;
  t: string;
  lng: number;
  lat: number;
}

/** The import's coordinate system: any form `parseCrs` reads; unknown ones refuse the file. */
export function importCrs(options: Pick<ImportOptions, 'crs'>): Crs {
  try {
    return parseCrs(options.crs ?? 'wgs84');
  } catch (error) {
    if (error instanceof CrsError) throw new ImportError(`--crs: ${error.message}`);
    throw error;
  }
}

export function readerOf(options: ImportOptions, boundary: RecordReader['boundary']): Omit<RecordReader, 'fields'> {
  const utcOffsetMin = offsetMinutes(options.utcOffset ?? '+08:00');
  if (utcOffsetMin === undefined) throw new ImportError(`bad UTC offset "${String(options.utcOffset)}"; expected e.g. +08:00`);
  let timeFormat;
  try {
    timeFormat = options.timeFormat === undefined ? undefined : compileTimeFormat(options.timeFormat);
  } catch (error) {
    throw new ImportError((error as Error).message);
  }
  return { crs: importCrs(options), utcOffsetMin, boundary, ...(timeFormat ? { timeFormat } : {}) };
}

/**
 * Reads, checks and (unless `dryRun`) writes incidents. Without `db` it is a dry run against
 * the given `context` (tests, or checking a file with no database at hand).
 */
export async function importIncidents(
  db: Db | null,
  input: ImportInput,
  options: IncidentImportOptions,
  context?: IncidentContext,
): Promise<ImportReport> {
  const startedMs = performance.now();
  const dryRun = options.dryRun === true || db === null;
  if (!context && !db) throw new ImportError('a dry run without a database needs a context');
  const ctx = context ?? (await loadIncidentContext(db!, options));
  const source = openSource(input, options);
  const base = readerOf(options, options.skipDistrictCheck ? null : ctx.boundary);
  const known = new Set([...ctx.knownCategories, ...(options.knownCategories ?? []), ...Object.values(options.categoryMap ?? {})]);
  if (options.defaultCategory) known.add(options.defaultCategory);
  const prefix = options.codePrefix ?? `IMP${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-`;
  const tally = new ImportTally(options.sampleSize);
  const seen = new Set<string>();
  let reader: RecordReader | null = null;
  let generated = 0;

  const no = (rec: SourceRecord, reason: RejectReason, detail?: string): null => {
    tally.reject(rec.row, rec.layer, reason, detail);
    return null;
  };
  const check = (rec: SourceRecord): IncidentRow | null => {
    if (!reader) {
      const fields = guessFields(Object.keys(rec.fields), options.fields, ['lng', 'lat', 'time', 'category']);
      // Geometry whose .prj could not be read cannot be placed: coordinates must come from fields.
      if (source.unplaced && (fields.lng === undefined || fields.lat === undefined)) {
        throw new ImportError(
          `the geometry is in a coordinate system GridAtlas cannot read (${source.unplaced}); name longitude/latitude fields with --lng-field and --lat-field, or fix the .prj`,
        );
      }
      if (fields.time === undefined)
        throw new ImportError(`no time field found among ${Object.keys(rec.fields).join(', ')}; name it with --time-field`);
      reader = { ...base, fields };
    }
    tally.total++;
    const pos = readPosition(reader, rec);
    if (!pos.ok) return no(rec, pos.reason, pos.detail);
    const time = readTime(reader, rec);
    if (!time.ok) return no(rec, time.reason, time.detail);

    const rawCategory = reader.fields.category === undefined ? '' : String(rec.fields[reader.fields.category] ?? '').trim();
    let category = options.categoryMap?.[rawCategory] ?? rawCategory;
    if (!known.has(category)) {
      if (options.rejectUnknownCategory) return no(rec, 'unknown_category', rawCategory || '(blank)');
      category = options.defaultCategory ?? (category || UNCATEGORISED);
    }

    const rawId = options.fields.id === undefined ? undefined : rec.fields[options.fields.id];
    const code = isBlank(rawId) ? `${prefix}${String(++generated).padStart(6, '0')}` : String(rawId).trim();
    if (seen.has(code) || ctx.existingCodes.has(code)) return no(rec, 'duplicate_id', code);
    seen.add(code);
    tally.accept(time.value);
    for (const r of pos.value.repairs) tally.repair(rec.row, rec.layer, r);
    const [lng, lat] = pos.value.position;
    return { code, category, t: new Date(time.value).toISOString(), lng, lat };
  };

  const file = inputName(input);
  const reportOf = (): ImportReport => ({
    ...tally.report({
      kind: 'incidents',
      format: source.format,
      file,
      dryRun,
      fields: { ...(reader as RecordReader | null)?.fields, ...(options.fields.id ? { id: options.fields.id } : {}) },
      startedMs,
    }),
    ...(source.layers ? { layers: source.layers } : {}),
  });

  if (dryRun) {
    for await (const rec of source.records) check(rec);
    return reportOf();
  }

  const channel = options.channel ?? IMPORT_CHANNEL;
  const batchId = await db!.transaction(async (tx) => {
    const batch = await tx.query<{ id: number }>(
      `INSERT INTO import_batches (district_code, kind, file_name, format, source_crs, imported_by, total, accepted, rejected, options)
       VALUES ($1, 'incidents', $2, $3, $4, $5, 0, 0, 0, $6::jsonb) RETURNING id`,
      [
        ctx.districtCode,
        file.split(/[\\/]/).pop(),
        source.format,
        options.crs ?? 'wgs84',
        options.importedBy ?? null,
        JSON.stringify({ fields: options.fields, timeFormat: options.timeFormat ?? null }),
      ],
    );
    const id = batch.rows[0]!.id;
    const writer = new BatchWriter(
      tx,
      `WITH ins AS (
         INSERT INTO incidents (district_code, code, category, channel, state, reported_at, location, import_batch_id)
         SELECT $2::char(6), r.code, r.category, $3, 'reported', r.t, ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326), $4
         FROM json_to_recordset($1::json) AS r(code text, category text, t timestamptz, lng float8, lat float8)
         RETURNING id, reported_at, location)
       INSERT INTO incident_transitions (district_code, incident_id, seq, state, at, actor_role, location, note)
       SELECT $2::char(6), ins.id, 0, 'reported', ins.reported_at, 'import', ins.location, $5 FROM ins`,
      [ctx.districtCode, channel, id, `导入批次 ${id}`],
      options.batchRows,
    );
    for await (const rec of source.records) {
      const row = check(rec);
      if (row) await writer.add(row);
    }
    await writer.flush();
    await settleIncidentMonths(tx, ctx.districtCode);
    await tx.query(
      `UPDATE import_batches SET total = $3, accepted = $4, rejected = $5, reasons = $6::jsonb, repairs = $7::jsonb WHERE district_code = $1 AND id = $2`,
      [
        ctx.districtCode,
        id,
        tally.total,
        tally.accepted,
        tally.rejected,
        JSON.stringify(tally.reasons),
        JSON.stringify(repairCounts(tally)),
      ],
    );
    return id;
  });
  // The embedded database has no autovacuum: fresh statistics for the incidents and the
  // aggregates the import grew, so the analytics queries keep their plans, and the visibility
  // map set so that index-only scans stay index-only.
  await db!.query(
    'VACUUM (ANALYZE) incidents, incident_daily_grid, incident_monthly_grid, incident_daily_cell, incident_monthly_cell, incident_monthly_hex, incident_month_figures, incident_overdue_spans',
  );
  return { ...reportOf(), batchId };
}
