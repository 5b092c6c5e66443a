#!/usr/bin/env node
// Runs every Vitest project (core, data, api on both databases, scripts, web in Chromium)
// and ends with one line CI reads: `tests: N passed, M failed`.
// Extra arguments go to Vitest (e.g. `pnpm test --project core`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.test-results');
const outFile = join(outDir, 'vitest.json');
mkdirSync(outDir, { recursive: true });
rmSync(outFile, { force: true });

// The real data sets the tests read (never copied into the repo) live in ../shared/data/real
// beside the checkout; a checkout elsewhere finds them through GRIDATLAS_REAL_DATA, or in
// /work/shared where these machines keep them.
const realData = [process.env.GRIDATLAS_REAL_DATA, join(root, '../shared/data/real'), '/work/shared/data/real'].find(
  (d) => d && existsSync(d),
);

const vitest = join(root, 'node_modules/.bin/vitest');
const result = spawnSync(
  vitest,
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${outFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root, env: { ...process.env, ...(realData ? { GRIDATLAS_REAL_DATA: realData } : {}) } },
);

let passed = 0;
let failed = 0;
if (existsSync(outFile)) {
  const report = JSON.parse(readFileSync(outFile, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A test file that fails to load or whose setup throws has no failed test of its own.
  const brokenFiles = (report.testResults ?? []).filter(
    (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
  ).length;
  failed += brokenFiles;
}
const status = result.status ?? 1;
if (status !== 0 && failed === 0) failed = 1;

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
