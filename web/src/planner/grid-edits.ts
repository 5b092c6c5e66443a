/**
 * The planner's edits as pure functions from one grid array to the next (or an error to show):
 * split, merge, delete, add a drawn grid, reshape and move a building. Geometry work is in
 * `@gridatlas/core` (core/src/edit); this file only picks the grids and keeps keys and codes.
 */
import {
  carveGrid,
  followSharedEdges,
  mergePolygons,
  splitPolygonByLine,
  transferPiece,
  transferPieceFor,
  type PlanUnit,
} from '@gridatlas/core';
import type { LineString, MultiPolygon, Polygon } from '@gridatlas/core';
import { newGridKey, type DraftGrid, type DraftGrids } from './draft.store';

export type EditResult = { grids: DraftGrids; select: string[] } | { error: string };

function fresh(from: DraftGrid, geometry: Polygon | MultiPolygon): DraftGrid {
  return { ...from, key: newGridKey(), code: null, geometry };
}

/** Splits the grid `key` by `line`; both parts are new grids (a split grid's parts get new serials). */
export function splitGrid(grids: DraftGrids, key: string, line: LineString): EditResult {
  const target = grids.find((g) => g.key === key);
  if (!target) return { error: 'no grid selected' };
  if (target.geometry.type !== 'Polygon') return { error: 'This grid is in several pieces; fix it before splitting.' };
  const parts = splitPolygonByLine(target.geometry, line);
  if ('error' in parts) return parts;
  const [a, b] = [fresh(target, parts[0]), fresh(target, parts[1])];
  return { grids: grids.flatMap((g) => (g.key === key ? [a, b] : [g])), select: [a.key, b.key] };
}

/** The grid a drawn line cuts across: the selected one, else the one its midpoint lies in. */
export function gridUnderLine(grids: DraftGrids, selected: readonly string[], contains: (g: DraftGrid) => boolean): string | null {
  if (selected.length === 1) return selected[0]!;
  return grids.find(contains)?.key ?? null;
}

export function mergeGrids(grids: DraftGrids, keys: readonly string[]): EditResult {
  const chosen = grids.filter((g) => keys.includes(g.key));
  if (chosen.length < 2) return { error: 'Select two or more adjacent grids (shift-click) to merge.' };
  if (chosen.some((g) => g.geometry.type !== 'Polygon')) return { error: 'A selected grid is in several pieces; fix it before merging.' };
  const merged = mergePolygons(chosen.map((g) => g.geometry as Polygon));
  if ('error' in merged) return merged;
  const grid = fresh(chosen[0]!, merged);
  const first = grids.findIndex((g) => keys.includes(g.key));
  const rest = grids.filter((g) => !keys.includes(g.key));
  return { grids: [...rest.slice(0, first), grid, ...rest.slice(first)], select: [grid.key] };
}

export function deleteGrids(grids: DraftGrids, keys: readonly string[]): EditResult {
  if (keys.length === 0) return { error: 'Select a grid to delete.' };
  return { grids: grids.filter((g) => !keys.includes(g.key)), select: [] };
}

/**
 * A drawn polygon becomes a new grid: clipped to the community and carved out of the grids it
 * overlaps, so neighbours' edges follow it and no overlap is left behind.
 */
export function addDrawnGrid(
  grids: DraftGrids,
  drawn: Polygon,
  boundary: Polygon | MultiPolygon,
  template: Omit<DraftGrid, 'key' | 'code' | 'geometry'>,
): EditResult {
  const carved = carveGrid(
    drawn,
    boundary,
    grids.map((g) => g.geometry),
  );
  if ('error' in carved) return carved;
  const next: DraftGrid[] = [];
  grids.forEach((g, i) => {
    const rest = carved.neighbours[i];
    if (rest) next.push(JSON.stringify(rest) === JSON.stringify(g.geometry) ? g : { ...g, geometry: rest });
  });
  const grid: DraftGrid = { ...template, key: newGridKey(), code: null, geometry: carved.grid };
  return { grids: [...next, grid], select: [grid.key] };
}

/**
 * The grid `key` takes its reshaped geometry; neighbours that share the moved, inserted or
 * deleted vertex follow, so a drag along a shared edge leaves no gap or overlap behind.
 */
export function reshapeGrid(grids: DraftGrids, key: string, geometry: Polygon): DraftGrids {
  const target = grids.find((g) => g.key === key);
  const next = rounded(geometry);
  if (!target || target.geometry.type !== 'Polygon') return grids.map((g) => (g.key === key ? { ...g, geometry: next } : g));
  const others = grids.filter((g): g is DraftGrid & { geometry: Polygon } => g.key !== key && g.geometry.type === 'Polygon');
  const followed = new Map(
    followSharedEdges(
      target.geometry,
      next,
      others.map((g) => g.geometry),
    ).map((geom, i) => [others[i]!.key, geom]),
  );
  return grids.map((g) => {
    if (g.key === key) return { ...g, geometry: next };
    const geom = followed.get(g.key);
    return geom && geom !== g.geometry ? { ...g, geometry: geom } : g;
  });
}

/** Moves a building's area from the grid holding it into `toKey`; the shared boundary follows. */
export function moveBuilding(grids: DraftGrids, unit: PlanUnit, fromKey: string, toKey: string): EditResult {
  const from = grids.find((g) => g.key === fromKey);
  const to = grids.find((g) => g.key === toKey);
  if (!from || !to || fromKey === toKey) return { error: 'The building is already in the selected grid.' };
  if (!unit.footprint) return { error: 'This building has no footprint to move.' };
  if (from.geometry.type !== 'Polygon' || to.geometry.type !== 'Polygon')
    return { error: 'A grid involved is in several pieces; fix it first.' };
  const moved = transferPiece(from.geometry, to.geometry, transferPieceFor(unit.footprint, to.geometry));
  if ('error' in moved) return moved;
  return {
    grids: grids.map((g) => (g.key === fromKey ? { ...g, geometry: moved.from } : g.key === toKey ? { ...g, geometry: moved.to } : g)),
    select: [toKey],
  };
}

function rounded(g: Polygon): Polygon {
  const r = (n: number) => Math.round(n * 1e7) / 1e7;
  return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map((p) => [r(p[0]!), r(p[1]!)])) };
}
