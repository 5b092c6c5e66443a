/**
 * Editing one worker (or adding one): name, work phone, gender and birth year (roster editors
 * only), the community they belong to, and their assignments — a role of the model and the
 * one code its scope needs. Saving sends the fields, then the assignments, each naming the
 * version it edited; a 409 shows who changed the worker meanwhile.
 */
import { useState } from 'react';
import type { StaffModel, Worker } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { createWorker, replaceAssignments, updateWorker } from './staff-api';
import { assignmentInputs, draftsOf, roleName, sameDrafts, type AssignmentDraft } from './roster-model';

export interface WorkerEditorProps {
  model: StaffModel;
  /** null: a new worker of `regionCode`. */
  worker: Worker | null;
  regionCode: string;
  onSaved(worker: Worker): void;
  onClose(): void;
}

export function WorkerEditor({ model, worker, regionCode, onSaved, onClose }: WorkerEditorProps) {
  const { locale, t } = useI18n();
  const [name, setName] = useState(worker?.name ?? '');
  const [phone, setPhone] = useState(worker?.phone ?? '');
  const [gender, setGender] = useState<'' | 'F' | 'M'>(worker?.gender ?? '');
  const [birthYear, setBirthYear] = useState(worker?.birthYear ? String(worker.birthYear) : '');
  const [region, setRegion] = useState(worker?.regionCode ?? (regionCode.length >= 9 ? regionCode : ''));
  const [drafts, setDrafts] = useState<AssignmentDraft[]>(draftsOf(worker));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const placeholder = (role: string) => {
    const scope = model.roles.find((r) => r.key === role)?.scope ?? 'grid';
    return t(scope === 'grid' ? 'staff.gridCode' : scope === 'zone' ? 'staff.zoneCode' : 'staff.regionCode');
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const fields = {
        name: name.trim(),
        phone: phone.trim() || null,
        gender: gender || null,
        birthYear: birthYear ? Number(birthYear) : null,
      };
      let saved: Worker;
      if (!worker) {
        saved = await createWorker({ regionCode: region.trim(), ...fields, assignments: assignmentInputs(model, drafts) });
      } else {
        saved = worker;
        const changed =
          fields.name !== worker.name ||
          fields.phone !== worker.phone ||
          fields.gender !== (worker.gender ?? null) ||
          fields.birthYear !== (worker.birthYear ?? null) ||
          region !== worker.regionCode;
        if (changed)
          saved = await updateWorker(saved, { ...fields, ...(region !== worker.regionCode ? { regionCode: region.trim() } : {}) });
        if (!sameDrafts(drafts, draftsOf(worker))) saved = await replaceAssignments(saved, assignmentInputs(model, drafts));
      }
      onSaved(saved);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const toggleActive = async () => {
    if (!worker) return;
    if (worker.active && !window.confirm(t('staff.deactivateConfirm', { name: worker.name }))) return;
    setBusy(true);
    try {
      onSaved(await updateWorker(worker, { active: !worker.active }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div
      className="roster-dialog"
      role="dialog"
      aria-modal="true"
      aria-label={worker ? worker.name : t('staff.add')}
      data-testid="worker-editor"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{worker ? `${t('staff.edit')} · ${worker.name}` : t('staff.add')}</h2>
        <div className="roster-fields">
          <label>
            {t('staff.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={60} data-testid="worker-name" />
          </label>
          <label>
            {t('staff.phone')}
            <input value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={40} inputMode="tel" data-testid="worker-phone" />
          </label>
          <label>
            {t('staff.region')}
            <input
              value={region}
              onChange={(e) => setRegion(e.target.value)}
              required
              pattern="\d{9}(\d{3})?"
              data-testid="worker-region"
            />
          </label>
          <label title={t('staff.private')}>
            {t('staff.gender')} 🔒
            <select value={gender} onChange={(e) => setGender(e.target.value as '' | 'F' | 'M')}>
              <option value="">—</option>
              <option value="F">{t('staff.genderF')}</option>
              <option value="M">{t('staff.genderM')}</option>
            </select>
          </label>
          <label title={t('staff.private')}>
            {t('staff.birthYear')} 🔒
            <input value={birthYear} onChange={(e) => setBirthYear(e.target.value.replace(/\D/g, ''))} inputMode="numeric" maxLength={4} />
          </label>
        </div>
        <fieldset className="roster-assignments">
          <legend>{t('staff.assignments')}</legend>
          {drafts.map((d, i) => (
            <div key={i} className="roster-assignment">
              <select
                value={d.role}
                aria-label={t('staff.role')}
                onChange={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))}
              >
                {model.roles.map((r) => (
                  <option key={r.key} value={r.key}>
                    {roleName(model, r.key, locale)} · {t(`staff.scope.${r.scope}`)}
                  </option>
                ))}
              </select>
              <input
                value={d.code}
                placeholder={placeholder(d.role)}
                aria-label={placeholder(d.role)}
                data-testid={`assignment-code-${i}`}
                onChange={(e) => setDrafts(drafts.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)))}
              />
              <button type="button" className="link-button" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                {t('staff.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="link-button"
            data-testid="add-assignment"
            onClick={() => setDrafts([...drafts, { role: model.roles[0]?.key ?? '', code: '' }])}
          >
            {t('staff.addAssignment')}
          </button>
        </fieldset>
        {error && (
          <p className="form-error" role="alert" data-testid="worker-error">
            {error}
          </p>
        )}
        <div className="roster-dialog-buttons">
          {worker && (
            <button type="button" onClick={() => void toggleActive()} disabled={busy} data-testid="toggle-active">
              {worker.active ? t('staff.deactivate') : t('staff.reactivate')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={busy}>
            {t('staff.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy} data-testid="worker-save">
            {busy ? t('staff.saving') : t('staff.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
