/**
 * The rebalanced grids checked as written, not as the rebalance counted them: every building
 * of the community located in the output outlines (`outputReport`, the check the engine's own
 * report uses), so a building left in no grid or in two, an overlap or a grid over the rule
 * shows in the benchmark whatever the rebalance believed.
 */
import { areaM2, outputReport, pointInPolygon, type PlanUnit, type RuleProfile } from '@gridatlas/core';
import type { MultiPolygon, Polygon } from 'geojson';

export interface OutputCheck {
  /** Buildings inside the boundary in no output grid. */
  unplaced: number;
  /** Buildings in more than one output grid. */
  doubled: number;
  /** Overlap between output grids above the sliver area, m². */
  overlapM2: number;
  /** Output grids over the rule that are not reported exceptions. */
  over: number;
}

export const NO_PROBLEMS: Readonly<OutputCheck> = Object.freeze({ unplaced: 0, doubled: 0, overlapM2: 0, over: 0 });

export function checkRebalanceOutput(
  grids: readonly { geometry: Polygon | MultiPolygon; exception?: boolean }[],
  buildings: readonly PlanUnit[],
  boundary: Polygon,
  profile: Readonly<RuleProfile>,
): OutputCheck {
  const checked = outputReport({
    grids: grids.map((g) => ({ geometry: g.geometry, ...(g.exception ? { exception: true } : {}) })),
    units: buildings.map((b) => ({ id: b.id, point: b.point, households: b.households, persons: b.persons })),
    profile,
    coverArea: areaM2(boundary),
  });
  const byId = new Map(buildings.map((b) => [b.id, b]));
  return {
    unplaced: checked.unplaced.filter((id) => pointInPolygon(byId.get(id)!.point, boundary)).length,
    doubled: checked.doubled.length,
    overlapM2: checked.overlapM2,
    over: checked.violations.length,
  };
}

export function addChecks(a: OutputCheck, b: OutputCheck): OutputCheck {
  return { unplaced: a.unplaced + b.unplaced, doubled: a.doubled + b.doubled, overlapM2: a.overlapM2 + b.overlapM2, over: a.over + b.over };
}

export function checkLine(c: OutputCheck): string {
  return `output checked: ${c.unplaced} unplaced, ${c.doubled} doubled, overlap ${c.overlapM2.toFixed(1)} m², ${c.over} over the rule`;
}
