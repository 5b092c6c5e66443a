import { describe, expect, it } from 'vitest';
import { areaM2 } from '../geometry/geodesic.js';
import { pointInPolygon } from '../geometry/point-in-polygon.js';
import { at, rect } from '../plan/plan.fixture.js';
import { transferPiece, transferPieceFor } from './transfer-piece.js';

describe('transferPiece', () => {
  const from = rect(0, 0, 100, 100);
  const to = rect(100, 0, 200, 100);

  it('moves a building near the shared edge into the neighbour; total area is kept', () => {
    const footprint = rect(85, 40, 95, 50).coordinates;
    const piece = transferPieceFor(footprint, to);
    const moved = transferPiece(from, to, piece);
    if ('error' in moved) throw new Error(moved.error);
    expect(pointInPolygon(at(90, 45), moved.to)).toBe(true);
    expect(pointInPolygon(at(90, 45), moved.from)).toBe(false);
    expect(areaM2(moved.from) + areaM2(moved.to)).toBeCloseTo(areaM2(from) + areaM2(to), -1);
    expect(areaM2(moved.to)).toBeGreaterThan(areaM2(to));
  });

  it('refuses a target that does not touch the area', () => {
    const far = rect(300, 0, 400, 100);
    const result = transferPiece(from, far, rect(40, 40, 60, 60));
    expect(result).toEqual({ error: expect.stringMatching(/does not touch/) });
  });

  it('refuses a move that would split the source grid', () => {
    // A band across the whole source grid, touching the target.
    const result = transferPiece(from, to, rect(-10, 40, 110, 60));
    expect(result).toEqual({ error: expect.stringMatching(/split the source grid into 2/) });
  });

  it('refuses a move that would empty the source grid', () => {
    const result = transferPiece(from, to, rect(-10, -10, 110, 110));
    expect(result).toEqual({ error: expect.stringMatching(/empty/) });
  });
});
