import { describe, expect, it } from 'vitest';
import { suppressTable, type SuppressedCell } from './suppression.js';

const shown = (c: SuppressedCell): number | null => ('count' in c ? c.count : null);

/** Every line (row + its total, column + its total) has 0 or ≥ 2 hidden entries. */
function noLineGivesAway(t: ReturnType<typeof suppressTable>): boolean {
  const rows = t.cells.map((r, i) => [...r, t.rowTotals[i]!]);
  rows.push([...t.columnTotals, t.total]);
  const lines = [...rows, ...rows[0]!.map((_, j) => rows.map((r) => r[j]!))];
  return lines.every((line) => line.filter((c) => shown(c) === null).length !== 1);
}

describe('suppressTable', () => {
  it('shows a table without small cells as it is', () => {
    const t = suppressTable(
      [
        [5, 6],
        [7, 0],
      ],
      2,
      5,
    );
    expect(t.cells.map((r) => r.map(shown))).toEqual([
      [5, 6],
      [7, 0],
    ]);
    expect(t.rowTotals.map(shown)).toEqual([11, 7]);
    expect(t.columnTotals.map(shown)).toEqual([12, 6]);
    expect(shown(t.total)).toBe(18);
  });

  it('suppresses small cells as "<5" and complements them so totals cannot back them out', () => {
    const t = suppressTable(
      [
        [3, 10, 20],
        [8, 9, 30],
      ],
      3,
      5,
    );
    expect(t.cells[0]![0]).toEqual({ suppressed: true, display: '<5', reason: 'small' });
    // Row 0: 3 is hidden, so the next smallest in the row (10) is hidden too; column 0: 8.
    expect(t.cells[0]![1]).toMatchObject({ suppressed: true, reason: 'complementary', display: '—' });
    expect(t.cells[1]![0]).toMatchObject({ suppressed: true, reason: 'complementary' });
    expect(noLineGivesAway(t)).toBe(true);
  });

  it('never leaves a single hidden entry in any line, for many random tables', () => {
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 300; k++) {
      const rows = 1 + rnd(5);
      const cols = 1 + rnd(6);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rnd(3) === 0 ? rnd(5) : rnd(40))));
      const t = suppressTable(cells, cols, 5);
      expect(noLineGivesAway(t)).toBe(true);
      cells.forEach((r, i) => r.forEach((n, j) => n > 0 && n < 5 && expect(shown(t.cells[i]![j]!)).toBeNull()));
    }
  });
});
