/**
 * The service hours the notice boards post (issue 17), for an administrator (profiles.edit):
 * the district's text, or a community's own that overrides it, in Chinese and English. Shows
 * where the text in force comes from; saving writes `/api/service-hours` (audited there), and a
 * community's own text can be removed to fall back to the district's.
 */
import './service-hours.css';
import { useEffect, useState } from 'react';
import type { Region, ServiceHours, User } from '@gridatlas/api/contract';
import { getJson, requestJson } from '../api/api-client';
import { useI18n } from '../i18n/locale.store';

export function ServiceHoursSettings({ user, region }: { user: User; region: Region }) {
  const { t } = useI18n();
  const settable = region.level === 'district' || region.level === 'community';
  const entitled = user.permissions.includes('profiles.edit') && user.jurisdictions.some((j) => region.code.startsWith(j));
  const [hours, setHours] = useState<ServiceHours | null>(null);
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const show = (h: ServiceHours) => {
    setHours(h);
    setZh(h.effective.zh);
    setEn(h.effective.en);
  };
  useEffect(() => {
    if (!settable || !entitled) return;
    const abort = new AbortController();
    setMessage(null);
    getJson<ServiceHours>(`/api/service-hours?region=${region.code}`, abort.signal)
      .then(show)
      .catch((e: Error) => !abort.signal.aborted && setMessage({ ok: false, text: t('serviceHours.failed', { message: e.message }) }));
    return () => abort.abort();
  }, [region.code, settable, entitled, t]);
  if (!settable || !entitled || !hours) return null;

  const write = async (request: () => Promise<ServiceHours>) => {
    setBusy(true);
    setMessage(null);
    try {
      show(await request());
      setMessage({ ok: true, text: t('serviceHours.saved') });
    } catch (e) {
      setMessage({ ok: false, text: t('serviceHours.failed', { message: (e as Error).message }) });
    } finally {
      setBusy(false);
    }
  };
  const own = region.level === 'district' ? hours.district : hours.community;
  const changed = zh.trim() !== hours.effective.zh || en.trim() !== hours.effective.en;

  return (
    <details className="panel-section service-hours" data-testid="service-hours">
      <summary>{t('serviceHours.title')}</summary>
      <p className="service-hours-hint" data-testid="service-hours-source">
        {t(`serviceHours.source.${hours.effective.source}`)} ·{' '}
        {t(region.level === 'district' ? 'serviceHours.districtHint' : 'serviceHours.communityHint')}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void write(() =>
            requestJson<ServiceHours>('/api/service-hours', { method: 'PUT', body: { region: region.code, zh: zh.trim(), en: en.trim() } }),
          );
        }}
      >
        <label>
          {t('serviceHours.zh')}
          <input data-testid="service-hours-zh" required maxLength={120} value={zh} onChange={(e) => setZh(e.target.value)} />
        </label>
        <label>
          {t('serviceHours.en')}
          <input data-testid="service-hours-en" required maxLength={120} value={en} onChange={(e) => setEn(e.target.value)} />
        </label>
        <div className="service-hours-buttons">
          <button type="submit" data-testid="service-hours-save" disabled={busy || !changed || !zh.trim() || !en.trim()}>
            {busy ? t('serviceHours.saving') : t('serviceHours.save')}
          </button>
          {own && (
            <button
              type="button"
              className="link-button"
              data-testid="service-hours-reset"
              disabled={busy}
              onClick={() => void write(() => requestJson<ServiceHours>(`/api/service-hours?region=${region.code}`, { method: 'DELETE' }))}
            >
              {t(region.level === 'district' ? 'serviceHours.resetDistrict' : 'serviceHours.reset')}
            </button>
          )}
        </div>
      </form>
      {message && (
        <p
          className={message.ok ? 'service-hours-hint' : 'service-hours-error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="service-hours-message"
        >
          {message.text}
        </p>
      )}
    </details>
  );
}
