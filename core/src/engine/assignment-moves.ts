/**
 * Households that change grid between two assignments of units to grids, when the grids of
 * the second are matched to those of the first by greatest shared households (one to one,
 * greedy). This is how a from-scratch re-division is charged fairly: its new grids carry no
 * codes, so each is matched to the old grid it overlaps most.
 */
export interface AssignmentMoves {
  households: number;
  units: number;
  /** Unit ids that changed grid. */
  moved: string[];
}

/**
 * @example
 * assignmentMoves(oldGridOfUnit, newGridOfUnit, householdsOfUnit).households
 */
export function assignmentMoves(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, households: ReadonlyMap<string, number>): AssignmentMoves {
  const overlap = new Map<string, number>();
  for (const [unit, a] of after) {
    const b = before.get(unit);
    if (b === undefined) continue;
    const key = `${a}\u0000${b}`;
    overlap.set(key, (overlap.get(key) ?? 0) + (households.get(unit) ?? 0) + 1e-6);
  }
  const pairs = [...overlap].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1));
  const match = new Map<string, string>();
  const taken = new Set<string>();
  for (const [key] of pairs) {
    const [a, b] = key.split('\u0000') as [string, string];
    if (match.has(a) || taken.has(b)) continue;
    match.set(a, b);
    taken.add(b);
  }
  const moved: string[] = [];
  let total = 0;
  for (const [unit, a] of after) {
    const b = before.get(unit);
    if (b !== undefined && match.get(a) === b) continue;
    moved.push(unit);
    total += households.get(unit) ?? 0;
  }
  return { households: total, units: moved.length, moved };
}
