/**
 * The study of issue 13's exact step: could an exact solver (HiGHS, compiled to WebAssembly,
 * npm `highs`) give a community fewer grids than the engine? Contiguity only adds
 * constraints, so we ask the easier question first: can the units be packed into one grid
 * fewer than the engine made under the rule at all, ignoring where they lie (bin packing, a
 * MILP)? "Infeasible" proves the engine's count optimal: no exact step can win there. "Feasible"
 * means a contiguous exact step might win a grid (not that it would). Units over the rule on
 * their own are grids of their own and left out. Counts are households and persons.
 */
import loadHighs from 'highs';
import type { RuleProfile } from '@gridatlas/core';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Highs> | null = null;

export interface PackingQuestion {
  units: readonly { households: number; persons: number }[];
  profile: Readonly<RuleProfile>;
  /** The engine's grid count (exception grids included). */
  grids: number;
  timeLimitS: number;
  /** Shared edge lengths between the units (the engine's unit graph): when given, grids must also be connected. */
  adjacency?: readonly Map<number, number>[];
}

export interface PackingAnswer {
  /** Grids asked for: the engine's count less one, less the units alone over the rule. */
  bins: number;
  /** `infeasible`: the engine's count is the fewest any division can have; `feasible`: one fewer packs (contiguity aside); `unknown`: out of time. */
  verdict: 'infeasible' | 'feasible' | 'unknown';
  status: string;
  ms: number;
  variables: number;
}

const fits = (u: { households: number; persons: number }, p: Readonly<RuleProfile>): boolean =>
  p.combine === 'all'
    ? u.households <= p.maxHouseholds && u.persons <= p.maxPersons
    : u.households <= p.maxHouseholds || u.persons <= p.maxPersons;

/**
 * The bin-packing MILP in CPLEX LP text: x_i_j (unit i in grid j), each unit once, unit i only
 * in grids j ≤ i (symmetry), each grid within the caps; under `any` a binary y_j picks the cap
 * that grid meets (big-M on the other). A cap no grid could exceed is left out. With `arcs`
 * (the unit graph, both directions) each grid is also connected: one root r_i_j per grid, and a
 * flow f_a_j on arcs inside the grid from the root, every other unit of the grid taking one.
 */
function packingModel(
  units: readonly { households: number; persons: number }[],
  p: Readonly<RuleProfile>,
  bins: number,
  arcs?: readonly [number, number][],
): { text: string; variables: number } {
  const totalH = units.reduce((s, u) => s + u.households, 0);
  const totalP = units.reduce((s, u) => s + u.persons, 0);
  const useH = totalH > p.maxHouseholds;
  const useP = totalP > p.maxPersons;
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const n = units.length;
  units.forEach((_, i) => {
    const terms: string[] = [];
    for (let j = 0; j < Math.min(bins, i + 1); j++) {
      terms.push(`x${i}_${j}`);
      binaries.push(`x${i}_${j}`);
    }
    rows.push(` a${i}: ${terms.join(' + ')} = 1`);
  });
  for (let j = 0; j < bins; j++) {
    const members = units.map((u, i) => ({ u, i })).filter(({ i }) => j <= i);
    const sum = (key: 'households' | 'persons'): string =>
      members
        .filter(({ u }) => u[key] > 0)
        .map(({ u, i }) => `${u[key]} x${i}_${j}`)
        .join(' + ') || '0 x0_0';
    if (p.combine === 'all') {
      if (useH) rows.push(` h${j}: ${sum('households')} <= ${p.maxHouseholds}`);
      if (useP) rows.push(` p${j}: ${sum('persons')} <= ${p.maxPersons}`);
    } else if (useH && useP) {
      // Under \`any\`, y_j = 1: the grid meets the household cap; 0: the person cap. (When either total fits its cap, every grid does.)
      binaries.push(`y${j}`);
      rows.push(` h${j}: ${sum('households')} + ${totalH} y${j} <= ${p.maxHouseholds + totalH}`);
      rows.push(` p${j}: ${sum('persons')} - ${totalP} y${j} <= ${p.maxPersons}`);
    }
    if (!arcs) continue;
    rows.push(` r${j}: ${members.map(({ i }) => `r${i}_${j}`).join(' + ')} = 1`);
    const inflow = new Map<number, string[]>();
    const outflow = new Map<number, string[]>();
    arcs.forEach(([u, v], a) => {
      if (u < j || v < j) return;
      const f = `f${a}_${j}`;
      rows.push(` fu${a}_${j}: ${f} - ${n} x${u}_${j} <= 0`, ` fv${a}_${j}: ${f} - ${n} x${v}_${j} <= 0`);
      bounds.push(` ${f} >= 0`);
      (outflow.get(u) ?? outflow.set(u, []).get(u)!).push(f);
      (inflow.get(v) ?? inflow.set(v, []).get(v)!).push(f);
    });
    for (const { i } of members) {
      binaries.push(`r${i}_${j}`);
      rows.push(` ro${i}_${j}: r${i}_${j} - x${i}_${j} <= 0`);
      const net = [...(inflow.get(i) ?? []).map((f) => `+ ${f}`), ...(outflow.get(i) ?? []).map((f) => `- ${f}`)].join(' ');
      rows.push(` c${i}_${j}: ${net} - x${i}_${j} + ${n} r${i}_${j} >= 0`);
    }
  }
  return {
    text: `Minimize\n obj: 0 x0_0\nSubject To\n${rows.join('\n')}\n${bounds.length ? `Bounds\n${bounds.join('\n')}\n` : ''}Binary\n ${binaries.join('\n ')}\nEnd\n`,
    variables: binaries.length + bounds.length,
  };
}

/**
 * @example
 * const a = await packOneFewer({ units, profile, grids: result.grids.length, timeLimitS: 20 });
 * a.verdict // 'infeasible': the engine's grid count is optimal
 */
export async function packOneFewer(q: PackingQuestion): Promise<PackingAnswer> {
  const keep = q.units.map((_, i) => i).filter((i) => fits(q.units[i]!, q.profile));
  const alone = q.units.length - keep.length;
  const bins = q.grids - alone - 1;
  const t = performance.now();
  if (bins < 1 || keep.length === 0)
    return { bins, verdict: keep.length === 0 ? 'feasible' : 'infeasible', status: 'trivial', ms: 0, variables: 0 };
  // Largest first: the symmetry rule then puts the big units in the first grids.
  const size = (i: number): number => q.units[i]!.persons + q.units[i]!.households;
  const order = [...keep].sort((a, b) => size(b) - size(a) || a - b);
  const at = new Map(order.map((i, k) => [i, k]));
  const arcs = q.adjacency
    ? order.flatMap((i, k) => [...q.adjacency![i]!.keys()].flatMap((w) => (at.has(w) ? [[k, at.get(w)!] as [number, number]] : [])))
    : undefined;
  const model = packingModel(
    order.map((i) => q.units[i]!),
    q.profile,
    bins,
    arcs,
  );
  solver ??= loadHighs();
  const highs = await solver;
  const r = highs.solve(model.text, { output_flag: false, time_limit: q.timeLimitS, threads: 1, random_seed: 1 });
  const status = String(r.Status);
  const verdict = status === 'Infeasible' ? 'infeasible' : status === 'Optimal' ? 'feasible' : 'unknown';
  return { bins, verdict, status, ms: performance.now() - t, variables: model.variables };
}
