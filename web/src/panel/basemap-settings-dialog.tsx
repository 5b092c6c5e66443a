import { useEffect, useState, type FormEvent } from 'react';
import type { Region } from '@gridatlas/api/contract';
import { fetchBasemapFiles, saveBasemapSettings, uploadBasemapFile, type BasemapKind, type PmtilesFile } from '../api/basemap-api';
import { useI18n } from '../i18n/locale.store';
import { basemapStore, settingsSaved } from '../state/basemap.store';
import { useStore } from '../state/create-store';
import { basemapLabel } from './basemap-label';
import './basemap-panel.css';

const sizeText = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

const overlaps = (a: readonly number[], b: readonly number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

/** An admin's basemap settings for one district: the PMTiles file (pick or upload), Tianditu's key and review number, the default. */
export function BasemapSettingsDialog({ district, onClose }: { district: Region; onClose(): void }) {
  const { t } = useI18n();
  const { settings } = useStore(basemapStore);
  const [files, setFiles] = useState<{ configured: boolean; files: PmtilesFile[] } | null>(null);
  const [file, setFile] = useState(settings?.pmtiles?.file ?? '');
  const [attribution, setAttribution] = useState(settings?.pmtiles?.attribution ?? '');
  const [useTianditu, setUseTianditu] = useState(settings?.tianditu != null);
  const [key, setKey] = useState(settings?.tianditu?.key ?? '');
  const [review, setReview] = useState(settings?.tianditu?.reviewNumber ?? '');
  const [defaultKind, setDefaultKind] = useState<BasemapKind>(settings?.defaultBasemap ?? 'offline');
  const [upload, setUpload] = useState<{ name: string; share: number } | { done: string } | null>(null);
  const [state, setState] = useState<{ status: 'idle' | 'saving' | 'saved' } | { status: 'error'; message: string }>({ status: 'idle' });

  const refreshFiles = () =>
    fetchBasemapFiles().then(setFiles, (error: unknown) => setState({ status: 'error', message: (error as Error).message }));
  useEffect(() => void refreshFiles(), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const kinds: BasemapKind[] = [
    'offline',
    ...(file ? (['pmtiles'] as const) : []),
    ...(useTianditu ? (['tianditu-vector', 'tianditu-imagery'] as const) : []),
  ];
  const effectiveDefault = kinds.includes(defaultKind) ? defaultKind : 'offline';
  const chosen = files?.files.find((f) => f.name === file);

  const onUpload = async (picked: File | undefined) => {
    if (!picked) return;
    const name = picked.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[^A-Za-z0-9]+/, '');
    setUpload({ name, share: 0 });
    try {
      await uploadBasemapFile(picked, name, (share) => setUpload({ name, share }));
      setUpload({ done: name });
      await refreshFiles();
      setFile(name);
    } catch (error) {
      setUpload(null);
      setState({ status: 'error', message: (error as Error).message });
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ status: 'saving' });
    try {
      const saved = await saveBasemapSettings({
        districtCode: district.code,
        defaultBasemap: effectiveDefault,
        pmtiles: file ? { file, ...(attribution.trim() ? { attribution: attribution.trim() } : {}) } : null,
        tianditu: useTianditu ? { key: key.trim(), reviewNumber: review.trim() } : null,
      });
      settingsSaved(saved);
      setState({ status: 'saved' });
    } catch (error) {
      setState({ status: 'error', message: t('basemap.settings.failed', { message: (error as Error).message }) });
    }
  };

  return (
    <div className="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <form
        className="dialog basemap-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="basemap-dialog-title"
        onSubmit={onSubmit}
        data-testid="basemap-dialog"
      >
        <h2 id="basemap-dialog-title">{t('basemap.settings.title', { district: district.name })}</h2>
        <p className="dialog-intro">{t('basemap.settings.intro')}</p>

        <fieldset>
          <legend>{t('basemap.settings.pmtiles')}</legend>
          {files && !files.configured && <p className="dialog-warning">{t('basemap.settings.pmtilesFolderMissing')}</p>}
          {files?.configured && files.files.length === 0 && <p className="dialog-hint">{t('basemap.settings.pmtilesEmpty')}</p>}
          {files?.configured && (
            <>
              <select value={file} onChange={(e) => setFile(e.target.value)} data-testid="basemap-file">
                <option value="">{t('basemap.settings.pmtilesNone')}</option>
                {files.files.map((f) => (
                  <option key={f.name} value={f.name}>
                    {f.name}
                  </option>
                ))}
              </select>
              {chosen && (
                <p className="dialog-hint">
                  {t('basemap.settings.fileInfo', {
                    size: sizeText(chosen.sizeBytes),
                    min: chosen.minZoom,
                    max: chosen.maxZoom,
                    type: chosen.tileType,
                  })}
                  {!overlaps(chosen.bounds, district.bbox) && (
                    <strong className="dialog-warning-inline"> · {t('basemap.settings.fileOutside')}</strong>
                  )}
                </p>
              )}
              {file && (
                <label className="dialog-field">
                  <span>{t('basemap.settings.attribution')}</span>
                  <input
                    value={attribution}
                    onChange={(e) => setAttribution(e.target.value)}
                    placeholder="© OpenStreetMap contributors"
                    maxLength={200}
                  />
                </label>
              )}
              <label className="dialog-field">
                <span>{t('basemap.settings.upload')}</span>
                <input
                  type="file"
                  accept=".pmtiles"
                  onChange={(e) => void onUpload(e.target.files?.[0])}
                  disabled={upload !== null && 'share' in upload}
                  data-testid="basemap-upload"
                />
              </label>
              {upload && 'share' in upload && (
                <p className="dialog-hint">
                  {t('basemap.settings.uploading', { name: upload.name, percent: Math.round(upload.share * 100) })}
                  <progress max={1} value={upload.share} />
                </p>
              )}
              {upload && 'done' in upload && <p className="dialog-hint">{t('basemap.settings.uploaded', { name: upload.done })}</p>}
            </>
          )}
        </fieldset>

        <fieldset>
          <legend>{t('basemap.settings.tianditu')}</legend>
          <label className="dialog-check">
            <input
              type="checkbox"
              checked={useTianditu}
              onChange={(e) => setUseTianditu(e.target.checked)}
              data-testid="basemap-tianditu"
            />
            {t('basemap.settings.tiandituUse')}
          </label>
          {useTianditu && (
            <>
              <label className="dialog-field">
                <span>{t('basemap.settings.key')}</span>
                <input
                  value={key}
                  onChange={(e) => setKey(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  required
                  data-testid="basemap-key"
                />
              </label>
              <p className="dialog-hint">{t('basemap.settings.keyHint')}</p>
              <label className="dialog-field">
                <span>{t('basemap.settings.review')}</span>
                <input
                  value={review}
                  onChange={(e) => setReview(e.target.value)}
                  placeholder="GS(2024)1234号"
                  required
                  data-testid="basemap-review"
                />
              </label>
              <p className="dialog-hint">{t('basemap.settings.reviewHint')}</p>
            </>
          )}
        </fieldset>

        <label className="dialog-field">
          <span>{t('basemap.settings.default')}</span>
          <select value={effectiveDefault} onChange={(e) => setDefaultKind(e.target.value as BasemapKind)} data-testid="basemap-default">
            {kinds.map((k) => (
              <option key={k} value={k}>
                {basemapLabel(t, k, file)}
              </option>
            ))}
          </select>
        </label>

        {state.status === 'error' && (
          <p className="dialog-error" role="alert" data-testid="basemap-dialog-error">
            {state.message}
          </p>
        )}
        <div className="dialog-buttons">
          {state.status === 'saved' && <span className="dialog-saved">{t('basemap.settings.saved')}</span>}
          <button type="button" onClick={onClose}>
            {t('basemap.settings.cancel')}
          </button>
          <button type="submit" className="primary" disabled={state.status === 'saving'} data-testid="basemap-save">
            {state.status === 'saving' ? t('basemap.settings.saving') : t('basemap.settings.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
