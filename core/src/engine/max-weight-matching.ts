/**
 * The one-to-one matching of rows to columns with the greatest total weight (the Hungarian
 * algorithm, O(n³) on the padded square). Used to match a re-division's grids to the old
 * ones by shared households: a greedy "largest overlap first" matching can pair a grid with
 * its second-best partner and so overcharge the re-division.
 */

/**
 * Column matched to each row (-1: none) maximising the sum of `weight[row][col]`; weights ≥ 0,
 * rows may be ragged (a missing entry weighs 0). Pairs of weight 0 are left unmatched.
 *
 * @example
 * maxWeightMatching([[5, 4], [4, 0]]) // [1, 0]: 4 + 4 beats the greedy 5 + 0
 */
export function maxWeightMatching(weight: readonly (readonly number[])[]): number[] {
  const rows = weight.length;
  const cols = weight.reduce((m, r) => Math.max(m, r.length), 0);
  const n = Math.max(rows, cols);
  if (n === 0) return [];
  let top = 0;
  for (const r of weight) for (const w of r) top = Math.max(top, w ?? 0);
  // Minimum-cost assignment on cost = top − weight, 1-based as in the textbook potentials form.
  const cost = (i: number, j: number): number => top - (weight[i - 1]?.[j - 1] ?? 0);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const match = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i < rows && j - 1 < cols && (weight[i]![j - 1] ?? 0) > 0) match[i] = j - 1;
  }
  return match;
}
