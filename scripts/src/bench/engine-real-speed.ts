/**
 * The speed line of `pnpm bench engine --real` (`--speed-only` runs just this; `--speed-baseline
 * <ref>` picks the baseline, `--speed-runs N` the runs): `delineateCommunity` on real building
 * points with their streets — the Shanghai People's Square OSM extract with 980 placed
 * buildings, and the Wuhan Hongshan tiles with 234 — by this checkout and by the engine of an
 * earlier commit (its `core/` out of git, engine-today.ts) in the same process, taking turns
 * (ours, baseline, ours, …) after one warm-up each. Times are the median CPU time of the process
 * (wall in brackets: the machine is shared) and per 500 input buildings, the issue's unit of
 * the target (under 2 s per 500); the first (cold) run of each is given too, as one
 * command-line run pays it. Both must give the same division: grid count, ratio to the
 * lower bound, compliance and every grid's households are compared and printed.
 */
import {
  DEFAULT_RULE_PROFILE,
  delineateCommunity,
  type DelineateCommunityInput,
  type DelineateResult,
  type RuleProfile,
} from '@gridatlas/core';
import { shanghaiStreetCase, wuhanStreetCase, type StreetCase } from '@gridatlas/data/real-streets';
import { loadTodayEngine, type TodayEngine } from './engine-today.js';

/** The commit before the speed work on the engine (issue 13): coverage snapping fixed, engine otherwise as at main ce7cc72. */
export const SPEED_BASELINE = '366ae4e';

type Divide = (input: DelineateCommunityInput) => DelineateResult;

interface Sample {
  cpuMs: number;
  wallMs: number;
  result: DelineateResult;
}

function sample(divide: Divide, input: DelineateCommunityInput): Sample {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const result = divide(input);
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t, result };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const secs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** What must not change: grid count, ratio, compliance, households per grid in reading order. */
function signature(r: DelineateResult): string {
  return `${r.grids.length} grids, ${r.report.ratio.toFixed(3)} × LB, ${r.report.compliant ? 'compliant' : 'not compliant'}, households ${r.grids.map((g) => g.households).join(',')}`;
}

export interface SpeedOptions {
  baseline: string;
  runs: number;
}

export function speedOptions(args: readonly string[]): SpeedOptions {
  const at = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return { baseline: at('--speed-baseline') ?? SPEED_BASELINE, runs: Math.max(1, Number(at('--speed-runs') ?? 3)) };
}

/** Prints one table row per street case and returns them. */
export async function benchEngineSpeed(options: SpeedOptions): Promise<string[]> {
  const base: TodayEngine = await loadTodayEngine(options.baseline);
  const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1000 };
  const rows = [
    `| street case | buildings | ours: grids (× LB), compliant | ours CPU (wall) | per 500 buildings, ours | baseline ${options.baseline} CPU (wall) | per 500, baseline | baseline ÷ ours (CPU) | first run CPU per 500: ours / baseline | same division |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  console.log(`speed: ${options.runs} run(s) each taking turns after a warm-up; baseline ${options.baseline}`);
  for (const c of [shanghaiStreetCase(), wuhanStreetCase()] as StreetCase[]) {
    const input: DelineateCommunityInput = { boundary: c.boundary, streets: c.streets, buildings: c.buildings, profile, seed: 1 };
    const ours: Sample[] = [];
    const theirs: Sample[] = [];
    // The first run of each (ours first, so any warming of shared dependencies favours the baseline): what one command-line run costs.
    const oursFirst = sample(delineateCommunity, input);
    const theirsFirst = sample(base.delineateCommunity, input);
    for (let i = 0; i < options.runs; i++) {
      ours.push(sample(delineateCommunity, input));
      theirs.push(sample(base.delineateCommunity, input));
    }
    const a = ours[0]!.result;
    const b = theirs[0]!.result;
    const same = signature(a) === signature(b);
    const per500 = (ms: number): string => secs((ms / c.buildings.length) * 500);
    const oc = median(ours.map((s) => s.cpuMs));
    const bc = median(theirs.map((s) => s.cpuMs));
    const row = `| ${c.name} | ${c.buildings.length} | ${a.grids.length} (${a.report.ratio.toFixed(3)}), ${a.report.compliant ? 'yes' : 'no'} | ${secs(oc)} (${secs(median(ours.map((s) => s.wallMs)))}) | ${per500(oc)} | ${secs(bc)} (${secs(median(theirs.map((s) => s.wallMs)))}) | ${per500(bc)} | ${(bc / oc).toFixed(2)} | ${per500(oursFirst.cpuMs)} / ${per500(theirsFirst.cpuMs)} | ${same ? 'yes' : `**no**: ours ${signature(a)}; baseline ${signature(b)}`} |`;
    console.log(row);
    rows.push(row);
  }
  return rows;
}
