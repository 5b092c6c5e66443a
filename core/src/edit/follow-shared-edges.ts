/**
 * When a planner reshapes one grid vertex by vertex, its neighbours' shared edges follow: a
 * moved vertex moves in every neighbour that has it, a vertex inserted on a shared edge is
 * inserted in the neighbour's edge too, and a deleted one is deleted there. One edit at a
 * time (what one drag or click of the editor produces); anything else is left for the plan
 * validation to report. Degrees WGS84 `[lng, lat]`; vertices match within SAME_DEGREES.
 */
import type { Polygon, Position } from 'geojson';

/** Vertices closer than this (≈2 cm) are one vertex. */
const SAME_DEGREES = 2e-7;

const same = (a: Position, b: Position): boolean => Math.abs(a[0]! - b[0]!) <= SAME_DEGREES && Math.abs(a[1]! - b[1]!) <= SAME_DEGREES;
const open = (ring: Position[]): Position[] =>
  ring.length > 1 && same(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : ring.slice();
const close = (ring: Position[]): Position[] => [...ring, ring[0]!];

type Change =
  | { kind: 'move'; from: Position; to: Position }
  | { kind: 'insert'; at: Position; between: [Position, Position] }
  | { kind: 'delete'; at: Position; between: [Position, Position] };

/** The single vertex edit that turns ring `a` into ring `b`, or null when there is none or more. */
function changeOf(a: Position[], b: Position[]): Change | null {
  const n = a.length;
  if (b.length === n) {
    const moved = a.flatMap((p, i) => (same(p, b[i]!) ? [] : [i]));
    return moved.length === 1 ? { kind: 'move', from: a[moved[0]!]!, to: b[moved[0]!]! } : null;
  }
  if (Math.abs(b.length - n) !== 1) return null;
  const [long, short] = b.length > n ? [b, a] : [a, b];
  let k = 0;
  while (k < short.length && same(long[k]!, short[k]!)) k++;
  for (let i = k; i < short.length; i++) {
    if (!same(long[i + 1]!, short[i]!)) return null;
  }
  const between: [Position, Position] = [short[(k - 1 + short.length) % short.length]!, short[k % short.length]!];
  return b.length > n ? { kind: 'insert', at: long[k]!, between } : { kind: 'delete', at: long[k]!, between };
}

function apply(ring: Position[], change: Change): Position[] | null {
  const r = open(ring);
  const n = r.length;
  if (change.kind === 'move') {
    if (!r.some((p) => same(p, change.from))) return null;
    return close(r.map((p) => (same(p, change.from) ? change.to : p)));
  }
  const [p, q] = change.between;
  for (let i = 0; i < n; i++) {
    const a = r[i]!;
    const b = r[(i + 1) % n]!;
    if (change.kind === 'insert' && ((same(a, p) && same(b, q)) || (same(a, q) && same(b, p)))) {
      return close([...r.slice(0, i + 1), change.at, ...r.slice(i + 1)]);
    }
    const c = r[(i + 2) % n]!;
    if (change.kind === 'delete' && same(b, change.at) && ((same(a, p) && same(c, q)) || (same(a, q) && same(c, p))) && n > 3) {
      return close(r.filter((_, j) => j !== (i + 1) % n));
    }
  }
  return null;
}

/**
 * The neighbours after `before` became `after`: each returned polygon is the neighbour itself
 * (same object) when it shares nothing with the edit, or a copy with the edit applied.
 *
 * @example
 * followSharedEdges(gridBefore, gridAfterDrag, neighbours) // neighbours whose shared corner moved too
 */
export function followSharedEdges(before: Polygon, after: Polygon, neighbours: readonly Polygon[]): Polygon[] {
  const change = changeOf(open(before.coordinates[0] ?? []), open(after.coordinates[0] ?? []));
  if (!change) return [...neighbours];
  return neighbours.map((g) => {
    const rings = g.coordinates.map((ring) => apply(ring, change));
    if (rings.every((r) => r === null)) return g;
    return { type: 'Polygon', coordinates: rings.map((r, i) => r ?? g.coordinates[i]!) };
  });
}
