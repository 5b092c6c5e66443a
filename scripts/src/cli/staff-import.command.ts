/**
 * `gridatlas staff-import --district <code> --file roster.xlsx`: a district's staff roster
 * (issue 18), as `district import staff <file>` does it — the same reader, normalising step,
 * report and exit codes (0 written or a clean dry run, 1 rows rejected and nothing written, 2
 * the file cannot be read). Roles follow the district's staffing model (N+5 by default).
 */
import { UsageError, type Command } from './command.js';
import { districtImportCommand } from './district.command.js';

const { sheet, 'dry-run': dryRun, 'allow-rejected': allowRejected, json, district, ...rest } = districtImportCommand.options;
const fieldOptions = Object.fromEntries(
  Object.entries(rest).filter(([k]) => ['name-field', 'role-field', 'phone-field', 'grid-field'].includes(k) || !k.endsWith('-field')),
);
for (const k of ['crs', 'estimate-households', 'flat-size', 'persons-per-household', 'per']) delete fieldOptions[k];

export const staffImportCommand: Command = {
  name: 'staff-import',
  summary: 'import a staff roster (XLSX or CSV: name, role, work phone, grid/zone/community codes; Chinese or English headers)',
  usage:
    'pnpm gridatlas staff-import --district <code> --file <roster.xlsx> [--sheet name] [--dry-run] [--allow-rejected] [--json report.json]',
  options: {
    district: district!,
    file: { type: 'string', valueName: 'roster.xlsx', description: 'the roster file (.xlsx or .csv)' },
    ...(sheet ? { sheet } : {}),
    ...(dryRun ? { 'dry-run': dryRun } : {}),
    ...(allowRejected ? { 'allow-rejected': allowRejected } : {}),
    ...(json ? { json } : {}),
    ...fieldOptions,
  },
  async run(ctx) {
    const file = ctx.values.file;
    if (typeof file !== 'string' || file === '') throw new UsageError('--file must name the roster to import');
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected arguments: ${ctx.positionals.join(' ')}`);
    return districtImportCommand.run({ ...ctx, positionals: ['staff', file] });
  },
};
