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
  /** Output grids over the rule that are not a reported exception (one indivisible unit). */
  over: number;
}

export const NO_PROBLEMS: Readonly<OutputCheck> = Object.freeze({ unplaced: 0, doubled: 0, overlapM2: 0, over: 0 });

/**
 * `result` is a `rebalanceCommunity` result: a grid over the rule is excused only as one unit
 * that the rebalance reported among its exceptions (an untouched grid comes back as the very
 * input object, which carries no `exception` flag).
 */
export function checkRebalanceOutput(
  result: { grids: readonly { geometry: Polygon | MultiPolygon; unitIds: readonly string[] }[]; exceptions: readonly { unitId: string }[] },
  buildings: readonly PlanUnit[],
  boundary: Polygon,
  profile: Readonly<RuleProfile>,
): OutputCheck {
  const excepted = new Set(result.exceptions.map((e) => e.unitId));
  const checked = outputReport({
    grids: result.grids.map((g) => ({
      geometry: g.geometry,
      ...(g.unitIds.length === 1 && excepted.has(g.unitIds[0]!) ? { exception: true } : {}),
    })),
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
