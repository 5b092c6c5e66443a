/** The dispatch dialog: to a department (the category's usual one suggested) or to the grid's staff. */
import { useEffect, useState } from 'react';
import type { IncidentDetail, IncidentOptions } from '@gridatlas/api/contract';
import { errorText } from '../panel/error-text';
import { useI18n } from '../i18n/locale.store';
import { fetchIncidentOptions } from './incidents-api';

export interface DispatchChoice {
  department?: number;
  staff?: number;
}

export function DispatchDialog({
  incident,
  onConfirm,
  onCancel,
}: {
  incident: IncidentDetail;
  onConfirm: (choice: DispatchChoice) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const [options, setOptions] = useState<IncidentOptions | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [kind, setKind] = useState<'department' | 'staff'>('department');
  const [choice, setChoice] = useState<number | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentOptions(incident.communityCode ?? incident.districtCode, incident.gridCode, abort.signal)
      .then((o) => {
        setOptions(o);
        const usual = o.categories.find((c) => c.category === incident.category)?.department;
        const suggested = o.departments.find((d) => d.name === usual);
        if (o.gridStaff.length > 0 && incident.channel === '网格员上报') {
          setKind('staff');
          setChoice(o.gridStaff[0]!.id);
        } else setChoice(suggested?.id ?? o.departments[0]?.id ?? null);
      })
      .catch((e: unknown) => abort.signal.aborted || setError(e));
    return () => abort.abort();
  }, [incident]);
  const category = options?.categories.find((c) => c.category === incident.category);
  // The category's usual department first, when the district has it.
  const suggested = options?.departments.find((d) => d.name === category?.department) ?? options?.departments[0];
  const list = kind === 'department' ? (options?.departments ?? []) : (options?.gridStaff ?? []);
  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal dispatch-dialog" role="dialog" aria-modal="true" aria-labelledby="dispatch-title" data-testid="dispatch-dialog">
        <h2 id="dispatch-title">{t('incidents.dispatchTitle', { code: incident.code })}</h2>
        {category && (
          <p className="muted">
            {incident.category} · {t('incidents.deadlineHours', { h: category.deadlineHours })}
            {category.department ? ` · ${t('incidents.suggested', { name: category.department })}` : ''}
          </p>
        )}
        {error !== null && <p className="error">{errorText(t, error as Error)}</p>}
        <div className="segmented" role="radiogroup">
          {(['department', 'staff'] as const).map((k) => (
            <label key={k} className={kind === k ? 'active' : ''}>
              <input
                type="radio"
                name="dispatch-kind"
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  const first = k === 'department' ? suggested : options?.gridStaff[0];
                  setChoice(first?.id ?? null);
                }}
              />
              <span data-testid={`dispatch-kind-${k}`}>{k === 'department' ? t('incidents.toDepartment') : t('incidents.toStaff')}</span>
            </label>
          ))}
        </div>
        {kind === 'staff' && options && options.gridStaff.length === 0 ? (
          <p className="muted">{t('incidents.noGridStaff')}</p>
        ) : (
          <select
            className="dispatch-target"
            data-testid="dispatch-target"
            value={choice ?? ''}
            onChange={(e) => setChoice(Number(e.target.value))}
            size={Math.min(8, Math.max(3, list.length))}
          >
            {list.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
                {'role' in o && o.role ? ` · ${(locale === 'zh' ? o.roleZh : o.roleEn) ?? o.role}` : ''}
              </option>
            ))}
          </select>
        )}
        <div className="modal-actions">
          <button type="button" onClick={onCancel}>
            {t('incidents.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="dispatch-confirm"
            disabled={choice === null}
            onClick={() => choice !== null && onConfirm(kind === 'department' ? { department: choice } : { staff: choice })}
          >
            {t('incidents.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
