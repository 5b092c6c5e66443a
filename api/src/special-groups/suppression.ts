/**
 * Small-cell suppression of a count table with its margins (rows × columns, row totals,
 * column totals, grand total), so no published number lets a reader work out a count below
 * the threshold.
 *
 * Primary: every count with 0 < n < threshold is suppressed (shown as "<5"). Zeros are shown.
 * Complementary: each row, each column, the total row and the total column is an equation
 * (cells add up to the total). A line with exactly ONE suppressed entry would give it away
 * by subtraction, so in such a line the smallest other entry (cells before totals) is also
 * suppressed; repeated until no line has exactly one. Complementary cells are shown as "—":
 * their value is not small, only withheld. We chose suppression over rounding totals so
 * every published figure stays exact.
 */
export type SuppressedCell = { count: number } | { suppressed: true; display: string; reason: 'small' | 'complementary' };

export interface SuppressedTable {
  cells: SuppressedCell[][];
  rowTotals: SuppressedCell[];
  columnTotals: SuppressedCell[];
  total: SuppressedCell;
}

/** `cells[row][column]` counts (persons); threshold ≥ 1. */
export function suppressTable(cells: readonly (readonly number[])[], columns: number, threshold: number): SuppressedTable {
  const rows = cells.length;
  // The augmented grid: row `rows` holds the column totals, column `columns` the row totals.
  const grid: number[][] = cells.map((row) => [...row, row.reduce((a, b) => a + b, 0)]);
  const totalsRow = Array.from({ length: columns + 1 }, (_, j) => grid.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  grid.push(totalsRow);
  const state: ('shown' | 'small' | 'complementary')[][] = grid.map((row) => row.map((n) => (n > 0 && n < threshold ? 'small' : 'shown')));

  const lines: [number, number][][] = [];
  for (let i = 0; i <= rows; i++) lines.push(Array.from({ length: columns + 1 }, (_, j) => [i, j]));
  for (let j = 0; j <= columns; j++) lines.push(Array.from({ length: rows + 1 }, (_, i) => [i, j]));

  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([i, j]) => state[i]![j] !== 'shown');
      if (hidden.length !== 1) continue;
      const candidates = line
        .filter(([i, j]) => state[i]![j] === 'shown')
        .sort(([ai, aj], [bi, bj]) => isTotal(ai, aj) - isTotal(bi, bj) || rank(grid[ai]![aj]!) - rank(grid[bi]![bj]!));
      const pick = candidates[0];
      if (!pick) continue;
      state[pick[0]]![pick[1]] = 'complementary';
      changed = true;
    }
  }

  function isTotal(i: number, j: number): number {
    return i === rows || j === columns ? 1 : 0;
  }
  const cell = (i: number, j: number): SuppressedCell => {
    const s = state[i]![j]!;
    if (s === 'shown') return { count: grid[i]![j]! };
    return { suppressed: true, display: s === 'small' ? `<${threshold}` : '—', reason: s };
  };
  return {
    cells: cells.map((_, i) => Array.from({ length: columns }, (_, j) => cell(i, j))),
    rowTotals: cells.map((_, i) => cell(i, columns)),
    columnTotals: Array.from({ length: columns }, (_, j) => cell(rows, j)),
    total: cell(rows, columns),
  };
}

/** Zeros hide nothing (a known 0 is no uncertainty), so positive counts are preferred, smallest first. */
function rank(n: number): number {
  return n > 0 ? n : Number.MAX_SAFE_INTEGER;
}
