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
 * that grid meets (big-M on the other). A cap no grid could exceed is left out.
 */
function packingModel(
  units: readonly { households: number; persons: number }[],
  p: Readonly<RuleProfile>,
  bins: number,
): { text: string; variables: number } {
  const totalH = units.reduce((s, u) => s + u.households, 0);
  const totalP = units.reduce((s, u) => s + u.persons, 0);
  const useH = totalH > p.maxHouseholds;
  const useP = totalP > p.maxPersons;
  const rows: string[] = [];
  const binaries: string[] = [];
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
    if (p.combine === 'all' || !(useH && useP)) {
      if (useH && (p.combine === 'all' || !useP)) rows.push(` h${j}: ${sum('households')} <= ${p.maxHouseholds}`);
      if (useP && (p.combine === 'all' || !useH)) rows.push(` p${j}: ${sum('persons')} <= ${p.maxPersons}`);
    } else {
      // y_j = 1: the grid meets the household cap; 0: the person cap.
      binaries.push(`y${j}`);
      rows.push(` h${j}: ${sum('households')} + ${totalH} y${j} <= ${p.maxHouseholds + totalH}`);
      rows.push(` p${j}: ${sum('persons')} - ${totalP} y${j} <= ${p.maxPersons}`);
    }
  }
  return {
    text: `Minimize\n obj: 0 x0_0\nSubject To\n${rows.join('\n')}\nBinary\n ${binaries.join('\n ')}\nEnd\n`,
    variables: binaries.length,
  };
}

/**
 * @example
 * const a = await packOneFewer({ units, profile, grids: result.grids.length, timeLimitS: 20 });
 * a.verdict // 'infeasible': the engine's grid count is optimal
 */
export async function packOneFewer(q: PackingQuestion): Promise<PackingAnswer> {
  const alone = q.units.filter((u) => !fits(u, q.profile)).length;
  const rest = q.units.filter((u) => fits(u, q.profile));
  const bins = q.grids - alone - 1;
  const t = performance.now();
  if (bins < 1 || rest.length === 0)
    return { bins, verdict: rest.length === 0 ? 'feasible' : 'infeasible', status: 'trivial', ms: 0, variables: 0 };
  // Largest first: the symmetry rule then puts the big units in the first grids.
  const sorted = [...rest].sort((a, b) => b.persons + b.households - (a.persons + a.households));
  const model = packingModel(sorted, q.profile, bins);
  solver ??= loadHighs();
  const highs = await solver;
  const r = highs.solve(model.text, { output_flag: false, time_limit: q.timeLimitS, threads: 1, random_seed: 1 });
  const status = String(r.Status);
  const verdict = status === 'Infeasible' ? 'infeasible' : status === 'Optimal' ? 'feasible' : 'unknown';
  return { bins, verdict, status, ms: performance.now() - t, variables: model.variables };
}
