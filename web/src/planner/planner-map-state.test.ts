import { createUnitIndex, DEFAULT_RULE_PROFILE, type PlanUnit, type Polygon } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import type { RebalanceOutcome } from '../engine/engine.protocol';
import { translate } from '../i18n/translate';
import type { Translate } from '../i18n/locale.store';
import type { AutoPlanState } from './auto-plan.store';
import type { DraftGrid } from './draft.store';
import { analyseDraft, type PlannerContext } from './plan-analysis';
import { draftSources, drawTarget, focusPointFeatures, previewState, problemAreaFeatures } from './planner-map-state';

const square = (x: number, w = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + w, 0],
      [x + w, 0.001],
      [x, 0.001],
      [x, 0],
    ],
  ],
});
const grid = (key: string, x: number, extra: Partial<DraftGrid> = {}): DraftGrid => ({
  key,
  code: null,
  name: '',
  type: 'comprehensive',
  communityCode: 'C',
  zoneCode: null,
  geometry: square(x),
  ...extra,
});
const units: PlanUnit[] = [0.0005, 0.0015, 0.0025].map((x, i) => ({ id: `b${i}`, point: [x, 0.0005], households: 100, persons: 250 }));
const ctx: PlannerContext = {
  communityCode: 'C',
  boundary: square(0, 0.003),
  units,
  index: createUnitIndex(units),
  profile: DEFAULT_RULE_PROFILE,
};
const zh: Translate = (key, params) => translate('zh', key, params);

describe('planner map state', () => {
  it('turns the draft into grid features with load and label points with the tag, per grid', () => {
    // The third building is in no grid: a gap the rule check reports.
    const grids = [grid('new-1', 0), grid('new-2', 0.001)];
    const analysis = analyseDraft(grids, ctx);
    const { grids: fills, labels } = draftSources(grids, analysis, zh);
    expect(fills.features.map((f) => [f.properties.key, f.properties.households])).toEqual([
      ['new-1', 100],
      ['new-2', 100],
    ]);
    expect(labels.features).toHaveLength(2);
    expect(JSON.stringify(labels.features[0]!.properties)).toContain('#1');
    const areas = problemAreaFeatures(analysis);
    expect(areas.features.length).toBe(analysis.problems.filter((p) => p.shape).length);
    expect(areas.features.length).toBeGreaterThan(0);
    expect(areas.features.every((f) => f.properties.severity === 'error' || f.properties.severity === 'warning')).toBe(true);
  });

  it('rings the clicked problem’s place, or nothing', () => {
    expect(focusPointFeatures([108.9, 34.2]).features[0]!.geometry.coordinates).toEqual([108.9, 34.2]);
    expect(focusPointFeatures(null).features).toEqual([]);
  });

  it('edits the one selected polygon in select mode and nothing in the other tools', () => {
    const grids = [grid('a', 0), grid('b', 0.001)];
    expect(drawTarget('select', ['b'], grids)).toEqual({ mode: 'select', edit: grids[1]!.geometry });
    expect(drawTarget('select', ['a', 'b'], grids)).toEqual({ mode: 'select', edit: null });
    expect(drawTarget('move', ['a'], grids)).toEqual({ mode: 'select', edit: null });
    expect(drawTarget('draw', ['a'], grids)).toEqual({ mode: 'polygon', edit: null });
    expect(drawTarget('split', ['a'], grids)).toEqual({ mode: 'linestring', edit: null });
    const multi = grid('m', 0, { geometry: { type: 'MultiPolygon', coordinates: [square(0).coordinates] } });
    expect(drawTarget('select', ['m'], [multi]).edit).toBeNull();
  });

  it('shows a previewed proposal over a stepped-back draft and fits the community; otherwise nothing', () => {
    expect(previewState({ status: 'idle' }, zh)).toMatchObject({ draftFill: true, fitCommunity: false, shapes: { features: [] } });
    const outcome = {
      kind: 'rebalance',
      grids: [{ geometry: square(0), households: 120, persons: 300, changed: true, exception: true }],
    } as unknown as RebalanceOutcome;
    const state = {
      status: 'preview',
      kind: 'rebalance',
      basis: [],
      proposal: [],
      outcome,
      diff: {},
      ms: { total: 1, diff: 0 },
    } as unknown as AutoPlanState;
    const shown = previewState(state, zh);
    expect(shown.draftFill).toBe(false);
    expect(shown.fitCommunity).toBe(true);
    expect(shown.shapes.features[0]!.properties).toEqual({ changed: true, exception: true, households: 120 });
    expect(shown.labels.features[0]!.properties.text).toBe(`120${zh('label.households')} · ${zh('auto.exceptionLabel')}`);
  });
});
