import { describe, expect, it } from 'vitest';
import { assignmentMoves } from './assignment-moves.js';

describe('assignmentMoves', () => {
  it('charges a re-division the fewest moves any naming of its grids allows, not the greedy largest-overlap-first naming', () => {
    // Old grids A and B. New grid n1 holds 50 of A's and 40 of B's households, n2 40 of A's.
    // Greedy pairs n1 with A (its largest overlap) and leaves n2 with no partner: 40 + 40 moved.
    // The best naming (n1 = B, n2 = A) moves only A's 50.
    const before = new Map([
      ['u1', 'A'],
      ['u2', 'B'],
      ['u3', 'A'],
    ]);
    const after = new Map([
      ['u1', 'n1'],
      ['u2', 'n1'],
      ['u3', 'n2'],
    ]);
    const households = new Map([
      ['u1', 50],
      ['u2', 40],
      ['u3', 40],
    ]);
    const moves = assignmentMoves(before, after, households);
    expect(moves).toEqual({ households: 50, units: 1, moved: ['u1'] });
  });

  it('matches each group of neighbouring grids on its own and counts units with no old grid as moved', () => {
    const before = new Map([
      ['a1', 'A'],
      ['a2', 'A'],
      ['b1', 'B'],
      ['c1', 'C'],
      ['c2', 'C'],
    ]);
    const after = new Map([
      ['a1', 'x'],
      ['a2', 'y'],
      ['b1', 'y'],
      ['c1', 'z'],
      ['c2', 'z'],
      ['new', 'z'],
    ]);
    const households = new Map([
      ['a1', 10],
      ['a2', 5],
      ['b1', 20],
      ['c1', 7],
      ['c2', 3],
      ['new', 4],
    ]);
    // x = A, y = B (a2 moved), z = C; the new unit had no grid, so it counts as moved.
    expect(assignmentMoves(before, after, households)).toEqual({ households: 9, units: 2, moved: ['a2', 'new'] });
  });

  it('charges nothing for the same division under other names', () => {
    const before = new Map([
      ['u1', 'A'],
      ['u2', 'B'],
    ]);
    const after = new Map([
      ['u1', 'q'],
      ['u2', 'p'],
    ]);
    expect(
      assignmentMoves(
        before,
        after,
        new Map([
          ['u1', 3],
          ['u2', 4],
        ]),
      ).households,
    ).toBe(0);
  });
});
