import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AddToBriefing } from './briefings/add-to-briefing';
import { BriefingPresenter } from './briefings/briefing-presenter';
import { presentingStore } from './briefings/briefing.store';
import { BriefingsPanel } from './briefings/briefings-panel';
import { captureDistrictView } from './briefings/district-slide-view';
import type { DistrictMapController } from './map/district-map.controller';
import { analystOpenStore } from './analyst/analyst.store';
import type { User } from '@gridatlas/api/contract';
import { DashboardView } from './dashboard/dashboard-view';
import { enterFromUrl } from './dashboard/dashboard-route';
import { dashboardOpenStore, wallStore } from './dashboard/dashboard.store';
import { parseDashboardUrl } from './dashboard/wall-url';
import { useI18n } from './i18n/locale.store';
import { dispatchOpenStore, enterIncidentPages, fieldOpenStore } from './incidents/incidents.store';
import { MapView } from './map/map-view';
import { errorText } from './panel/error-text';
import { BasemapSwitch } from './panel/basemap-switch';
import { DistrictExports } from './panel/district-exports';
import { FirstRunPanel } from './panel/first-run-panel';
import { GridCard } from './panel/grid-card';
import { NoticeBoardsButton } from './panel/notice-boards-button';
import { ServiceHoursSettings } from './panel/service-hours-settings';
import { LayerList } from './panel/layer-list';
import { LoadLegend } from './panel/load-legend';
import { MonthlyReport } from './panel/monthly-report';
import { RegionFigures } from './panel/region-figures';
import { RegionPicker } from './panel/region-picker';
import { TopBar } from './panel/top-bar';
import { StaffPanel } from './staff/staff-panel';
import { rosterOpenStore } from './staff/staffing.store';
import { myVisitsOpenStore } from './visits/my-visits.store';
import { PlannerView } from './planner/planner-view';
import { plannerCommunityStore } from './planner/planner.store';
import { appDataStore, loadAppData } from './state/app-data.store';
import { loadBasemap } from './state/basemap.store';
import { useStore } from './state/create-store';
import { indexRegions } from './state/region-index';
import { pendingGridLinkStore } from './state/grid-link';
import { panelOpenStore, regionCodeStore, selectRegion } from './state/view.store';

// deck.gl is large and only analysts need it: the analyst view is its own chunk; admins' wizard too.
const ImportWizard = lazy(() => import('./import/import-wizard').then((m) => ({ default: m.ImportWizard })));
const AnalystView = lazy(() => import('./analyst/analyst-view').then((m) => ({ default: m.AnalystView })));
const DispatcherView = lazy(() => import('./incidents/dispatcher-view').then((m) => ({ default: m.DispatcherView })));
const WorkerPage = lazy(() => import('./incidents/worker-page').then((m) => ({ default: m.WorkerPage })));
const RosterView = lazy(() => import('./staff/roster-view').then((m) => ({ default: m.RosterView })));

/** The logged-in shell: top bar, collapsible side panel and the map filling the rest of the window. */
export function Shell({ user }: { user: User }) {
  const { t } = useI18n();
  const data = useStore(appDataStore);
  const panelOpen = useStore(panelOpenStore);
  const regionCode = useStore(regionCodeStore);
  const [mapError, setMapError] = useState<Error | null>(null);
  const [importing, setImporting] = useState(false);
  const regions = data.status === 'ready' ? data.regions : null;
  const index = useMemo(() => (regions ? indexRegions(regions) : null), [regions]);
  // The district being looked at: the selected region's (a city-level user sees several).
  const district = (regionCode && index?.byCode.get(regionCode.slice(0, 6))) || index?.district;
  const region = (regionCode && index?.byCode.get(regionCode)) || district;
  const onMapError = useCallback((error: Error) => setMapError(error), []);
  // The district map, for "add to briefing" (its camera); null until created.
  const districtMap = useRef<DistrictMapController | null>(null);
  const [mapLive, setMapLive] = useState(false);
  const onController = useCallback((c: DistrictMapController | null) => {
    districtMap.current = c;
    setMapLive(c !== null);
  }, []);
  const shownRegion = region?.code;
  const captureDistrict = useCallback(
    () => (districtMap.current && shownRegion ? captureDistrictView(shownRegion, districtMap.current.camera()) : null),
    [shownRegion],
  );
  const presenting = useStore(presentingStore) !== null;
  const districtCode = district?.code;
  // A notice board's QR link (#grid=<code>): show the grid's community; the map then opens its card.
  const gridLink = useStore(pendingGridLinkStore);
  useEffect(() => {
    const community = gridLink && index?.byCode.get(gridLink.slice(0, 12));
    if (community && regionCode !== community.code) selectRegion(community.code);
  }, [gridLink, index, regionCode]);
  useEffect(() => {
    if (districtCode) void loadBasemap(districtCode);
  }, [districtCode]);

  const meta = data.status === 'ready' ? data.meta : null;
  const error = data.status === 'error' ? data.error : mapError;
  const planning = useStore(plannerCommunityStore);
  const canPlan = region?.level === 'community' && user.permissions.includes('plans.edit');
  const analysing = useStore(analystOpenStore) && user.permissions.includes('analytics.read');
  const dashboard = useStore(dashboardOpenStore) && user.permissions.includes('dashboard.read');
  const wall = useStore(wallStore);
  const roster = useStore(rosterOpenStore) && user.permissions.includes('staff.read');
  const myVisits = useStore(myVisitsOpenStore) && user.permissions.includes('visits.record');
  // Once per login: leaders land on the dashboard, a #dashboard/wall URL opens the wall.
  useEffect(() => enterFromUrl(user, parseDashboardUrl(window.location.search, window.location.hash)), [user]);
  // Workers on a phone land on their page, dispatchers on theirs (issue 18).
  useEffect(() => enterIncidentPages(user, window.location.hash, window.matchMedia('(max-width: 640px)').matches), [user]);
  const field = useStore(fieldOpenStore) && user.permissions.includes('incidents.write');
  const dispatching = useStore(dispatchOpenStore) && user.permissions.includes('incidents.dispatch');
  const canImport = user.permissions.includes('districts.import');
  const wizard = importing && (
    <Suspense fallback={null}>
      <ImportWizard
        user={user}
        districts={index?.districts ?? []}
        initialLayer={index?.districts.length ? 'communities' : 'district'}
        {...(district ? { initialDistrict: district.code } : {})}
        onClose={() => setImporting(false)}
        onImported={(code) => {
          setImporting(false);
          selectRegion(code);
          void loadAppData(code);
        }}
      />
    </Suspense>
  );
  // The worker's phone page holds their incidents and their visits due (issue 18).
  if ((field || myVisits) && district) {
    return (
      <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
        <WorkerPage
          user={user}
          district={district}
          initialTab={myVisits ? 'visits' : 'mine'}
          onClose={() => {
            fieldOpenStore.set(false);
            myVisitsOpenStore.set(false);
          }}
        />
      </Suspense>
    );
  }
  if (dispatching && !planning && meta && region) {
    return (
      <div className="shell planner-shell">
        <TopBar meta={meta} user={user} />
        <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
          <DispatcherView meta={meta} user={user} region={region} />
        </Suspense>
      </div>
    );
  }
  if (dashboard && !planning && meta && region && index && data.status === 'ready') {
    const view = <DashboardView meta={meta} region={region} index={index} synthetic={data.synthetic} />;
    // The wall is the dashboard alone, edge to edge.
    if (wall) return <div className="shell wall-shell">{view}</div>;
    return (
      <div className="shell planner-shell">
        <TopBar meta={meta} user={user} />
        {view}
      </div>
    );
  }
  if (analysing && !planning && meta && district) {
    return (
      <div className="shell planner-shell">
        <TopBar meta={meta} user={user} />
        <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
          <AnalystView meta={meta} user={user} district={district} />
        </Suspense>
      </div>
    );
  }
  if (roster && !planning && meta && region) {
    return (
      <div className="shell planner-shell">
        <TopBar meta={meta} user={user} />
        <Suspense fallback={<div className="map-placeholder">{t('app.loading')}</div>}>
          <RosterView user={user} region={region} />
        </Suspense>
      </div>
    );
  }
  if (planning && meta) {
    return (
      <div className="shell planner-shell">
        <TopBar meta={meta} user={user} />
        <PlannerView communityCode={planning} meta={meta} user={user} />
      </div>
    );
  }
  return (
    <div className={'shell' + (panelOpen ? '' : ' panel-closed') + (presenting ? ' presenting' : '')}>
      <TopBar meta={meta} user={user} />
      <aside id="side-panel" className="side-panel" hidden={!panelOpen}>
        {index && region && data.status === 'ready' && <RegionPicker index={index} region={region} synthetic={data.synthetic} />}
        {region && <RegionFigures region={region} />}
        {region && (user.permissions.includes('dashboard.read') || user.permissions.includes('analytics.read')) && (
          <AddToBriefing
            capture={captureDistrict}
            defaultTitle={`${region.name} · ${t('briefing.districtSlide')}`}
            canEdit={user.permissions.includes('briefings.edit') && mapLive}
          />
        )}
        {region?.level === 'community' && <NoticeBoardsButton user={user} code={region.code} />}
        {region && <ServiceHoursSettings user={user} region={region} />}
        {canPlan && (
          <button type="button" className="plan-button" data-testid="open-planner" onClick={() => plannerCommunityStore.set(region.code)}>
            {t('planner.open')}
          </button>
        )}
        {region && <StaffPanel user={user} region={region} />}
        {/* Before the first district there are no layers to switch: the first-run panel says what to do. */}
        {data.status !== 'empty' && <LayerList />}
        {district && <BasemapSwitch user={user} district={district} />}
        {region && meta && (
          <MonthlyReport user={user} region={region} referenceDate={meta.referenceDate ?? new Date().toISOString().slice(0, 10)} />
        )}
        {district && <DistrictExports user={user} district={district} />}
        {canImport && index && index.districts.length > 0 && (
          <button type="button" className="link-button" onClick={() => setImporting(true)} data-testid="open-import">
            {t('import.open')}
          </button>
        )}
        {meta && <LoadLegend profile={meta.ruleProfile} />}
      </aside>
      <main className="map-area">
        {meta && district && region ? (
          // A district of its own: a new map, its district-wide layers fetched afresh.
          <MapView key={district.code} meta={meta} district={district} region={region} onError={onMapError} onController={onController} />
        ) : data.status === 'empty' ? (
          <FirstRunPanel user={user} onStart={() => setImporting(true)} />
        ) : (
          <div className="map-placeholder">{data.status === 'loading' ? t('app.loading') : null}</div>
        )}
        {wizard}
        <GridCard user={user} />
        <BriefingsPanel />
        {meta && (
          <BriefingPresenter
            map="district"
            restoreCamera={null}
            legend={(view) => (view.map === 'district' && view.layers.includes('grids') ? <LoadLegend profile={meta.ruleProfile} /> : null)}
            referenceDate={meta.referenceDate ?? new Date().toISOString().slice(0, 10)}
          />
        )}
        {error && (
          <div className="toast" role="alert" data-testid="error-toast">
            {errorText(t, error)}
          </div>
        )}
      </main>
    </div>
  );
}
