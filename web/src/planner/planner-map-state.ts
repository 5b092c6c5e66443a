/**
 * What the planner map shows, worked out from the stores without a map: the draft's grid and
 * label sources, the problem areas, the ring at the clicked problem, the engine's proposal,
 * and what terra-draw edits for the tool and selection. `PlannerMapController` applies these;
 * keeping them pure lets them be tested without WebGL. Coordinates are `[lng, lat]` degrees.
 */
import type { Polygon } from '@gridatlas/core';
import type { Translate } from '../i18n/locale.store';
import type { AutoPlanState } from './auto-plan.store';
import type { DraftGrids } from './draft.store';
import { gridTag } from './grid-label';
import type { DraftAnalysis } from './plan-analysis';
import { gridFeatures, gridLabelFeatures } from './planner-sources';
import type { PlannerTool } from './planner.store';
import { previewFeatures } from './preview-layers';

/** The draft's grids (coloured by load) and their label points (tag and counts). */
export function draftSources(grids: DraftGrids, analysis: DraftAnalysis, t: Translate) {
  const byKey = new Map(grids.map((g) => [g.key, g]));
  return {
    grids: gridFeatures(grids, analysis.metrics),
    labels: gridLabelFeatures(grids, analysis.metrics, (k) => gridTag(byKey.get(k)!, t)),
  };
}

/** Gaps, overlaps and overhangs drawn where they are (problems without a shape are listed only). */
export function problemAreaFeatures(analysis: Pick<DraftAnalysis, 'problems'>) {
  const features = analysis.problems.flatMap((p) =>
    p.shape ? [{ type: 'Feature' as const, geometry: p.shape, properties: { kind: p.kind, severity: p.severity } }] : [],
  );
  return { type: 'FeatureCollection' as const, features };
}

/** The ring at the problem last clicked in the list, or nothing. */
export function focusPointFeatures(location: readonly [number, number] | null) {
  const features = location
    ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [location[0], location[1]] }, properties: {} }]
    : [];
  return { type: 'FeatureCollection' as const, features };
}

/** The engine's proposal while it is previewed: its shapes and labels, whether the draft's fill shows, whether to fit the community. */
export function previewState(autoPlan: AutoPlanState, t: Translate) {
  const grids = autoPlan.status === 'preview' ? autoPlan.outcome.grids : [];
  const unit = t('label.households');
  const { shapes, labels } = previewFeatures(
    grids.map((g) => ({ geometry: g.geometry, households: g.households, changed: g.changed, exception: g.exception === true })),
    (g) => `${g.households.toLocaleString()}${unit}${g.exception ? ` · ${t('auto.exceptionLabel')}` : ''}`,
  );
  // The proposal is of the whole community: show all of it.
  return { shapes, labels, draftFill: grids.length === 0, fitCommunity: grids.length > 0 };
}

type DrawMode = 'polygon' | 'linestring' | 'select';

/** Terra-draw follows the tool and the selection: one selected polygon grid is editable in select mode. */
export function drawTarget(tool: PlannerTool, selection: readonly string[], grids: DraftGrids): { mode: DrawMode; edit: Polygon | null } {
  if (tool === 'draw') return { mode: 'polygon', edit: null };
  if (tool === 'split') return { mode: 'linestring', edit: null };
  const grid = tool === 'select' && selection.length === 1 ? grids.find((g) => g.key === selection[0]) : undefined;
  return { mode: 'select', edit: grid?.geometry.type === 'Polygon' ? grid.geometry : null };
}
