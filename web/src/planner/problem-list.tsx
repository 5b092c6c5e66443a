import type { PlanProblem } from '@gridatlas/core';
import { useI18n, type Translate } from '../i18n/locale.store';
import { useStore } from '../state/create-store';
import { draftStore } from './draft.store';
import { gridTag } from './grid-label';
import { problemLabelKey, unitsCountKey } from './problem-label';
import { cameraRequestStore, focusLocationStore, focusStore } from './planner.store';

/**
 * The draft's problems, errors first; a click flies the map there and outlines the grids
 * involved. Dedicated grids (专属网格) follow as notes: outside the size rule (core's
 * `exempt` status), so neither "too small" nor silently missing.
 */
export function ProblemList({ problems, exempt = [] }: { problems: readonly PlanProblem[]; exempt?: readonly string[] }) {
  const { t } = useI18n();
  const { grids } = useStore(draftStore);
  const byKey = new Map(grids.map((g) => [g.key, g]));
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const tag = (k: string): string => (byKey.get(k) ? gridTag(byKey.get(k)!, t) : k);
  const notes = exempt.map((key) => (
    <li key={`exempt-${key}`} data-kind="size_exempt" className="problem-info">
      <button type="button" onClick={() => focusStore.set([key])}>
        <span className="problem-kind">{t('grid.type.dedicated')}</span> {tag(key)} · {t('grid.status.exempt')}
      </button>
    </li>
  ));
  if (sorted.length === 0) {
    return (
      <>
        <p className="planner-ok" data-testid="no-problems">
          {t('planner.noProblems')}
        </p>
        {notes.length > 0 && (
          <ul className="planner-problems" data-testid="planner-notes">
            {notes}
          </ul>
        )}
      </>
    );
  }
  return (
    <ul className="planner-problems" data-testid="planner-problems">
      {notes}
      {sorted.map((p, i) => (
        <li key={i} data-kind={p.kind} className={`problem-${p.severity}`}>
          <button type="button" onClick={() => focusProblem(p)} title={p.message}>
            <span className="problem-kind">{t(problemLabelKey(p))}</span> {problemText(p, t, tag)}
          </button>
        </li>
      ))}
    </ul>
  );
}

function problemText(p: PlanProblem, t: Translate, tag: (key: string) => string): string {
  const grids = p.grids.map(tag).join('、');
  const area = p.areaM2 !== undefined ? ` · ${Math.round(p.areaM2)} m²` : '';
  const units = p.units?.length ? ` · ${t(unitsCountKey(p), { n: p.units.length })}` : '';
  return `${grids}${area}${units}`;
}

/** Outlines the problem's grids, rings its place and asks the planner map to fly there. */
function focusProblem(p: PlanProblem): void {
  focusStore.set(p.grids);
  focusLocationStore.set(p.location ?? null);
  if (p.location) cameraRequestStore.set({ center: p.location, minZoom: 17 });
}
