/** Options shared by `gridatlas import incidents` and `import tracks`, and the report they print. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IMPORT_FORMATS, ImportError, type ImportFormat, type ImportReport } from '@gridatlas/api';
import { CRS_FORMS, CrsError, parseCrs } from '@gridatlas/core';
import { UsageError, type CommandContext, type OptionSpec } from './command.js';
import { databaseOptions } from './database-options.js';

export const importOptions: Record<string, OptionSpec> = {
  district: {
    type: 'string',
    valueName: 'code',
    description: 'the 6-digit district to import into (needed when the database holds several)',
  },
  format: {
    type: 'string',
    valueName: IMPORT_FORMATS.join('|'),
    description: 'file format (default: from the extension; .zip is a shapefile)',
  },
  crs: {
    type: 'string',
    valueName: 'system',
    default: 'wgs84',
    description: `coordinate system of the positions (${CRS_FORMS}); converted to WGS84 before they are checked (cgcs2000 is taken as WGS84; a shapefile's .prj names its geometry's own)`,
  },
  'lng-field': {
    type: 'string',
    valueName: 'F',
    description: 'longitude field (default: guessed: lng, lon, longitude, x, 经度…; else the point geometry)',
  },
  'lat-field': { type: 'string', valueName: 'F', description: 'latitude field (default: guessed: lat, latitude, y, 纬度…)' },
  'time-field': { type: 'string', valueName: 'F', description: 'time field (default: guessed: time, date, 时间…)' },
  'time-format': {
    type: 'string',
    valueName: 'F',
    description: 'e.g. "DD.MM.YYYY HH:mm" (default: ISO 8601, 2020/12/11 23:45, 12/11/2020 11:45:00 PM)',
  },
  'utc-offset': {
    type: 'string',
    valueName: '±HH:MM',
    default: '+08:00',
    description: 'zone of times written without one (negative: --utc-offset=-07:00)',
  },
  'category-field': { type: 'string', valueName: 'F', description: 'category field (default: guessed: category, type, 类别…)' },
  'id-field': { type: 'string', valueName: 'F', description: 'id field; repeated ids are rejected (default: codes are generated)' },
  layer: { type: 'string', valueName: 'name', description: 'only this shapefile layer (file name without extension) or XLSX sheet' },
  encoding: { type: 'string', valueName: 'name', description: 'text encoding of a CSV or DBF, e.g. gbk (default: utf-8; a .cpg wins)' },
  delimiter: { type: 'string', valueName: 'c', description: 'CSV separator (default ",")' },
  'skip-district-check': { type: 'boolean', description: 'accept points outside the district boundary' },
  'dry-run': { type: 'boolean', description: 'check and report only; write nothing' },
  json: { type: 'string', valueName: 'report.json', description: 'write the report (accepted, rejected, reasons, sample) here' },
  ...databaseOptions,
};

const str = (values: CommandContext['values'], name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** The file positional and the options every import takes. */
export function commonImportOptions(values: CommandContext['values'], positionals: string[]) {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('name the file to import');
  if (extra.length > 0) throw new UsageError(`one file at a time; got also ${extra.join(', ')}`);
  const crs = str(values, 'crs') ?? 'wgs84';
  try {
    parseCrs(crs);
  } catch (error) {
    if (error instanceof CrsError) throw new UsageError(`--crs: ${error.message}`);
    throw error;
  }
  const format = str(values, 'format');
  if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}, got "${format}"`);
  const field = (k: string) => str(values, `${k}-field`);
  const fields = Object.fromEntries(
    (['lng', 'lat', 'time', 'category', 'id', 'worker'] as const).map((k) => [k, field(k)]).filter(([, v]) => v !== undefined),
  );
  if ((fields.lng === undefined) !== (fields.lat === undefined)) throw new UsageError('give --lng-field and --lat-field together');
  const optional = <K extends string>(key: K, value: string | undefined) =>
    value === undefined ? {} : ({ [key]: value } as Record<K, string>);
  return {
    file: resolve(file),
    options: {
      crs,
      fields,
      ...optional('district', str(values, 'district')),
      ...(format ? { format: format as ImportFormat } : {}),
      ...optional('timeFormat', str(values, 'time-format')),
      ...optional('utcOffset', str(values, 'utc-offset')),
      ...optional('layer', str(values, 'layer')),
      ...optional('encoding', str(values, 'encoding')),
      ...optional('delimiter', str(values, 'delimiter')),
      skipDistrictCheck: values['skip-district-check'] === true,
      dryRun: values['dry-run'] === true,
      importedBy: `cli:${process.env.USER ?? 'unknown'}`,
    },
  };
}

export function readJsonFile(path: string, option: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path}: ${(error as Error).message}`);
  }
}

/** Prints the summary, writes `--json`, and turns a whole-file problem into a usage error. */
export async function reportImport(
  values: CommandContext['values'],
  out: (line: string) => void,
  run: () => Promise<ImportReport>,
): Promise<number> {
  let report: ImportReport;
  try {
    report = await run();
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(error.message);
    throw error;
  }
  const n = (x: number) => x.toLocaleString('en');
  const reasons = Object.entries(report.reasons).map(([r, c]) => `${r} ${n(c)}`);
  out(
    `${report.dryRun ? 'dry run' : 'imported'}: ${n(report.total)} rows read, ${n(report.accepted)} accepted, ${n(report.rejected)} rejected` +
      (reasons.length > 0 ? ` (${reasons.join(', ')})` : '') +
      (report.tracks !== undefined ? `, ${n(report.tracks)} tracks` : '') +
      ` in ${(report.durationMs / 1000).toFixed(1)} s`,
  );
  if (report.layers)
    out(
      `layers: ${report.layers.read.join(', ')}${report.layers.skipped.length ? `; skipped (not points): ${report.layers.skipped.join(', ')}` : ''}`,
    );
  out(
    `fields: ${Object.entries(report.fields)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
  );
  const repairs = Object.entries(report.repairs).map(([r, s]) => `${r} ${n(s!.count)}`);
  if (repairs.length > 0) out(`positions repaired: ${repairs.join(', ')}`);
  if (report.timeRange) out(`time range: ${report.timeRange.from} – ${report.timeRange.to}`);
  if (report.batchId !== null) out(`committed as import batch ${report.batchId}`);
  for (const s of report.sample.slice(0, 5))
    out(`  rejected ${s.layer ? `${s.layer}:` : ''}row ${s.row}: ${s.reason}${s.detail ? ` (${s.detail})` : ''}`);
  const json = str(values, 'json');
  if (json !== undefined) {
    const path = resolve(json);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
    out(`report written to ${path}`);
  }
  return 0;
}
