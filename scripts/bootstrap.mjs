#!/usr/bin/env node
// Entry point of the README's commands on a fresh Debian machine with only Node and npm:
// installs what is missing (pnpm, the workspace's packages; for printing reports and notice
// boards Chromium and a CJK font; for tests also PostgreSQL 15 + PostGIS, GDAL and poppler),
// then starts, develops or tests.
// Plain JavaScript with no dependencies, because it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);

/** What the running app needs besides Node: PDF reports and notice boards print with Chromium. */
const PRINT_PACKAGES = [
  { what: 'Chromium (PDF reports, notice boards; browser tests)', file: '/usr/bin/chromium', pkg: 'chromium' },
  {
    what: 'a CJK font (Chinese text in printed reports and in browser tests)',
    file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    alt: ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'],
    pkg: 'fonts-wqy-microhei',
  },
];

const TEST_PACKAGES = [
  ...PRINT_PACKAGES,
  {
    what: 'PostgreSQL 15 + PostGIS 3 (database tests)',
    file: '/usr/share/postgresql/15/extension/postgis.control',
    pkg: 'postgresql-15-postgis-3',
  },
  {
    what: 'GDAL (ogr2ogr/gdaltransform: format and coordinate-system cross-checks)',
    file: '/usr/bin/ogr2ogr',
    pkg: 'gdal-bin',
  },
  {
    what: 'poppler (pdfinfo/pdftotext/pdffonts/pdftoppm: the report and notice-board tests read the PDFs)',
    file: '/usr/bin/pdfinfo',
    pkg: 'poppler-utils',
  },
];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`gridatlas: "${cmd} ${args.join(' ')}" failed with exit code ${status}`);
    process.exit(status);
  }
}

function has(cmd) {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

function ensurePnpm() {
  if (has('pnpm')) return;
  console.log('gridatlas: installing pnpm (npm install -g pnpm@12) …');
  must('npm', ['install', '-g', 'pnpm@12']);
}

function ensureWorkspace() {
  // Fast when nothing changed; the lockfile is authoritative.
  must('pnpm', ['install', '--frozen-lockfile', '--reporter=silent']);
}

/**
 * Installs the missing Debian packages of `list` with apt when root. Otherwise: for the tests
 * (`required`) stop with the command to run; for the app, say what will not work and go on
 * (everything but PDF/PPTX exports and notice boards works without them).
 */
function ensureSystemPackages(list, { required, who }) {
  const missing = list.filter((p) => !existsSync(p.file) && !(p.alt ?? []).some((f) => existsSync(f)));
  if (missing.length === 0) return;
  const pkgs = missing.map((p) => p.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      `gridatlas: ${who} need ${missing.map((p) => p.what).join(', ')}.\n` +
        `Install them as root: apt-get update && apt-get install -y ${pkgs.join(' ')}`,
    );
    if (required) process.exit(1);
    return;
  }
  console.log(`gridatlas: installing ${pkgs.join(', ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get', ['update', '-qq'], { env });
  must('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'e2e') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the web app unless web/dist is newer than every source it is made from. */
function ensureWebBuild() {
  const built = join(root, 'web/dist/index.html');
  const sources = Math.max(newestMtime(join(root, 'web')), newestMtime(join(root, 'core/src')));
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  console.log('gridatlas: building the web app …');
  must('pnpm', ['--filter', '@gridatlas/web', 'build']);
}

const tsx = join(root, 'node_modules/.bin/tsx');

switch (command) {
  case 'start':
    ensurePnpm();
    ensureWorkspace();
    ensureSystemPackages(PRINT_PACKAGES, { required: false, who: 'PDF reports and notice boards' });
    ensureWebBuild();
    process.exit(run(tsx, ['api/src/main.ts', ...rest]));
    break;
  case 'dev':
    ensurePnpm();
    ensureWorkspace();
    process.exit(run(tsx, ['scripts/src/dev.ts', ...rest]));
    break;
  case 'test':
    ensurePnpm();
    ensureWorkspace();
    ensureSystemPackages(TEST_PACKAGES, { required: true, who: 'the tests' });
    process.exit(run('node', ['scripts/run-tests.mjs', ...rest]));
    break;
  default:
    console.error('usage: node scripts/bootstrap.mjs start|dev|test [args…]');
    process.exit(2);
}
