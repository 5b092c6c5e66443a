/** `gridatlas import incidents <file>`: incidents from CSV, GeoJSON, XLSX or a zipped shapefile. */
import { importIncidents, migrate, openDatabase, type IncidentImportOptions } from '@gridatlas/api';
import { UsageError, type Command } from './command.js';
import { databaseTarget } from './database-options.js';
import { commonImportOptions, importOptions, readJsonFile, reportImport } from './import-options.js';

export const importIncidentsCommand: Command = {
  name: 'import incidents',
  summary: 'import incidents (CSV, GeoJSON, XLSX, KML, zipped shapefile) with a dry run and an all-or-nothing commit',
  usage:
    'pnpm gridatlas import incidents <file> [--format csv|geojson|xlsx|shp|kml] [--crs wgs84|gcj02|bd09|EPSG:n|proj4…] ' +
    '[--lng-field F --lat-field F] [--time-field F] [--time-format F] [--category-field F] [--id-field F] [--dry-run] [--json report.json]',
  options: {
    ...importOptions,
    'category-map': { type: 'string', valueName: 'map.json', description: 'JSON object: source category → category used here' },
    'default-category': { type: 'string', valueName: 'name', description: 'category for values not known (default: keep them)' },
    'reject-unknown-category': { type: 'boolean', description: 'reject rows whose category is not known (unknown_category)' },
    channel: { type: 'string', valueName: 'name', default: '数据导入', description: 'channel of the imported incidents' },
  },
  async run({ values, positionals, out }) {
    const { file, options } = commonImportOptions(values, positionals);
    const mapPath = values['category-map'];
    let categoryMap: Record<string, string> | undefined;
    if (typeof mapPath === 'string') {
      const map = readJsonFile(mapPath, '--category-map');
      if (typeof map !== 'object' || map === null || Array.isArray(map) || !Object.values(map).every((v) => typeof v === 'string')) {
        throw new UsageError('--category-map must hold a JSON object of strings');
      }
      categoryMap = map as Record<string, string>;
    }
    const incidentOptions: IncidentImportOptions = {
      ...options,
      ...(categoryMap ? { categoryMap } : {}),
      ...(typeof values['default-category'] === 'string' ? { defaultCategory: values['default-category'] } : {}),
      rejectUnknownCategory: values['reject-unknown-category'] === true,
      channel: String(values.channel ?? '数据导入'),
    };
    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      return await reportImport(values, out, () => importIncidents(db, { path: file }, incidentOptions));
    } finally {
      await db.close();
    }
  },
};
