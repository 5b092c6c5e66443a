/**
 * The server code of an earlier commit, for benches that run "before" and "ours" in the same
 * run: `git archive <ref>` of api/, core/ and data/ into a temp folder, with this checkout's
 * node_modules linked in (the dependencies are the same unless the ref changed them; the
 * workspace packages @gridatlas/core and @gridatlas/data resolve to this checkout's, so the
 * baseline is that commit's API over today's core and data — say so when core changed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BaselineTree {
  /** The folder to run `api/src/main.ts` from. */
  dir: string;
  /** The commit, abbreviated, and its subject. */
  commit: string;
  remove(): void;
}

export function baselineTree(ref: string): BaselineTree {
  const commit = execFileSync('git', ['-C', root, 'log', '-1', '--format=%h %s', ref], { encoding: 'utf8' }).trim().slice(0, 100);
  const dir = mkdtempSync(join(tmpdir(), 'gridatlas-baseline-'));
  try {
    const tar = execFileSync(
      'git',
      ['-C', root, 'archive', '--format=tar', ref, 'api', 'core', 'data', 'package.json', 'tsconfig.base.json'],
      { maxBuffer: 1 << 30 },
    );
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    for (const pkg of ['', 'api', 'core', 'data']) {
      const from = join(root, pkg, 'node_modules');
      if (existsSync(from)) symlinkSync(from, join(dir, pkg, 'node_modules'), 'dir');
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, commit, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
