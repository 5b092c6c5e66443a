/**
 * The analyst view: a side panel (layers, period, categories, charts or the table with
 * exports) and the map with the active layer's legend, the clicked grid's details and,
 * for tracks, the playback bar. Filters live in analyst.store; data comes from the hooks
 * and is memoised here so every layer sees stable references.
 */
import { SPECIAL_GROUP_CATEGORIES } from '@gridatlas/core';
import type { Layer } from '@deck.gl/core';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BriefingCamera, Meta, Region, User } from '@gridatlas/api/contract';
import { AddToBriefing } from '../briefings/add-to-briefing';
import { captureAnalystView } from '../briefings/analyst-slide-view';
import { BriefingPresenter } from '../briefings/briefing-presenter';
import { presentingStore } from '../briefings/briefing.store';
import { BriefingsPanel } from '../briefings/briefings-panel';
import { lastDay } from '../briefings/slide-period';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { regionCodeStore } from '../state/view.store';
import { useStore } from '../state/create-store';
import { incidentTilesUrl } from './analytics-api';
import { addDays } from './analytics-query';
import { AnalystLegend, classEntries, type LegendSpec } from './analyst-legend';
import { allowedLayers, allowedMetrics, type ChoroplethMetric } from './analyst-layers';
import { AnalystMap } from './analyst-map';
import type { AnalystMapController } from './analyst-map.controller';
import { POINTS_MIN_ZOOM } from './analyst-style';
import {
  analystGridStore,
  analystLayerStore,
  choroplethMetricStore,
  deadCornerDaysStore,
  filtersStore,
  playbackStore,
  specialCategoryStore,
  visitsCategoryStore,
  trackDateStore,
  viewportStore,
} from './analyst.store';
import { CategoryFilter } from './category-filter';
import { categoryColour, categoryColourExpression, categoryName, KNOWN_CATEGORIES } from './category-colours';
import { classBreaks, COVER_RAMP, COVERAGE_BREAKS, HEAT_RAMP, PURPLE_RAMP, rampFor, rgbCss, stepExpression } from './colour-scale';
import { downloadBlob } from './csv';
import { DataTable } from './data-table';
import { binaryPoints, heatLayer, hexbinLayer } from './deck-layers';
import { GridDetail } from './grid-detail';
import { gridStats, metricValue } from './grid-stats';
import { LayerSwitcher } from './layer-switcher';
import { choroplethGrids, hexLabelPoints } from './map-features';
import { clockText, PlaybackBar } from './playback-bar';
import { SeriesChart } from './series-chart';
import { tableFor } from './table-model';
import { TimeFilter, yearFilters } from './time-filter';
import { TopGridsChart } from './top-grids-chart';
import { COVERAGE_MAX_DAYS, useAnalystTables, useGridShapes } from './use-analyst-data';
import { useDeadCorners, useIncidentHexbins, useIncidentPoints, useSpecialHexbins, useTracks } from './use-layer-data';
import { useVisitGrids } from '../visits/use-visit-grids';
import { visitGridFeatures } from '../visits/visit-grid-features';

/** Minutes of trail behind each moving patrol worker. */
const TRAIL_MINUTES = 30;

export function AnalystView({ meta, user, district }: { meta: Meta; user: User; district: Region }) {
  const { t, locale } = useI18n();
  const referenceDate = meta.referenceDate ?? new Date().toISOString().slice(0, 10);
  const layers = useMemo(() => allowedLayers(user.permissions), [user.permissions]);
  const metrics = useMemo(() => allowedMetrics(user.permissions), [user.permissions]);
  const chosenLayer = useStore(analystLayerStore);
  const layer = layers.includes(chosenLayer) ? chosenLayer : (layers[0] ?? 'workload');
  const chosenMetric = useStore(choroplethMetricStore);
  const filters = useStore(filtersStore);
  const specialCategory = useStore(specialCategoryStore);
  const visitsCategory = useStore(visitsCategoryStore);
  const deadDays = useStore(deadCornerDaysStore);
  const viewport = useStore(viewportStore);
  const selected = useStore(analystGridStore);
  const trackDate = useStore(trackDateStore);
  const [tab, setTab] = useState<'charts' | 'table'>('charts');
  const mapRef = useRef<AnalystMapController | null>(null);
  const [mapReady, setMapReady] = useState(false);

  useEffect(() => {
    if (!filtersStore.get()) filtersStore.set(yearFilters(referenceDate));
    if (!trackDateStore.get()) trackDateStore.set(addDays(referenceDate, -1));
  }, [referenceDate]);

  const metric: ChoroplethMetric =
    layer === 'workload'
      ? 'workload'
      : layer === 'coverage'
        ? 'coverage'
        : metrics.includes(chosenMetric)
          ? chosenMetric
          : (metrics[0] ?? 'workload');
  const needCoverage =
    layer === 'coverage' || (layer === 'choropleth' && ['coverage', 'patrolMinutes', 'daysSincePatrol'].includes(metric));
  const tables = useAnalystTables(filters, user.permissions, specialCategory, needCoverage);
  const shapes = useGridShapes(district.code);
  const names = useMemo(
    () =>
      new Map((shapes?.features ?? []).map((f) => [f.properties.code, { name: f.properties.name, households: f.properties.households }])),
    [shapes],
  );
  const stats = useMemo(
    () => gridStats({ names, incidents: tables.incidents, workload: tables.workload, coverage: tables.coverage, special: tables.special }),
    [names, tables.incidents, tables.workload, tables.coverage, tables.special],
  );

  const points = useIncidentPoints(layer === 'heat', filters, district.bbox);
  const hexbins = useIncidentHexbins(layer === 'hexbin', filters, viewport);
  const specialHex = useSpecialHexbins(layer === 'special', specialCategory, viewport);
  // Due and overdue as of the period's last day (the time filter), per grid in force.
  const visitGrids = useVisitGrids(layer === 'visits', district.code, visitsCategory, filters ? lastDay(filters) : null);
  const tracks = useTracks(layer === 'tracks', trackDate);
  // After the coverage table: both work out the same patrol days, and the embedded database
  // answers one at a time (a second request would wait behind the first and time out).
  const dead = useDeadCorners(layer === 'coverage' && tables.coverage !== null, deadDays);

  // New tracks: the playback starts where the day's first track does.
  useEffect(() => {
    const first = Math.min(...(tracks.data ?? []).map((tr) => tr.timestamps[0] ?? Infinity));
    if (Number.isFinite(first)) playbackStore.set((p) => ({ ...p, time: Math.max(0, first - 60) }));
  }, [tracks.data]);

  // Choropleth: classes from the metric's values over all grids.
  const ramp = metric === 'coverage' ? COVER_RAMP : metric === 'special' ? PURPLE_RAMP : HEAT_RAMP;
  const choroplethBreaks = useMemo(
    () => (metric === 'coverage' ? [...COVERAGE_BREAKS] : classBreaks([...stats.values()].map((s) => metricValue(s, metric) ?? 0))),
    [stats, metric],
  );
  const choroplethColour = useMemo(() => stepExpression('value', choroplethBreaks, ramp), [choroplethBreaks, ramp]);
  const choroplethData = useMemo(() => (shapes ? choroplethGrids(shapes, stats, metric) : null), [shapes, stats, metric]);

  const hexBreaks = useMemo(() => classBreaks((hexbins.data?.features ?? []).map((f) => f.properties.count)), [hexbins.data]);
  const heatData = useMemo(() => (points.data ? binaryPoints(points.data) : null), [points.data]);
  const deckLayers = useMemo<Layer[]>(() => {
    if (layer === 'heat' && heatData) return [heatLayer(heatData)];
    if (layer === 'hexbin' && hexbins.data) return [hexbinLayer(hexbins.data, hexBreaks)];
    return [];
  }, [layer, heatData, hexbins.data, hexBreaks]);

  const specialBreaks = useMemo(
    () => classBreaks((specialHex.data?.features ?? []).map((f) => ('count' in f.properties ? f.properties.count : 0))),
    [specialHex.data],
  );
  const visitFeatures = useMemo(
    () => (layer === 'visits' && shapes && visitGrids.data ? visitGridFeatures(shapes, visitGrids.data) : null),
    [layer, shapes, visitGrids.data],
  );
  // Grids with no one overdue are a class of their own (most grids on most days): quantile breaks
  // alone gave "< 7", which mixed grids with nobody overdue with grids of 5 and 6.
  const visitBreaks = useMemo(() => {
    const positive = classBreaks((visitFeatures?.polygons.features ?? []).map((f) => ('count' in f.properties ? f.properties.count : 0)));
    return [1, ...positive.filter((b) => b > 1)];
  }, [visitFeatures]);
  // Nobody overdue in the palest colour; the classes with people overdue from the ramp's darker end.
  const visitRamp = useMemo(() => [HEAT_RAMP[0]!, ...rampFor(visitBreaks.slice(1), HEAT_RAMP)], [visitBreaks]);
  // The visits layer draws through the special-group layers: suppressed grids hatched, "<5" labels.
  const special = useMemo(
    () =>
      layer === 'visits'
        ? {
            hexagons: visitFeatures?.polygons ?? null,
            labels: visitFeatures?.labels ?? null,
            colour: stepExpression('count', visitBreaks, visitRamp),
          }
        : {
            hexagons: specialHex.data,
            labels: specialHex.data ? hexLabelPoints(specialHex.data) : null,
            colour: stepExpression('count', specialBreaks, PURPLE_RAMP),
          },
    [layer, visitFeatures, visitBreaks, visitRamp, specialHex.data, specialBreaks],
  );

  const categories = tables.series?.categories.length ? tables.series.categories : KNOWN_CATEGORIES;
  const tilesUrl = useMemo(() => incidentTilesUrl(filters ?? yearFilters(referenceDate)), [filters, referenceDate]);
  const pointColour = useMemo(() => categoryColourExpression(categories), [categories]);

  const unitOf = (m: ChoroplethMetric) => t(`analyst.unit.${m}`);
  const threshold = tables.special?.threshold ?? 5;
  const legend = useMemo<LegendSpec>(() => {
    switch (layer) {
      case 'heat':
        return {
          title: t('analyst.legend.heat', { n: (points.data?.count ?? 0).toLocaleString() }),
          entries: [],
          gradient: { colours: HEAT_RAMP, low: t('analyst.legend.heatLow'), high: t('analyst.legend.heatHigh') },
          ...(points.data?.truncated ? { note: t('analyst.truncated', { n: points.data.count.toLocaleString() }) } : {}),
        };
      case 'hexbin':
        return {
          title: t('analyst.legend.hexbin', { size: Math.round(hexbins.data?.sizeM ?? 0) || '—' }),
          entries: classEntries(hexBreaks, rampFor(hexBreaks, HEAT_RAMP)),
        };
      case 'points':
        return {
          title: t('analyst.legend.points', { zoom: POINTS_MIN_ZOOM }),
          entries: categories.map((c, i) => ({
            colour: rgbCss(categoryColour(c, i)),
            label: categoryName(c, locale),
            kind: 'dot' as const,
          })),
          note: (viewport?.zoom ?? 0) < POINTS_MIN_ZOOM ? t('analyst.legend.pointsZoom') : t('analyst.legend.pointsSampled'),
        };
      case 'tracks':
        return { title: t('analyst.legend.tracks', { minutes: TRAIL_MINUTES }), entries: [] };
      case 'visits':
        return {
          title: t(visitsCategory === 'household' ? 'analyst.legend.visitsHousehold' : 'analyst.legend.visits', {
            day: visitGrids.data?.day ?? '—',
          }),
          entries: [
            ...classEntries(visitBreaks, visitRamp).map((e, i) => (i === 0 ? { ...e, label: '0' } : e)),
            ...(visitGrids.data?.suppressed
              ? [
                  {
                    colour: rgbCss(PURPLE_RAMP[5]!),
                    label: t('analyst.legend.suppressed', { n: visitGrids.data.threshold }),
                    kind: 'hatch' as const,
                  },
                ]
              : []),
          ],
        };
      case 'special':
        return {
          title: t('analyst.legend.special'),
          entries: [
            ...classEntries(specialBreaks, rampFor(specialBreaks, PURPLE_RAMP)),
            { colour: rgbCss(PURPLE_RAMP[5]!), label: t('analyst.legend.suppressed', { n: threshold }), kind: 'hatch' as const },
          ],
        };
      default: {
        const title =
          layer === 'coverage'
            ? t('analyst.legend.coverage', { days: COVERAGE_MAX_DAYS })
            : layer === 'workload'
              ? t('analyst.legend.workload')
              : t('analyst.legend.choropleth', { metric: t(`analyst.metric.${metric}`), unit: unitOf(metric) });
        // Coverage is a share: its top class is 100 % exactly.
        const classes = classEntries(choroplethBreaks, rampFor(choroplethBreaks, ramp), layer === 'coverage' ? 100 : undefined);
        const entries = [...classes, { colour: 'rgba(255,255,255,0.6)', label: t('analyst.legend.noData') }];
        if (layer === 'coverage')
          entries.push({ colour: '#d50000', label: t('analyst.legend.deadCorners', { days: deadDays }), kind: 'box' });
        const waiting =
          tables.coverageProgress !== null
            ? t('analyst.coverageJob', { percent: Math.round(tables.coverageProgress * 100) })
            : t('analyst.loading');
        const empty =
          layer === 'coverage' && (!tables.coverage ? waiting : tables.coverage.rows.length ? null : t('analyst.coverageEmpty'));
        return {
          ...(empty ? { note: empty } : {}),
          title,
          entries: layer === 'coverage' ? entries.map((e) => (e.colour === '#d50000' ? { ...e, kind: 'line' as const } : e)) : entries,
        };
      }
    }
    // unitOf and t change together with the locale.
  }, [
    layer,
    // The visits legend: its day, classes and suppression note.
    visitGrids.data,
    visitBreaks,
    visitRamp,
    visitsCategory,
    points.data,
    hexbins.data,
    hexBreaks,
    categories,
    locale,
    viewport,
    specialBreaks,
    threshold,
    choroplethBreaks,
    ramp,
    metric,
    deadDays,
    tables.coverage,
    tables.coverageProgress,
    t,
  ]);

  const specialNames = useCallback(
    (key: string) => {
      const c = SPECIAL_GROUP_CATEGORIES.find((x) => x.key === key);
      return c ? (locale === 'en' ? c.en : c.zh) : key;
    },
    [locale],
  );
  const table = useMemo(
    () =>
      tableFor({
        layer,
        metric,
        stats,
        special: tables.special,
        visits: visitGrids.data,
        specialNames,
        tracks: tracks.data,
        clock: clockText,
      }),
    [layer, metric, stats, tables.special, visitGrids.data, specialNames, tracks.data],
  );

  const onReady = useCallback((controller: AnalystMapController | null) => {
    mapRef.current = controller;
    setMapReady(!!controller);
  }, []);
  const exportPng = useCallback(() => {
    void mapRef.current?.exportPng().then((blob) => downloadBlob(blob, `gridatlas-${layer}.png`));
  }, [layer]);

  const presenting = useStore(presentingStore) !== null;
  const canBrief = user.permissions.includes('dashboard.read') || user.permissions.includes('analytics.read');
  const captureView = useCallback(() => {
    const controller = mapRef.current;
    if (!controller) return null;
    return captureAnalystView(layer, metric, regionCodeStore.get() ?? district.code, controller.camera(), referenceDate);
  }, [layer, metric, district.code, referenceDate]);
  // Stable while the map lives: the presenter restores a slide when this changes.
  const restoreCamera = useMemo(() => {
    const controller = mapReady ? mapRef.current : null;
    return controller ? (camera: BriefingCamera) => void controller.loaded.then(() => controller.restoreCamera(camera)) : null;
  }, [mapReady]);
  const slideTitle = `${t(`analyst.layer.${layer}` as MessageKey)} · ${filters ? `${filters.from} – ${lastDay(filters)}` : ''}`;

  const detail = selected ? stats.get(selected) : undefined;
  const errors = [
    ...tables.failures.map((f) => t('analyst.failed', { route: f.route, message: f.message })),
    ...[points, hexbins, specialHex, visitGrids, tracks, dead].flatMap((l) => (l.error ? [l.error] : [])),
  ];
  const topMetric: ChoroplethMetric =
    layer === 'choropleth' || layer === 'workload' || layer === 'coverage'
      ? metric === 'coverage'
        ? 'daysSincePatrol'
        : metric
      : layer === 'special'
        ? 'special'
        : metrics.includes('count')
          ? 'count'
          : 'workload';

  return (
    <div className={'analyst' + (presenting ? ' presenting' : '')} data-testid="analyst" data-layer={layer}>
      <aside className="analyst-panel">
        <h2 className="analyst-title">{t('analyst.title')}</h2>
        {canBrief && (
          <AddToBriefing
            capture={captureView}
            defaultTitle={slideTitle}
            canEdit={user.permissions.includes('briefings.edit') && mapReady}
          />
        )}
        <LayerSwitcher layers={layers} metrics={metrics} />
        {filters && <TimeFilter referenceDate={referenceDate} filters={filters} />}
        {filters && user.permissions.includes('incidents.read') && ['heat', 'hexbin', 'points', 'choropleth'].includes(layer) && (
          <CategoryFilter categories={categories} selected={filters.categories} />
        )}
        <p className="analyst-status" data-testid="analyst-status" aria-live="polite">
          {tables.loading
            ? t('analyst.loading')
            : tables.incidents
              ? t('analyst.total', { n: tables.incidents.total.toLocaleString() })
              : ''}
          {tables.incidents?.outside ? ` · ${t('analyst.outside', { n: tables.incidents.outside.toLocaleString() })}` : ''}
        </p>
        {errors.map((e) => (
          <p key={e} className="analyst-error" role="alert">
            {e}
          </p>
        ))}
        <div className="analyst-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'charts'} data-testid="tab-charts" onClick={() => setTab('charts')}>
            {t('analyst.tab.charts')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'table'} data-testid="tab-table" onClick={() => setTab('table')}>
            {t('analyst.tab.table')}
          </button>
        </div>
        {tab === 'charts' ? (
          <>
            {tables.series && <SeriesChart series={tables.series} selected={filters?.categories ?? []} />}
            <TopGridsChart stats={stats} metric={topMetric} unit={unitOf(topMetric)} />
          </>
        ) : (
          <DataTable table={table} onExportPng={mapReady ? exportPng : null} />
        )}
      </aside>
      <main className="map-area">
        <AnalystMap
          meta={meta}
          bbox={district.bbox}
          layer={layer}
          grids={choroplethData}
          choroplethColour={choroplethColour}
          tilesUrl={tilesUrl}
          pointColour={pointColour}
          deadCorners={dead.data}
          special={special}
          deckLayers={deckLayers}
          tracks={layer === 'tracks' ? tracks.data : null}
          trailSeconds={TRAIL_MINUTES * 60}
          onReady={onReady}
        />
        <AnalystLegend spec={legend} />
        {detail && <GridDetail stats={detail} />}
        {layer === 'tracks' && <PlaybackBar count={tracks.data?.length ?? null} maxDate={referenceDate} />}
        <BriefingsPanel />
        <BriefingPresenter map="analyst" restoreCamera={restoreCamera} referenceDate={referenceDate} />
      </main>
    </div>
  );
}
