/**
 * Mounts the planner's map: one `PlannerMapController` per community, created on mount and
 * destroyed on unmount. The controller follows the stores itself (planner-map.controller.ts);
 * this component only hands it the container, the community's data and the stores.
 */
import { useEffect, useRef } from 'react';
import type { Meta } from '@gridatlas/api/contract';
import { localeStore, useI18n } from '../i18n/locale.store';
import { autoPlanStore } from './auto-plan.store';
import { applyEdit, draftStore } from './draft.store';
import type { PlannerContext } from './plan-analysis';
import type { PlannerData } from './planner-data';
import { PlannerMapController, type PlannerEditSinks, type PlannerMapStores } from './planner-map.controller';
import {
  cameraRequestStore,
  focusLocationStore,
  focusStore,
  liveMetricsStore,
  selectGrid,
  selectionStore,
  toolStore,
} from './planner.store';
import { runEdit } from './run-edit';

const STORES: PlannerMapStores = {
  draft: draftStore,
  tool: toolStore,
  selection: selectionStore,
  focus: focusStore,
  focusLocation: focusLocationStore,
  camera: cameraRequestStore,
  autoPlan: autoPlanStore,
  liveMetrics: liveMetricsStore,
  locale: localeStore,
};
const EDITS: PlannerEditSinks = { run: (result) => void runEdit(result), apply: applyEdit, selectGrid };

export function PlannerMap({ meta, data, ctx }: { meta: Meta; data: PlannerData; ctx: PlannerContext }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { t } = useI18n();

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const controller = new PlannerMapController({
      container,
      data,
      ctx,
      underFillRatio: meta.ruleProfile.underFillRatio,
      stores: STORES,
      edits: EDITS,
    });
    return () => controller.destroy();
    // One controller per community (the view remounts this for another one); it follows the stores itself.
  }, []);

  return <div ref={containerRef} className="map" data-testid="map" role="region" aria-label={t('planner.title')} />;
}
