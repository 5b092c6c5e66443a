/**
 * The staffing-model screen of the roster (issue 18): every reader sees the district's model and
 * the others it may use; a district admin (`staff.edit` over the whole district) copies a
 * built-in model, edits the district's copies — roles added, renamed, scopes, required or not,
 * per-worker limits (grids, households) — and chooses the district's model. The server checks
 * everything (versions, held roles); its message is shown as it comes.
 */
import { useEffect, useState } from 'react';
import type { DistrictStaffModels, StaffModelRoleInput, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { chooseStaffModel, copyStaffModel, editStaffModel, fetchStaffModels } from './staff-api';

const SCOPES = ['grid', 'zone', 'community'] as const;
const limitOf = (v: string): number | null => (v.trim() === '' ? null : Number(v));

export function ModelEditor({ user, region, onClose, onChanged }: { user: User; region: string; onClose(): void; onChanged(): void }) {
  const { locale, t } = useI18n();
  const district = region.slice(0, 6);
  const mayEdit = user.permissions.includes('staff.edit') && user.jurisdictions.some((j) => district.startsWith(j));
  const [data, setData] = useState<DistrictStaffModels | null>(null);
  const [key, setKey] = useState<string>('');
  const [roles, setRoles] = useState<StaffModelRoleInput[]>([]);
  const [names, setNames] = useState({ zh: '', en: '' });
  const [copyKey, setCopyKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (d: DistrictStaffModels, k: string) => {
    setData(d);
    const m = d.models.find((x) => x.key === k) ?? d.models[0];
    if (!m) return;
    setKey(m.key);
    setRoles(m.roles.map((r) => ({ ...r })));
    setNames({ zh: m.zh, en: m.en });
    // A free key for a copy: the model's key without an earlier copy's suffix, then the district (and a number when taken).
    const stem = `${m.key.replace(new RegExp(`_${district}(_\\d+)?$`), '').slice(0, 28)}_${district}`;
    let free = stem;
    for (let n = 2; d.models.some((x) => x.key === free); n++) free = `${stem}_${n}`;
    setCopyKey(free);
  };
  useEffect(() => {
    const abort = new AbortController();
    fetchStaffModels(region, abort.signal)
      .then((d) => show(d, d.chosen))
      .catch((e: unknown) => !abort.signal.aborted && setError(String((e as Error).message ?? e)));
    return () => abort.abort();
    // `show` only sets state.
  }, [region]);

  const model = data?.models.find((m) => m.key === key);
  const editable = mayEdit && model?.ownerDistrict === district;
  const run = async (write: () => Promise<DistrictStaffModels>, next: string) => {
    setBusy(true);
    setError(null);
    try {
      show(await write(), next);
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const patch = (i: number, change: Partial<StaffModelRoleInput>) => setRoles(roles.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <div className="roster-dialog" role="dialog" aria-modal="true" aria-label={t('staff.models')} data-testid="model-editor">
      <form
        className="model-editor"
        onSubmit={(e) => {
          e.preventDefault();
          if (model && editable)
            void run(() => editStaffModel(model.key, { district, version: model.version, zh: names.zh, en: names.en, roles }), model.key);
        }}
      >
        <h2>{t('staff.models')}</h2>
        {data && (
          <div className="model-pick">
            <label>
              {t('staff.modelShown')}
              <select value={key} onChange={(e) => show(data, e.target.value)} data-testid="model-select">
                {data.models.map((m) => (
                  <option key={m.key} value={m.key}>
                    {locale === 'zh' ? m.zh : m.en}
                    {m.key === data.chosen ? ` · ${t('staff.modelChosen')}` : ''}
                    {m.ownerDistrict === null ? ` · ${t('staff.modelBuiltIn')}` : ''}
                  </option>
                ))}
              </select>
            </label>
            {model && (
              <span className="dialog-hint">
                <code>{model.key}</code> · v{model.version}
                {model.updatedBy ? ` · ${t('staff.modelEditedBy', { who: model.updatedBy })}` : ''}
              </span>
            )}
          </div>
        )}
        {model && editable && (
          <div className="roster-fields">
            <label>
              {t('staff.modelNameZh')}
              <input value={names.zh} maxLength={40} required onChange={(e) => setNames({ ...names, zh: e.target.value })} />
            </label>
            <label>
              {t('staff.modelNameEn')}
              <input value={names.en} maxLength={40} required onChange={(e) => setNames({ ...names, en: e.target.value })} />
            </label>
          </div>
        )}
        {model && (
          <table className="roster-table model-roles" data-testid="model-roles">
            <thead>
              <tr>
                <th>{t('staff.roleKey')}</th>
                <th>{t('staff.roleZh')}</th>
                <th>{t('staff.roleEn')}</th>
                <th>{t('staff.roleScope')}</th>
                <th>{t('staff.roleRequired')}</th>
                <th>{t('staff.roleMaxGrids')}</th>
                <th>{t('staff.roleMaxHouseholds')}</th>
                <th>{t('staff.roleHolders')}</th>
                {editable && <th />}
              </tr>
            </thead>
            <tbody>
              {roles.map((r, i) => {
                const held = data?.holders[r.key] ?? 0;
                const saved = model.roles.some((x) => x.key === r.key);
                return editable ? (
                  <tr key={i} data-testid="model-role">
                    <td>
                      {saved ? (
                        <code>{r.key}</code>
                      ) : (
                        <input
                          value={r.key}
                          size={12}
                          required
                          pattern="[a-z][a-z0-9_]{0,39}"
                          onChange={(e) => patch(i, { key: e.target.value })}
                        />
                      )}
                    </td>
                    <td>
                      <input value={r.zh} size={8} maxLength={40} required onChange={(e) => patch(i, { zh: e.target.value })} />
                    </td>
                    <td>
                      <input value={r.en} size={12} maxLength={40} required onChange={(e) => patch(i, { en: e.target.value })} />
                    </td>
                    <td>
                      <select
                        value={r.scope}
                        disabled={saved && held > 0}
                        onChange={(e) => patch(i, { scope: e.target.value as StaffModelRoleInput['scope'] })}
                      >
                        {SCOPES.map((s) => (
                          <option key={s} value={s}>
                            {t(`staff.scope.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input type="checkbox" checked={r.required} onChange={(e) => patch(i, { required: e.target.checked })} />
                    </td>
                    <td>
                      <input
                        type="number"
                        min={1}
                        size={4}
                        value={r.maxGrids ?? ''}
                        placeholder="—"
                        onChange={(e) => patch(i, { maxGrids: limitOf(e.target.value) })}
                      />
                    </td>
                    <td>
                      <input
                        type="number"
                        min={1}
                        size={6}
                        value={r.maxHouseholds ?? ''}
                        placeholder="—"
                        onChange={(e) => patch(i, { maxHouseholds: limitOf(e.target.value) })}
                      />
                    </td>
                    <td>{held}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        disabled={saved && held > 0}
                        title={saved && held > 0 ? t('staff.roleHeld', { n: held }) : undefined}
                        onClick={() => setRoles(roles.filter((_, j) => j !== i))}
                      >
                        {t('staff.roleRemove')}
                      </button>
                    </td>
                  </tr>
                ) : (
                  <tr key={r.key} data-testid="model-role">
                    <td>
                      <code>{r.key}</code>
                    </td>
                    <td>{r.zh}</td>
                    <td>{r.en}</td>
                    <td>{t(`staff.scope.${r.scope}`)}</td>
                    <td>{r.required ? '✓' : '—'}</td>
                    <td>{r.maxGrids ?? '—'}</td>
                    <td>{r.maxHouseholds?.toLocaleString() ?? '—'}</td>
                    <td>{held}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {model && editable && (
          <button
            type="button"
            className="link-button"
            onClick={() =>
              setRoles([...roles, { key: '', zh: '', en: '', scope: 'grid', required: false, maxGrids: null, maxHouseholds: null }])
            }
            data-testid="model-add-role"
          >
            {t('staff.roleAdd')}
          </button>
        )}
        {model && mayEdit && !editable && <p className="dialog-hint">{model.ownerDistrict === null ? t('staff.modelBuiltInHint') : ''}</p>}
        {error && (
          <p className="form-error" role="alert" data-testid="model-error">
            {error}
          </p>
        )}
        <div className="roster-dialog-buttons">
          <button type="button" onClick={onClose} data-testid="model-close">
            {t('staff.close')}
          </button>
          <span className="spacer" />
          {model && mayEdit && (
            <>
              <input
                value={copyKey}
                size={16}
                aria-label={t('staff.copyKey')}
                title={t('staff.copyKey')}
                onChange={(e) => setCopyKey(e.target.value)}
              />
              <button
                type="button"
                disabled={busy}
                data-testid="model-copy"
                onClick={() =>
                  void run(
                    () =>
                      copyStaffModel({
                        district,
                        from: model.key,
                        key: copyKey,
                        zh: `${model.zh}（${t('staff.copyOf')}）`,
                        en: `${model.en} (copy)`,
                      }),
                    copyKey,
                  )
                }
              >
                {t('staff.modelCopy')}
              </button>
              {data?.chosen !== model.key && (
                <button
                  type="button"
                  disabled={busy}
                  data-testid="model-choose"
                  onClick={() => void run(() => chooseStaffModel(district, model.key), model.key)}
                >
                  {t('staff.modelChoose')}
                </button>
              )}
            </>
          )}
          {editable && (
            <button type="submit" className="primary" disabled={busy} data-testid="model-save">
              {t('staff.save')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
