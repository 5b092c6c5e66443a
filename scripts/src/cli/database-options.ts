/** Options every database command shares: where the database is. */
import type { OptionSpec } from './command.js';

export const databaseOptions: Record<string, OptionSpec> = {
  'database-url': {
    type: 'string',
    valueName: 'url',
    description: 'PostgreSQL + PostGIS to use (default: $DATABASE_URL, else the embedded database)',
  },
  'data-dir': {
    type: 'string',
    valueName: 'dir',
    description: 'folder of the embedded database (default: $GRIDATLAS_DATA_DIR or .data/pglite)',
  },
};

export function databaseTarget(values: Record<string, unknown>): { databaseUrl?: string; dataDir?: string } {
  const databaseUrl = (values['database-url'] as string | undefined) ?? process.env.DATABASE_URL;
  const dataDir = (values['data-dir'] as string | undefined) ?? process.env.GRIDATLAS_DATA_DIR;
  return { ...(databaseUrl ? { databaseUrl } : {}), ...(dataDir ? { dataDir } : {}) };
}
