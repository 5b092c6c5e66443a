/**
 * Households that change grid between two assignments of units to grids, when the grids of
 * the second are matched one to one to those of the first so that the most households stay
 * (a maximum-weight matching on shared households). This is how a from-scratch re-division
 * is charged fairly: its new grids carry no codes, so it is charged the fewest moves any
 * naming of its grids allows.
 */
import { maxWeightMatching } from './max-weight-matching.js';

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
export function assignmentMoves(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
  households: ReadonlyMap<string, number>,
): AssignmentMoves {
  // Shared households of each (new grid, old grid) pair.
  const overlap = new Map<string, Map<string, number>>();
  for (const [unit, a] of after) {
    const b = before.get(unit);
    if (b === undefined) continue;
    const row = overlap.get(a) ?? new Map<string, number>();
    overlap.set(a, row);
    // A unit of no households still counts a little, so grids of empty units are matched too.
    row.set(b, (row.get(b) ?? 0) + (households.get(unit) ?? 0) + 1e-6);
  }
  const match = new Map<string, string>();
  // Grids only share units with their neighbours: matching each connected group of grids on
  // its own gives the same optimum as one table of a whole district, at a fraction of O(n³).
  for (const group of overlapGroups(overlap)) {
    const cols = [...new Set(group.flatMap((a) => [...overlap.get(a)!.keys()]))];
    const colOf = new Map(cols.map((b, j) => [b, j]));
    const weight = group.map((a) => {
      const row: number[] = new Array<number>(cols.length).fill(0);
      for (const [b, w] of overlap.get(a)!) row[colOf.get(b)!] = w;
      return row;
    });
    maxWeightMatching(weight).forEach((j, i) => {
      if (j >= 0) match.set(group[i]!, cols[j]!);
    });
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

/** New grids in groups linked by shared old grids (connected components, sorted for determinism). */
function overlapGroups(overlap: ReadonlyMap<string, ReadonlyMap<string, number>>): string[][] {
  const rowsOfCol = new Map<string, string[]>();
  for (const [a, row] of overlap) for (const b of row.keys()) rowsOfCol.set(b, [...(rowsOfCol.get(b) ?? []), a]);
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const start of [...overlap.keys()].sort()) {
    if (seen.has(start)) continue;
    seen.add(start);
    const group: string[] = [];
    const stack = [start];
    while (stack.length > 0) {
      const a = stack.pop()!;
      group.push(a);
      for (const b of overlap.get(a)!.keys()) {
        for (const other of rowsOfCol.get(b)!) {
          if (seen.has(other)) continue;
          seen.add(other);
          stack.push(other);
        }
      }
    }
    groups.push(group.sort());
  }
  return groups;
}
