/**
 * Imports one layer of a district: read (one reader) → normalise (one step) → the layer's
 * checks and repairs, all in memory, with progress and cancel between steps → the report →
 * unless it is a dry run or rows were rejected, one short transaction that writes the layer
 * and its `district_imports` row. A failure, a cancel or a killed process before that
 * transaction leaves the database as it was; the transaction itself is all or nothing.
 *
 * Exit codes the command line gives: 0 done (or a clean dry run), 1 rows rejected (nothing
 * written), 2 the input cannot be read (`ImportError`, nothing written).
 */
import { geometryBBox } from '@gridatlas/core';
import type { Db } from '../../db/db.types.js';
import type { ExpectedGeometry } from '../../import/formats/layer.types.js';
import { inputName } from '../../import/formats/layer-input.js';
import { ImportError, type ImportInput } from '../../import/import.types.js';
import { importBoundaries } from './boundaries.layer.js';
import { importBuildings } from './buildings.layer.js';
import { loadDistrictContext } from './district-context.js';
import type { DistrictImportOptions, DistrictLayer, LayerHooks, LayerImporter } from './district-import.types.js';
import { importGrids } from './grids.layer.js';
import { ReportBuilder, type LayerReport } from './import-report.js';
import { readLayerInput } from './layer-input.js';
import { importRegistry } from './registry.layer.js';
import { importSpecialGroups } from './special-groups.layer.js';
import { importStaff } from './staff.layer.js';
import { importStreets } from './streets.layer.js';

const IMPORTERS: Record<DistrictLayer, LayerImporter> = {
  subdistricts: importBoundaries,
  communities: importBoundaries,
  buildings: importBuildings,
  registry: importRegistry,
  streets: importStreets,
  grids: importGrids,
  staff: importStaff,
  'special-groups': importSpecialGroups,
};

/** The geometry each layer needs (buildings take footprints or points; tables none). */
const EXPECT: Partial<Record<DistrictLayer, ExpectedGeometry>> = {
  subdistricts: 'polygon',
  communities: 'polygon',
  grids: 'polygon',
  streets: 'line',
};

/** Layers read as tables (no geometry needed). */
const TABLE_LAYERS: readonly DistrictLayer[] = ['registry', 'staff', 'special-groups'];

export async function importDistrictLayer(
  db: Db,
  input: ImportInput,
  options: DistrictImportOptions,
  hooks: LayerHooks = {},
): Promise<LayerReport> {
  const t0 = performance.now();
  await hooks.progress?.(0, 'read');
  const district = await loadDistrictContext(db, options.districtCode);
  const read = await readLayerInput(input, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.crs ? { crs: options.crs } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { layer: options.sheet } : {}),
    ...(options.lngField ? { lngField: options.lngField } : {}),
    ...(options.latField ? { latField: options.latField } : {}),
    ...(hooks.signal ? { signal: hooks.signal } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(EXPECT[options.layer] ? { expect: EXPECT[options.layer] } : {}),
    // Degrees are checked against the district for the GCJ-02 offset; metres placed in its zone.
    reference: [{ type: 'Feature', properties: {}, geometry: district.boundary }],
    crsHint: geometryBBox(district.boundary),
  });
  if (read.featureCount === 0)
    throw new ImportError(`${inputName(input)} holds no ${TABLE_LAYERS.includes(options.layer) ? 'rows' : 'features'}: nothing to import`);
  await hooks.progress?.(0.1, 'normalise');
  const report = new ReportBuilder();
  for (const w of read.warnings) report.warnings.push(w);
  const prepared = await IMPORTERS[options.layer]({ db, district, read, options, report, hooks });
  const rejected = report.rejected.size;
  const write = !options.dryRun && (rejected === 0 || options.allowRejected === true) && prepared.accepted > 0;
  const result: LayerReport = {
    layer: options.layer,
    districtCode: options.districtCode,
    file: inputName(input).split(/[\\/]/).pop() ?? '',
    format: read.format,
    crs: { id: read.crs.id, how: read.crs.how },
    encoding: { name: read.encoding.name, how: read.encoding.how },
    dryRun: options.dryRun === true,
    written: false,
    importId: null,
    read: read.featureCount,
    accepted: read.featureCount - rejected,
    rejected,
    repaired: [...report.repaired].filter((i) => !report.rejected.has(i)).length,
    merged: report.merged,
    reasons: report.reasons,
    codes: prepared.codes ?? null,
    changes: prepared.changes ?? null,
    totals: report.totals,
    problems: report.problems,
    problemsTruncated: report.problemsTruncated,
    warnings: report.warnings,
    durationMs: 0,
  };
  if (write) {
    await hooks.progress?.(0.9, 'apply');
    result.importId = await db.transaction(async (tx) => {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO district_imports (district_code, layer, file_name, format, crs, encoding, imported_by, job_id, options, report)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, '{}'::jsonb) RETURNING id`,
        [
          options.districtCode,
          options.layer,
          result.file,
          read.format,
          read.crs.id,
          read.encoding.name,
          options.importedBy ?? null,
          options.jobId ?? null,
          JSON.stringify(storedOptions(options)),
        ],
      );
      const importId = r.rows[0]!.id;
      await prepared.apply(tx, importId);
      result.written = true;
      result.importId = importId;
      result.durationMs = Math.round(performance.now() - t0);
      await tx.query('UPDATE district_imports SET report = $3::jsonb WHERE district_code = $1 AND id = $2', [
        options.districtCode,
        importId,
        JSON.stringify({ ...result, problems: [] }),
      ]);
      return importId;
    });
    // Fresh statistics for what was written (a first import grows tables from nothing). Not a
    // vacuum: it slowed the grid layer's plans on the embedded database (seed-district.ts).
    await db.query('ANALYZE regions, buildings, streets, grids').catch(() => undefined);
  }
  result.durationMs = Math.round(performance.now() - t0);
  await hooks.progress?.(1, 'done');
  return result;
}

/** Options worth keeping with the import (the field mapping), without anything personal. */
function storedOptions(o: DistrictImportOptions): Record<string, unknown> {
  const { importedBy: _by, jobId: _job, ...rest } = o;
  return rest;
}
