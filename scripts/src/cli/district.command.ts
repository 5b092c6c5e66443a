/**
 * `gridatlas district create|import|export|list`: bring a district in from an office's files,
 * layer by layer, and take its plan back out. Every import reports accepted, rejected,
 * repaired and merged with the count per reason and a sample; exit 0 when it was written (or
 * the dry run was clean), 1 when rows were rejected, 2 when the input cannot be read — on 1
 * and 2 nothing is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  createDistrict,
  DISTRICT_LAYERS,
  EXPORT_FORMATS,
  EXPORT_LAYERS,
  exportDistrictLayer,
  ImportError,
  importDistrictLayer,
  migrate,
  openDatabase,
  type Db,
  type DistrictImportOptions,
  type DistrictLayer,
  type ExportFormat,
  type ExportLayer,
} from '@gridatlas/api';
import { UsageError, type Command, type CommandContext, type OptionSpec } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';
import { printDistrictReport } from './district-report.js';

const str = (values: CommandContext['values'], name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

async function withDb<T>(values: CommandContext['values'], fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(databaseTarget(values));
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Whole-file problems (exit 2) become usage errors; the rest stays an error. */
async function readable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ImportError) throw new UsageError(error.message);
    throw error;
  }
}

const common: Record<string, OptionSpec> = {
  format: { type: 'string', valueName: 'geojson|csv|xlsx|shp', description: 'file format (default: from the extension)' },
  crs: {
    type: 'string',
    valueName: 'wgs84|cgcs2000|gcj02|bd09|EPSG:n',
    description: 'coordinate system of the file (default: wgs84; a .prj says it for shapefiles)',
  },
  encoding: { type: 'string', valueName: 'gbk|utf-8', description: 'text encoding of a DBF or CSV (default: a .cpg, else detected)' },
  'dry-run': { type: 'boolean', description: 'check and report only; write nothing' },
  json: {
    type: 'string',
    valueName: 'report.json',
    description: 'write the full report (every reason, sample, proposal, change and problem) here',
  },
  ...databaseOptions,
};

export const districtCreateCommand: Command = {
  name: 'district create',
  summary: 'create (or update) a district from its boundary file',
  usage: 'pnpm gridatlas district create --code <6 digits> --name <名称> --boundary <file> [--crs …] [--name-field F] [--json report.json]',
  options: {
    code: { type: 'string', valueName: '6 digits', description: "the district's statistical code, e.g. 420111" },
    name: {
      type: 'string',
      valueName: '名称',
      description: 'its name, e.g. 洪山区 (picks the feature of that name when the file holds several)',
    },
    boundary: { type: 'string', valueName: 'file', description: 'the boundary (GeoJSON, zipped Shapefile, …)' },
    'name-field': { type: 'string', valueName: 'F', description: 'field naming the features when the file holds several districts' },
    ...common,
  },
  async run({ values, out }) {
    const code = str(values, 'code');
    const name = str(values, 'name');
    const boundary = str(values, 'boundary');
    if (!code || !name || !boundary) throw new UsageError('district create needs --code, --name and --boundary');
    const report = await withDb(values, (db) =>
      readable(() =>
        createDistrict(
          db,
          { path: resolve(boundary) },
          {
            code,
            name,
            ...(str(values, 'crs') ? { crs: str(values, 'crs')! } : {}),
            ...(str(values, 'format') ? { format: str(values, 'format')! } : {}),
            ...(str(values, 'encoding') ? { encoding: str(values, 'encoding')! } : {}),
            ...(str(values, 'name-field') ? { nameField: str(values, 'name-field')! } : {}),
            createdBy: `cli:${process.env.USER ?? 'unknown'}`,
            dryRun: values['dry-run'] === true,
          },
        ),
      ),
    );
    return printDistrictReport(values, out, report);
  },
};

/** Field options: `--code-field` → `codeField`. */
const FIELD_OPTIONS = [
  'code',
  'name',
  'parent',
  'id',
  'key',
  'households',
  'persons',
  'floors',
  'height',
  'address',
  'class',
  'role',
  'phone',
  'grid',
  'category',
  'since',
  'id-number',
  'lng',
  'lat',
] as const;

export const districtImportCommand: Command = {
  name: 'district import',
  summary: 'import one layer of a district (subdistricts, communities, buildings, registry, streets, grids, staff, special-groups)',
  usage:
    'pnpm gridatlas district import <subdistricts|communities|buildings|registry|streets|grids|staff|special-groups> <file> --district <code> ' +
    '[--format …] [--crs wgs84|cgcs2000|gcj02|bd09|EPSG:n] [--encoding gbk|utf-8] [--code-field F] [--name-field F] [--parent-field F] [--id-field F] ' +
    '[--key-field F] [--households-field F] [--persons-field F] [--floors-field F] [--height-field F] [--estimate-households] [--dry-run] [--json report.json]',
  options: {
    district: { type: 'string', valueName: 'code', description: 'the 6-digit code of the district (create it first)' },
    ...Object.fromEntries(
      FIELD_OPTIONS.map((f) => [
        `${f}-field`,
        {
          type: 'string',
          valueName: 'F',
          description: `the ${f.replace('-', ' ')} field (default: guessed from common names)`,
        } satisfies OptionSpec,
      ]),
    ),
    sheet: { type: 'string', valueName: 'name', description: 'XLSX sheet or shapefile layer to read' },
    'estimate-households': {
      type: 'boolean',
      description: 'buildings without registry counts: households from floor area × floors ÷ --flat-size (marked estimated)',
    },
    'flat-size': { type: 'string', valueName: 'm²', description: 'gross floor area per household for the estimate (default 120)' },
    'persons-per-household': { type: 'string', valueName: 'n', description: 'persons per household for the estimate (default 2.5)' },
    per: {
      type: 'string',
      valueName: 'household|building',
      description: 'registry: one row per household (default) or per building (needs --households-field)',
    },
    'max-mb': { type: 'string', valueName: 'MiB', description: 'largest file read (default 256): a larger one is refused (exit 2)' },
    'allow-rejected': {
      type: 'boolean',
      description: 'write the accepted rows even though some were rejected (exit 0; the report lists them)',
    },
    ...common,
  },
  async run({ values, positionals, out }) {
    const [layer, file, ...extra] = positionals;
    if (!layer || !(DISTRICT_LAYERS as readonly string[]).includes(layer))
      throw new UsageError(`name the layer: one of ${DISTRICT_LAYERS.join(', ')}`);
    if (!file) throw new UsageError('name the file to import');
    if (extra.length) throw new UsageError(`one file at a time; got also ${extra.join(', ')}`);
    const district = str(values, 'district');
    if (!district || !/^\d{6}$/.test(district)) throw new UsageError('--district must name the 6-digit district code');
    const number = (name: string): number | undefined => {
      const v = str(values, name);
      if (v === undefined) return undefined;
      const x = Number(v);
      if (!Number.isFinite(x) || x <= 0) throw new UsageError(`--${name} must be a positive number, got "${v}"`);
      return x;
    };
    const per = str(values, 'per');
    if (per !== undefined && per !== 'household' && per !== 'building') throw new UsageError('--per must be household or building');
    const fields = Object.fromEntries(
      FIELD_OPTIONS.map((f) => [`${f.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase())}Field`, str(values, `${f}-field`)]).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const options: DistrictImportOptions = {
      layer: layer as DistrictLayer,
      districtCode: district,
      ...fields,
      ...(str(values, 'format') ? { format: str(values, 'format')! } : {}),
      ...(str(values, 'crs') ? { crs: str(values, 'crs')! } : {}),
      ...(str(values, 'encoding') ? { encoding: str(values, 'encoding')! } : {}),
      ...(str(values, 'sheet') ? { sheet: str(values, 'sheet')! } : {}),
      ...(number('flat-size') ? { flatSizeM2: number('flat-size')! } : {}),
      ...(number('persons-per-household') ? { personsPerHousehold: number('persons-per-household')! } : {}),
      ...(per ? { registryPer: per } : {}),
      ...(number('max-mb') ? { maxBytes: Math.round(number('max-mb')! * 2 ** 20) } : {}),
      estimateHouseholds: values['estimate-households'] === true,
      allowRejected: values['allow-rejected'] === true,
      dryRun: values['dry-run'] === true,
      importedBy: `cli:${process.env.USER ?? 'unknown'}`,
    };
    const report = await withDb(values, (db) => readable(() => importDistrictLayer(db, { path: resolve(file) }, options)));
    return printDistrictReport(values, out, report);
  },
};

export const districtListCommand: Command = {
  name: 'district list',
  summary: 'list the districts in the database with their counts and last imports',
  usage: 'pnpm gridatlas district list [--json]',
  options: { json: { type: 'boolean', description: 'print JSON instead of a table' }, ...databaseOptions },
  async run({ values, out }) {
    const rows = await withDb(
      values,
      async (db) =>
        (
          await db.query<{
            code: string;
            name: string;
            synthetic: boolean;
            subdistricts: number;
            communities: number;
            buildings: number;
            households: number;
            grids: number;
            imports: number;
            lastImport: string | null;
          }>(
            `SELECT d.district_code::text AS code, coalesce(d.name, r.name) AS name, d.synthetic,
             (SELECT count(*) FROM regions x WHERE x.district_code = d.district_code AND x.level = 'subdistrict') AS subdistricts,
             (SELECT count(*) FROM regions x WHERE x.district_code = d.district_code AND x.level = 'community') AS communities,
             (SELECT count(*) FROM buildings b WHERE b.district_code = d.district_code) AS buildings,
             (SELECT coalesce(sum(households), 0) FROM buildings b WHERE b.district_code = d.district_code) AS households,
             (SELECT count(*) FROM current_grids g WHERE g.district_code = d.district_code) AS grids,
             (SELECT count(*) FROM district_imports i WHERE i.district_code = d.district_code) AS imports,
             (SELECT to_char(max(imported_at), 'YYYY-MM-DD HH24:MI') FROM district_imports i WHERE i.district_code = d.district_code) AS "lastImport"
           FROM districts d LEFT JOIN regions r ON r.district_code = d.district_code AND r.code = d.district_code
           ORDER BY d.district_code`,
          )
        ).rows,
    );
    if (values.json === true) {
      out(JSON.stringify({ districts: rows }, null, 2));
      return 0;
    }
    if (rows.length === 0) {
      out('no district yet: pnpm gridatlas district create --code <6 digits> --name <名称> --boundary <file>');
      return 0;
    }
    out(['code', 'name', 'subdistricts', 'communities', 'buildings', 'households', 'grids', 'imports', 'last import'].join('\t'));
    for (const r of rows)
      out(
        [
          r.code,
          `${r.name ?? ''}${r.synthetic ? ' (synthetic)' : ''}`,
          r.subdistricts,
          r.communities,
          r.buildings,
          r.households,
          r.grids,
          r.imports,
          r.lastImport ?? '—',
        ].join('\t'),
      );
    return 0;
  },
};

export const districtExportCommand: Command = {
  name: 'district export',
  summary: 'export the current grids, the communities or the buildings of a district (GeoJSON, zipped Shapefile, XLSX grid table)',
  usage:
    'pnpm gridatlas district export <grids|communities|buildings> --district <code> --format shp|geojson|xlsx [--crs wgs84|cgcs2000|EPSG:n] --out <file>',
  options: {
    district: { type: 'string', valueName: 'code', description: 'the 6-digit district code' },
    format: { type: 'string', valueName: EXPORT_FORMATS.join('|'), description: 'file format' },
    crs: {
      type: 'string',
      valueName: 'wgs84|cgcs2000|EPSG:n',
      description: 'coordinate system of a Shapefile (default wgs84; GeoJSON is always WGS84)',
    },
    encoding: {
      type: 'string',
      valueName: 'utf-8|gbk',
      description: 'DBF text encoding of a Shapefile (default utf-8, named in its .cpg)',
    },
    out: { type: 'string', valueName: 'file', description: 'where to write it' },
    ...databaseOptions,
  },
  async run({ values, positionals, out }) {
    const [layer, ...extra] = positionals;
    if (!layer || !(EXPORT_LAYERS as readonly string[]).includes(layer))
      throw new UsageError(`name the layer: one of ${EXPORT_LAYERS.join(', ')}`);
    if (extra.length) throw new UsageError(`one layer at a time; got also ${extra.join(', ')}`);
    const district = str(values, 'district');
    const format = str(values, 'format');
    const file = str(values, 'out');
    if (!district || !/^\d{6}$/.test(district)) throw new UsageError('--district must name the 6-digit district code');
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format))
      throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (!file) throw new UsageError('--out must name the file to write');
    const exported = await withDb(values, (db) =>
      readable(() =>
        exportDistrictLayer(db, {
          districtCode: district,
          layer: layer as ExportLayer,
          format: format as ExportFormat,
          ...(str(values, 'crs') ? { crs: str(values, 'crs')! } : {}),
          ...(str(values, 'encoding') === 'gbk' ? { encoding: 'gbk' as const } : {}),
        }),
      ),
    );
    const path = resolve(file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, exported.bytes);
    out(`${exported.features} ${layer} written to ${path}`);
    return 0;
  },
};
