/** `gridatlas seed`: generate the synthetic demo district and write it into the database. */
import { isSeeded, migrate, openDatabase, resetDistrictData, seedDistrict } from '@gridatlas/api';
import { generateDistrict, type DemoScale } from '@gridatlas/data';
import { UsageError, type Command } from './command.js';
import { databaseOptions, databaseTarget } from './database-options.js';

const SCALES: readonly DemoScale[] = ['default', 'lianhu'];

export const seedCommand: Command = {
  name: 'seed',
  summary: 'generate the synthetic demo district deterministically and load it',
  usage: 'pnpm gridatlas seed [--scale default|lianhu] [--seed N] [--reset]',
  options: {
    scale: {
      type: 'string',
      valueName: 'default|lianhu',
      default: 'default',
      description: 'default: ~40 communities, ~80k households; lianhu: 134 communities, ~250k households',
    },
    seed: { type: 'string', valueName: 'N', default: '1', description: 'random seed (same seed, same district)' },
    reset: { type: 'boolean', description: 'replace district data that is already there' },
    ...databaseOptions,
  },
  async run({ values, out }) {
    const scale = values.scale as DemoScale;
    if (!SCALES.includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')}, got "${scale}"`);
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a whole number ≥ 0, got "${String(values.seed)}"`);

    const db = await openDatabase(databaseTarget(values));
    try {
      await migrate(db);
      if (await isSeeded(db)) {
        if (!values.reset) {
          throw new UsageError('the database already holds a district; add --reset to replace it', 1);
        }
        await resetDistrictData(db);
      }
      const t0 = performance.now();
      const dataset = generateDistrict({ seed, scale });
      const t1 = performance.now();
      await seedDistrict(db, dataset);
      const t2 = performance.now();
      const households = dataset.buildings.reduce((sum, b) => sum + b.households, 0);
      out(
        `seeded ${scale} demo district (seed ${seed}) into the ${db.kind} database: ` +
          `${dataset.regions.filter((r) => r.level === 'community').length} communities, ` +
          `${dataset.buildings.length} buildings, ${households} households, ` +
          `${dataset.plans[0]?.grids.length ?? 0} grids, ${dataset.incidents.length} incidents`,
      );
      out(`generated in ${((t1 - t0) / 1000).toFixed(1)} s, written in ${((t2 - t1) / 1000).toFixed(1)} s`);
      return 0;
    } finally {
      await db.close();
    }
  },
};
