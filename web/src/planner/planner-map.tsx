/**
 * The planner's map: the offline basemap style fed with the draft's grids (coloured by load,
 * labelled with tag and counts), the community, streets and buildings; terra-draw on top for
 * drawing, splitting and reshaping. Edits go to the draft store; the map only mirrors it.
 */
import { gridMetrics, pointInPolygon, snapPosition } from '@gridatlas/core';
import type { LineString, Polygon, Position } from '@gridatlas/core';
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { TerraDraw } from 'terra-draw';
import type { Meta } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { createBaseMap } from '../map/base-map';
import { gridLabelField } from '../map/offline-style';
import { setSourceData } from '../map/set-source-data';
import { clearTestHook, exposeTestHook } from '../map/test-hook';
import { useStore } from '../state/create-store';
import { applyEdit, draftStore } from './draft.store';
import { runEdit } from './run-edit';
import { addDrawnGrid, gridUnderLine, moveBuilding, reshapeGrid, splitGrid } from './grid-edits';
import { gridTag } from './grid-label';
import type { DraftAnalysis, PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';
import { addPlannerLayers, PROBLEM_AREAS_SOURCE, PROBLEM_FOCUS_SOURCE, setKeyFilter, UNITS_SOURCE } from './planner-layers';
import { gridFeatures, gridLabelFeatures, unitFeatures } from './planner-sources';
import { focusLocationStore, focusStore, liveMetricsStore, selectGrid, selectionStore, toolStore } from './planner.store';
import { metresPerPixel, SNAP_PX, snapTargets } from './snap-targets';
import { createTerraDraw } from './terra-draw-setup';
import { setProblemMap } from './problem-list';
import { autoPlanStore } from './auto-plan.store';
import { addPreviewLayers, PREVIEW_LABELS_SOURCE, PREVIEW_SOURCE, previewFeatures, showDraftFill } from './preview-layers';

const EDIT_ID = 'planner-edit';

export function PlannerMap({ meta, data, ctx, analysis }: { meta: Meta; data: PlannerData; ctx: PlannerContext; analysis: DraftAnalysis }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const drawRef = useRef<TerraDraw | null>(null);
  const { t } = useI18n();
  const draft = useStore(draftStore);
  const tool = useStore(toolStore);
  const selection = useStore(selectionStore);
  const focus = useStore(focusStore);
  const focusLocation = useStore(focusLocationStore);
  const autoPlan = useStore(autoPlanStore);
  // Latest values for terra-draw's callbacks, which are registered once.
  const latest = useRef({ ctx, data, selection, grids: draft.grids });
  latest.current = { ctx, data, selection, grids: draft.grids };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let resolve = () => {};
    const ready = new Promise<void>((r) => (resolve = r));
    const base = createBaseMap({
      container,
      bounds: data.bbox,
      padding: 40,
      underFillRatio: meta.ruleProfile.underFillRatio,
      householdUnit: t('label.households'),
      personUnit: t('label.persons'),
      mapOptions: { doubleClickZoom: false },
    });
    const instance = base.map;
    instance.once('load', () => {
      addPlannerLayers(instance);
      addPreviewLayers(instance);
      // Buildings stay as flat footprints: extrusions would hide the grid edges being edited.
      instance.setLayerZoomRange('buildings-fill', 0, 24);
      instance.setLayoutProperty('buildings-extrusion', 'visibility', 'none');
      const draw = createTerraDraw(instance, (event) => {
        const { ctx: c, data: d, grids, selection: sel } = latest.current;
        const tolerance = SNAP_PX * metresPerPixel(instance.getZoom(), event.lat);
        const targets = snapTargets(d.streetLines, c.boundary, grids, sel.length === 1 ? sel[0]! : null);
        return snapPosition([event.lng, event.lat], targets, tolerance)?.position;
      });
      draw.start();
      drawRef.current = draw;
      setMap(instance);
      setProblemMap(instance);
      instance.once('idle', () => {
        setReady(true);
        resolve();
      });
    });
    exposeTestHook({ map: instance, ready });
    return () => {
      clearTestHook();
      setProblemMap(null);
      drawRef.current?.stop();
      drawRef.current = null;
      base.destroy();
    };
    // Created once per community on purpose; the effects below follow the stores.
  }, []);

  useEffect(() => {
    if (!map) return;
    void setSourceData(map, 'communities', { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: ctx.boundary, properties: {} }] });
    void setSourceData(map, 'streets', data.streets);
    void setSourceData(map, 'buildings', data.buildings);
    void setSourceData(map, 'compounds', data.compounds);
    void setSourceData(map, UNITS_SOURCE, unitFeatures(ctx.units));
  }, [map, data, ctx]);

  useEffect(() => {
    if (!map) return;
    const byKey = new Map(draft.grids.map((g) => [g.key, g]));
    void setSourceData(map, 'grids', gridFeatures(draft.grids, analysis.metrics));
    void setSourceData(map, 'labels-grids', gridLabelFeatures(draft.grids, analysis.metrics, (k) => gridTag(byKey.get(k)!, t)));
  }, [map, draft.grids, analysis, t]);

  useEffect(() => {
    if (!map) return;
    const areas = analysis.problems.flatMap((p) => (p.shape ? [{ type: 'Feature' as const, geometry: p.shape, properties: { kind: p.kind, severity: p.severity } }] : []));
    void setSourceData(map, PROBLEM_AREAS_SOURCE, { type: 'FeatureCollection', features: areas });
  }, [map, analysis]);
  useEffect(() => {
    if (!map) return;
    const features = focusLocation ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: focusLocation }, properties: {} }] : [];
    void setSourceData(map, PROBLEM_FOCUS_SOURCE, { type: 'FeatureCollection', features });
  }, [map, focusLocation]);

  // The engine's proposal over the draft while it is previewed.
  useEffect(() => {
    if (!map) return;
    const grids = autoPlan.status === 'preview' ? autoPlan.outcome.grids : [];
    const unit = t('label.households');
    const { shapes, labels } = previewFeatures(
      grids.map((g) => ({ geometry: g.geometry, households: g.households, changed: g.changed, exception: g.exception === true })),
      (g) => `${g.households.toLocaleString()}${unit}${g.exception ? ` · ${t('auto.exceptionLabel')}` : ''}`,
    );
    void setSourceData(map, PREVIEW_SOURCE, shapes);
    void setSourceData(map, PREVIEW_LABELS_SOURCE, labels);
    showDraftFill(map, grids.length === 0);
    // The proposal is of the whole community: show all of it.
    if (grids.length) map.fitBounds(data.bbox, { padding: 40, duration: 0 });
  }, [map, autoPlan, data, t]);

  useEffect(() => {
    if (map) setKeyFilter(map, 'planner-selected-line', selection);
  }, [map, selection]);
  useEffect(() => {
    if (map) setKeyFilter(map, 'planner-focus-line', focus);
  }, [map, focus]);
  useEffect(() => {
    if (map) map.setLayoutProperty('grid-labels', 'text-field', gridLabelField(t('label.households'), t('label.persons')) as never);
  }, [map, t]);

  // Terra-draw follows the tool and the selection: one selected grid is editable in select mode.
  useEffect(() => {
    const draw = drawRef.current;
    if (!map || !draw) return;
    draw.clear();
    liveMetricsStore.set(null);
    if (tool === 'draw') return draw.setMode('polygon');
    if (tool === 'split') return draw.setMode('linestring');
    draw.setMode('select');
    const grid = tool === 'select' && selection.length === 1 ? draft.grids.find((g) => g.key === selection[0]) : undefined;
    if (grid?.geometry.type !== 'Polygon') return;
    const [result] = draw.addFeatures([{ id: EDIT_ID, type: 'Feature', geometry: grid.geometry, properties: { mode: 'polygon' } }]);
    if (result?.valid) draw.selectFeature(EDIT_ID);
  }, [map, tool, selection, draft.grids]);

  // Terra-draw events: live metrics while dragging; commits on finish.
  useEffect(() => {
    const draw = drawRef.current;
    if (!map || !draw) return;
    let frame = 0;
    const onChange = (ids: (string | number)[], type: string) => {
      if (type !== 'update' || !ids.includes(EDIT_ID) || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const feature = draw.getSnapshotFeature(EDIT_ID);
        const key = latest.current.selection[0];
        if (!feature || feature.geometry.type !== 'Polygon' || !key) return;
        const started = performance.now();
        const type = latest.current.grids.find((g) => g.key === key)?.type;
        const metrics = gridMetrics(feature.geometry, latest.current.ctx.index, latest.current.ctx.profile, { type: type ?? null });
        liveMetricsStore.set({ key, metrics, ms: performance.now() - started });
      });
    };
    const onFinish = (id: string | number, context: { mode: string; action: string }) => {
      const feature = draw.getSnapshotFeature(id);
      const { grids, selection: sel, ctx: c } = latest.current;
      if (!feature) return;
      if (context.mode === 'polygon' && feature.geometry.type === 'Polygon') {
        draw.removeFeatures([id]);
        const template = { name: '', type: 'comprehensive' as const, communityCode: c.communityCode, zoneCode: null };
        runEdit(addDrawnGrid(grids, feature.geometry as Polygon, c.boundary, template));
      } else if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
        draw.removeFeatures([id]);
        const line = feature.geometry as LineString;
        const mid = line.coordinates[Math.floor(line.coordinates.length / 2)] as Position;
        const key = gridUnderLine(grids, sel, (g) => pointInPolygon(mid, g.geometry));
        if (key) runEdit(splitGrid(grids, key, line));
      } else if (id === EDIT_ID && feature.geometry.type === 'Polygon' && sel.length === 1) {
        liveMetricsStore.set(null);
        applyEdit(reshapeGrid(grids, sel[0]!, feature.geometry as Polygon));
      }
    };
    draw.on('change', onChange);
    draw.on('finish', onFinish);
    return () => {
      cancelAnimationFrame(frame);
      draw.off('change', onChange);
      draw.off('finish', onFinish);
    };
  }, [map]);

  // Clicks: pick grids (shift adds), or pull a clicked building into the selected grid.
  useEffect(() => {
    if (!map) return;
    const onClick = (e: maplibregl.MapMouseEvent) => {
      const tool = toolStore.get();
      const { grids, selection: sel, ctx: c } = latest.current;
      if (tool === 'move') {
        const hit = map.queryRenderedFeatures(e.point, { layers: ['planner-units'] })[0];
        const unit = hit ? c.units[Number(hit.properties['i'])] : undefined;
        if (!unit || sel.length !== 1) return;
        const from = grids.find((g) => pointInPolygon(unit.point, g.geometry));
        if (from) runEdit(moveBuilding(grids, unit, from.key, sel[0]!));
        return;
      }
      if (tool !== 'select') return;
      // A click on the grid being edited belongs to terra-draw (vertices, midpoints).
      const editing = drawRef.current?.getFeaturesAtLngLat({ lng: e.lngLat.lng, lat: e.lngLat.lat }, { pointerDistance: 8 }) ?? [];
      if (editing.some((f) => f.properties['selectionPoint'] || f.properties['midPoint'])) return;
      const hit = map.queryRenderedFeatures(e.point, { layers: ['grids-fill'] })[0];
      selectGrid((hit?.properties['key'] as string | undefined) ?? null, e.originalEvent.shiftKey);
    };
    map.on('click', onClick);
    return () => void map.off('click', onClick);
  }, [map]);

  return <div ref={containerRef} className="map" data-state={ready ? 'ready' : 'loading'} data-testid="map" role="region" aria-label={t('planner.title')} />;
}
