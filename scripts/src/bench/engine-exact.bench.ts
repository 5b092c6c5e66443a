/**
 * `pnpm bench engine --exact [--time-limit S]`: issue 13's study of an exact step. For every
 * input, the engine's grid count (`delineate` on the real census units, clean and with
 * slivers, at about 5 and 10 units per grid; `delineateCommunity` on each Lianhu community
 * under "300 households or 1,000 persons") beside the lower bound, and HiGHS's answer to
 * "do the units pack into one grid fewer at all?" (exact-packing.ts) within the time limit:
 * where it is infeasible no exact step can win a grid; where it is feasible one might.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_RULE_PROFILE,
  delineate,
  delineateCommunity,
  polygonAdjacency,
  representativePoint,
  type PlanUnit,
  type RuleProfile,
} from '@gridatlas/core';
import { generateDistrict } from '@gridatlas/data';
import { capProfile, realCases } from './engine-real-inputs.js';
import { packOneFewer, type PackingAnswer } from './exact-packing.js';
import { machineLine } from './machine.js';

const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);

interface Row {
  input: string;
  units: number;
  rule: string;
  lowerBound: number;
  grids: number;
  engineMs: number;
  answer: PackingAnswer;
  /** Where one fewer packs: the same question with connected grids of the engine's units. */
  connected?: PackingAnswer;
}

function line(r: Row): string {
  const ratio = r.lowerBound > 0 ? (r.grids / r.lowerBound).toFixed(3) : '—';
  return `| ${r.input} | ${r.units} | ${r.rule} | ${r.lowerBound} | ${r.grids} (${ratio}) | ${ms(r.engineMs)} | ${r.answer.bins} | ${r.answer.variables} | ${r.answer.verdict} (${r.answer.status}) | ${ms(r.answer.ms)} | ${r.connected ? `${r.connected.verdict} (${r.connected.status}), ${r.connected.variables} variables` : '—'} | ${r.connected ? ms(r.connected.ms) : '—'} |`;
}

export async function benchEngineExact(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'time-limit': { type: 'string', default: '30' },
      // `real`, `lianhu` or both; `--codes` limits the Lianhu communities (e.g. to those where one grid fewer packs).
      inputs: { type: 'string', default: 'real,lianhu' },
      codes: { type: 'string' },
    },
  });
  const timeLimitS = Number(values['time-limit']);
  const inputs = values.inputs.split(',');
  const codes = values.codes ? new Set(values.codes.split(',')) : null;
  console.log(`machine: ${machineLine()}`);
  console.log(`HiGHS (npm highs, WebAssembly), one thread, time limit ${timeLimitS} s per question`);
  console.log('');
  console.log(
    '| input | units | rule | LB | ours (× LB) | engine | grids asked | binaries | one grid fewer packs? | solver | engine units: one fewer connected grids? | solver |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const rows: Row[] = [];
  for (const { source, cases } of inputs.includes('real') ? realCases(['sliver']) : []) {
    for (const c of cases) {
      for (const k of [5, 10]) {
        const { profile, cap } = capProfile(source, cases[0]!.units, k);
        const t = performance.now();
        const r = delineate({ boundary: c.units[0]!.geometry, units: c.units, profile, seed: 1 });
        const engineMs = performance.now() - t;
        const answer = await packOneFewer({ units: c.units, profile, grids: r.grids.length, timeLimitS });
        // Where one fewer packs, whether it can also be drawn as connected grids of these units (small inputs only).
        const connected =
          answer.verdict === 'feasible' && c.units.length <= 150
            ? await packOneFewer({
                units: c.units,
                profile,
                grids: r.grids.length,
                timeLimitS,
                adjacency: polygonAdjacency(c.units.map((u) => u.geometry)),
              })
            : undefined;
        const row = {
          input: c.name,
          units: c.units.length,
          rule: `${cap} ${source.by}`,
          lowerBound: r.lowerBound,
          grids: r.grids.length,
          engineMs,
          answer,
          ...(connected ? { connected } : {}),
        };
        rows.push(row);
        console.log(line(row));
      }
    }
  }
  const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE };
  const dataset = generateDistrict({ seed: 1, scale: 'lianhu' });
  const streets = dataset.streets.map((s) => s.geometry);
  const communities = inputs.includes('lianhu')
    ? dataset.regions.filter((r) => r.level === 'community' && (!codes || codes.has(r.code)))
    : [];
  for (const region of communities) {
    const buildings: PlanUnit[] = dataset.buildings
      .filter((b) => b.communityCode === region.code)
      .map((b) => ({
        id: String(b.id),
        point: representativePoint(b.footprint.coordinates),
        households: b.households,
        persons: b.persons,
        footprint: b.footprint.coordinates,
        compoundId: b.compoundId === null ? null : String(b.compoundId),
      }));
    const t = performance.now();
    const r = delineateCommunity({ boundary: region.boundary, streets, buildings, profile, seed: 1 });
    const engineMs = performance.now() - t;
    // Buildings are the indivisible units: a division of whole buildings is what any step could reach.
    const answer = await packOneFewer({ units: buildings, profile, grids: r.grids.length, timeLimitS });
    // The engine's own units (street blocks, cut between buildings) and their graph: what an exact step in the engine would divide.
    const connected =
      answer.verdict === 'feasible'
        ? await packOneFewer({ units: r.units.units, profile, grids: r.grids.length, timeLimitS, adjacency: r.units.adjacency })
        : undefined;
    const row = {
      input: `Lianhu ${region.code}`,
      units: buildings.length,
      rule: '300 households or 1,000 persons',
      lowerBound: r.lowerBound,
      grids: r.grids.length,
      engineMs,
      answer,
      ...(connected ? { connected } : {}),
    };
    rows.push(row);
    console.log(line(row));
  }
  const count = (v: PackingAnswer['verdict']): number => rows.filter((r) => r.answer.verdict === v).length;
  console.log('');
  console.log(
    `${rows.length} inputs: the engine's count proved optimal (one fewer infeasible) on ${count('infeasible')}, one fewer packs on ${count('feasible')}, out of time on ${count('unknown')}`,
  );
}
