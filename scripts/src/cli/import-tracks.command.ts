/** `gridatlas import tracks <file>`: patrol tracks from GPX or CSV, one LineStringM per worker and day. */
import { importTracks, migrate, openDatabase } from '@gridatlas/api';
import type { Command } from './command.js';
import { databaseTarget } from './database-options.js';
import { commonImportOptions, importOptions, reportImport } from './import-options.js';

export const importTracksCommand: Command = {
  name: 'import tracks',
  summary: 'import patrol tracks (GPX, or CSV of lat, lng, time, worker) grouped by worker and day',
  usage:
    'pnpm gridatlas import tracks <file> [--format gpx|csv] [--crs wgs84|gcj02|bd09|EPSG:n|proj4…] [--worker-field F | --worker NAME] ' +
    '[--lng-field F --lat-field F] [--time-field F] [--time-format F] [--dry-run] [--json report.json]',
  options: {
    ...importOptions,
    'worker-field': {
      type: 'string',
      valueName: 'F',
      description: 'field with the staff name or id (default: guessed: worker, staff, name…; GPX: the track name)',
    },
    worker: { type: 'string', valueName: 'name|id', description: 'the worker of every point, when the file has no worker field' },
  },
  async run({ values, positionals, out }) {
    const { file, options } = commonImportOptions(values, positionals);
    const worker = typeof values.worker === 'string' ? { worker: values.worker } : {};
    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      return await reportImport(values, out, () => importTracks(db, { path: file }, { ...options, ...worker }));
    } finally {
      await db.close();
    }
  },
};
