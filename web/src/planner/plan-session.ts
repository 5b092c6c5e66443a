/**
 * Opening, saving and moving a plan through its workflow: the glue between the plan routes
 * and the draft store. Save is version-aware: a 409 says what changed since, a 422 lists
 * the problems that block the save.
 */
import { ApiError } from '../api/api-client';
import type { Translate } from '../i18n/locale.store';
import { draftStore, loadDraft, markSaved, type DraftGrid, type DraftGrids } from './draft.store';
import type { PlanConflictDetail, GridProblemsDetail, PlanGridCollection, PlanRecord } from '@gridatlas/api/contract';
import { createPlan, fetchPlan, listPlans, saveGrids, transitionPlan, type SaveGridsCollection, type Transition } from './plan-api';
import { messageStore, openPlanStore, selectionStore } from './planner.store';

export function draftFromCollection(grids: PlanGridCollection): DraftGrid[] {
  return grids.features.map((f, i) => {
    const code = f.properties.code ?? null;
    return {
      key: code ?? `saved-${i}`,
      code,
      name: f.properties.name ?? '',
      type: f.properties.type ?? 'comprehensive',
      communityCode: f.properties.communityCode,
      zoneCode: f.properties.zoneCode ?? null,
      geometry: f.geometry as unknown as DraftGrid['geometry'],
    };
  });
}

/** The draft as the save route takes it: coordinates to 6 decimals, no code for a new grid. */
export function collectionFromDraft(grids: DraftGrids): SaveGridsCollection {
  const r = (n: number) => Math.round(n * 1e6) / 1e6;
  const ring = (ps: number[][]) => ps.map((p) => [r(p[0]!), r(p[1]!)]);
  return {
    type: 'FeatureCollection',
    features: grids.map((g) => ({
      type: 'Feature',
      geometry:
        g.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: g.geometry.coordinates.map(ring) }
          : { type: 'MultiPolygon', coordinates: g.geometry.coordinates.map((p) => p.map(ring)) },
      properties: { ...(g.code ? { code: g.code } : {}), name: g.name, type: g.type, communityCode: g.communityCode, zoneCode: g.zoneCode },
    })),
  };
}

export async function openPlan(id: number): Promise<void> {
  const detail = await fetchPlan(id);
  openPlanStore.set(detail.plan);
  loadDraft(draftFromCollection(detail.grids));
  selectionStore.set([]);
}

/** The newest draft of the community, or a new one copied from the grids in force. */
export async function openLatestDraft(communityCode: string, t: Translate): Promise<PlanRecord[]> {
  let plans = await listPlans(communityCode);
  let draft = plans.find((p) => p.status === 'draft' && p.regionCode === communityCode);
  if (!draft) {
    draft = await createPlan(communityCode, t('planner.defaultName', { date: new Date().toISOString().slice(0, 10) }));
    plans = [draft, ...plans];
  }
  await openPlan(draft.id);
  return plans;
}

export async function saveDraft(t: Translate): Promise<boolean> {
  const plan = openPlanStore.get();
  if (!plan) return false;
  const grids = draftStore.get().grids;
  try {
    const result = await saveGrids(plan.id, plan.version, collectionFromDraft(grids));
    openPlanStore.set(result.plan);
    // New grids now carry their provisional codes; keys stay so selection and history hold.
    markSaved(grids.map((g, i) => (result.codes[i] && result.codes[i] !== g.code ? { ...g, code: result.codes[i]! } : g)));
    messageStore.set({ kind: 'info', text: t('planner.saved', { version: result.plan.version }) });
    return true;
  } catch (error) {
    messageStore.set(saveError(error, t));
    return false;
  }
}

function saveError(error: unknown, t: Translate) {
  if (error instanceof ApiError && error.status === 409) {
    // A stale save lists the saves since and the net change of codes; a stale transition only
    // the current version; a step from the wrong state the status (PlanConflictDetail).
    const d = (error.details ?? {}) as PlanConflictDetail;
    const since = [
      ...('since' in d ? d.since : []).map((r) => `v${r.version} · ${r.savedBy} · ${new Date(r.savedAt).toLocaleString()}`),
      ...('since' in d ? d.added : []).map((c) => `+ ${c}`),
      ...('since' in d ? d.removed : []).map((c) => `− ${c}`),
    ];
    return { kind: 'conflict' as const, text: t('planner.conflict', { version: 'currentVersion' in d ? d.currentVersion : '?' }), since };
  }
  if (error instanceof ApiError && error.status === 422) {
    const d = (error.details ?? {}) as Partial<GridProblemsDetail>;
    return { kind: 'rejected' as const, text: t('planner.rejected'), problems: d.problems ?? [] };
  }
  return { kind: 'error' as const, text: error instanceof Error ? error.message : String(error) };
}

export async function movePlan(transition: Transition, t: Translate): Promise<void> {
  const plan = openPlanStore.get();
  if (!plan) return;
  try {
    const result = await transitionPlan(plan.id, transition, plan.version);
    openPlanStore.set(result.plan);
    if (transition === 'approve') await openPlan(plan.id);
    messageStore.set({ kind: 'info', text: t(`planner.done.${transition}`) });
  } catch (error) {
    messageStore.set(saveError(error, t));
  }
}
