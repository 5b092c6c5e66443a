/**
 * The engine as it was before issue 13 (`main` at 57fafe1), loaded beside today's in the same
 * run: that commit's `core/` is taken out of git with `git archive` into a cache folder under
 * `node_modules/.cache` (never committed) and imported through tsx, with today's
 * `core/node_modules` for its dependencies (Turf and Flatbush, unchanged since).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DelineateInput, DelineateResult, DelineateCommunityInput, BuiltUnits } from '@gridatlas/core';

export const TODAY_COMMIT = '57fafe1';

/** The two entry points the bench calls on the old engine (their inputs then had no targetFill or balance). */
export interface TodayEngine {
  delineate(input: DelineateInput): DelineateResult;
  delineateCommunity(input: DelineateCommunityInput): DelineateResult & { units: BuiltUnits };
}

/** Extracts `core/` of the commit (once) and imports it. */
export async function loadTodayEngine(commit = TODAY_COMMIT): Promise<TodayEngine> {
  const root = resolve(import.meta.dirname, '../../..');
  const dir = join(root, 'node_modules', '.cache', 'gridatlas-bench', `core-${commit}`);
  if (!existsSync(join(dir, 'core', 'src', 'index.ts'))) {
    mkdirSync(dir, { recursive: true });
    const archive = execFileSync('git', ['-C', root, 'archive', '--format=tar', commit, 'core'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
  }
  const modules = join(dir, 'core', 'node_modules');
  if (!existsSync(modules)) symlinkSync(join(root, 'core', 'node_modules'), modules, 'dir');
  return (await import(pathToFileURL(join(dir, 'core', 'src', 'index.ts')).href)) as TodayEngine;
}
