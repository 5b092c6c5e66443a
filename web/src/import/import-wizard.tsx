/**
 * The import wizard for admins: choose the layer and drop its file(s) → what was detected
 * (format, encoding, coordinate system and how each was found, a GCJ-02 suspicion) with
 * overrides, and the fields mapped over a preview of the first rows → a dry run whose report
 * and per-feature problems show on a map → the import written as a job with progress and
 * cancel → the final report and the layer on the map. Every step talks to /api/uploads,
 * /api/districts and /api/jobs; nothing is written before the last step.
 */
import { zipSync } from 'fflate';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import '../panel/basemap-panel.css';
import {
  cancelJob,
  createDistrict,
  followJob,
  importLayer,
  inspectUpload,
  uploadFeatures,
  uploadFile,
  type ImportLayer,
} from './import-api';
import type { Job, LayerInspection, LayerReport, ReadOptions, Upload, UploadFeatures } from '@gridatlas/api/contract';
import { guessFields, LAYER_FIELDS, type FieldOption } from './import-fields';
import { ImportPreviewMap } from './import-preview-map';
import { ImportReportView } from './import-report-view';
import './import-wizard.css';

const LAYERS: ImportLayer[] = [
  'district',
  'subdistricts',
  'communities',
  'buildings',
  'registry',
  'streets',
  'grids',
  'staff',
  'special-groups',
];
const CRS_CHOICES = [
  '',
  'wgs84',
  'cgcs2000',
  'gcj02',
  'bd09',
  'EPSG:4490',
  'EPSG:4545',
  'EPSG:4546',
  'EPSG:4547',
  'EPSG:4548',
  'EPSG:4549',
];

type Step = 'file' | 'fields' | 'check' | 'commit' | 'done';

/** Several files of one shapefile (.shp, .dbf, .shx, .prj, .cpg) travel as one zip. */
function bundle(files: File[]): Promise<{ blob: Blob; name: string }> {
  if (files.length === 1) return Promise.resolve({ blob: files[0]!, name: files[0]!.name });
  const base = files.find((f) => /\.shp$/i.test(f.name))?.name.replace(/\.shp$/i, '') ?? 'layer';
  return Promise.all(files.map(async (f) => [f.name, new Uint8Array(await f.arrayBuffer())] as const)).then((entries) => ({
    blob: new Blob([zipSync(Object.fromEntries(entries)) as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
    name: `${base}.zip`,
  }));
}

export interface ImportWizardProps {
  user: User;
  districts: readonly Region[];
  /** Start on this layer (the first-run panel starts on the district boundary). */
  initialLayer?: ImportLayer;
  initialDistrict?: string;
  onClose(): void;
  /** The import was written: show the district on the map. */
  onImported(districtCode: string): void;
}

export function ImportWizard({ user, districts, initialLayer = 'district', initialDistrict, onClose, onImported }: ImportWizardProps) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>('file');
  const [layer, setLayer] = useState<ImportLayer>(initialLayer);
  const [district, setDistrict] = useState(initialDistrict ?? districts[0]?.code ?? '');
  const [newName, setNewName] = useState('');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [read, setRead] = useState<ReadOptions>({});
  const [inspection, setInspection] = useState<LayerInspection | null>(null);
  const [fields, setFields] = useState<Partial<Record<FieldOption, string>>>({});
  const [estimate, setEstimate] = useState(false);
  const [allowRejected, setAllowRejected] = useState(false);
  const [features, setFeatures] = useState<UploadFeatures | null>(null);
  const [report, setReport] = useState<LayerReport | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<[number, number] | null>(null);
  // A district this wizard created: the shell's list predates it, yet the next layers go into it.
  const [created, setCreated] = useState<Region | null>(null);
  // The district something was written to: closing then shows it (its regions and figures changed).
  const [written, setWritten] = useState<string | null>(null);
  // One controller per followed job: an effect cleanup that ran once (a remount, a hidden
  // Suspense tree) must not leave a spent signal that fails every later run at once.
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const known = created && !districts.some((d) => d.code === created.code) ? [...districts, created] : districts;
  const close = () => (written ? onImported(written) : onClose());
  const layers = LAYERS.filter((l) => l !== 'special-groups' || user.permissions.includes('special_groups.import'));
  const districtCode = layer === 'district' ? district : district;
  const fail = (e: unknown) => {
    setBusy(false);
    setError((e as Error).message);
  };

  const inspect = async (u: Upload, options: ReadOptions) => {
    setBusy(true);
    setError(null);
    // The map and report of a previous file or reading must not stand for this one.
    setFeatures(null);
    setReport(null);
    setFocus(null);
    try {
      const found = await inspectUpload(u.id, options);
      setInspection(found);
      setFields(guessFields(layer, found.fields));
      setStep('fields');
      setBusy(false);
    } catch (e) {
      fail(e);
    }
  };

  const onFiles = async (list: FileList | null) => {
    if (!list?.length) return;
    setError(null);
    setBusy(true);
    try {
      const { blob, name } = await bundle([...list]);
      setProgress(0);
      const u = await uploadFile(blob, name, setProgress);
      setProgress(null);
      setUpload(u);
      setRead({});
      await inspect(u, {});
    } catch (e) {
      setProgress(null);
      fail(e);
    }
  };

  const body = (dryRun: boolean) => {
    const mapped = Object.fromEntries(Object.entries(fields).filter(([, v]) => v));
    const base = { uploadId: upload!.id, ...read, ...mapped, dryRun };
    if (layer === 'district') return { ...base, code: district, name: newName.trim() };
    return { ...base, layer, ...(layer === 'buildings' ? { estimateHouseholds: estimate } : {}), allowRejected };
  };

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const started = layer === 'district' ? await createDistrict(body(dryRun)) : await importLayer(districtCode, body(dryRun));
      setJob(started.job);
      if (!dryRun) setStep('commit');
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const end = await followJob(started.job.id, setJob, controller.signal);
      const result = (end.result ?? null) as LayerReport | null;
      if (result) setReport(result);
      setBusy(false);
      if (end.state === 'succeeded' && !dryRun && result?.written) {
        setWritten(districtCode);
        if (layer === 'district')
          setCreated({
            code: district,
            name: newName.trim(),
            level: 'district',
            parentCode: null,
            bbox: inspection?.bbox ?? [73, 18, 135, 54],
            households: 0,
            estimatedHouseholds: 0,
            persons: 0,
            buildings: 0,
            grids: 0,
          });
      }
      if (end.state === 'succeeded') setStep(dryRun ? 'check' : 'done');
      else if (end.state === 'cancelled') setError(t('import.cancelled'));
      else {
        setError(t('import.failed', { message: end.error?.message ?? end.state }));
        if (dryRun && result) setStep('check');
      }
      if (dryRun && !features) setFeatures(await uploadFeatures(upload!.id, read));
    } catch (e) {
      fail(e);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void onFiles(e.dataTransfer.files);
  };

  const gcj = inspection?.warnings.some((w) => /GCJ/i.test(w));
  const canCheck = layer !== 'district' || (/^\d{6}$/.test(district) && newName.trim() !== '');
  const steps: Step[] = ['file', 'fields', 'check', 'commit'];

  return (
    <div className="dialog-backdrop">
      <div
        className="dialog import-wizard"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-wizard"
        data-step={step}
      >
        <header className="import-header">
          <h2 id="import-title">{t('import.title')}</h2>
          <ol className="import-steps">
            {steps.map((s) => (
              <li key={s} aria-current={s === step || (s === 'commit' && step === 'done') ? 'step' : undefined}>
                {t(`import.step.${s === 'done' ? 'commit' : s}`)}
              </li>
            ))}
          </ol>
          <button type="button" className="icon-button" onClick={close} aria-label={t('import.close')} data-testid="import-close">
            ×
          </button>
        </header>

        {step === 'file' && (
          <section className="import-body">
            <label className="dialog-field">
              <span>{t('import.layer')}</span>
              <select value={layer} onChange={(e) => setLayer(e.target.value as ImportLayer)} data-testid="import-layer">
                {layers.map((l) => (
                  <option key={l} value={l}>
                    {t(`import.layer.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            {layer === 'district' ? (
              <>
                <label className="dialog-field">
                  <span>{t('import.districtCode')}</span>
                  <input
                    value={district}
                    onChange={(e) => setDistrict(e.target.value.trim())}
                    inputMode="numeric"
                    maxLength={6}
                    placeholder="420111"
                    data-testid="import-district-code"
                  />
                </label>
                <label className="dialog-field">
                  <span>{t('import.districtName')}</span>
                  <input
                    value={newName}
                    onChange={(e) => setNewName(e.target.value)}
                    placeholder="洪山区"
                    data-testid="import-district-name"
                  />
                </label>
              </>
            ) : (
              <label className="dialog-field">
                <span>{t('import.district')}</span>
                <select value={district} onChange={(e) => setDistrict(e.target.value)} data-testid="import-district">
                  {known.map((d) => (
                    <option key={d.code} value={d.code}>
                      {d.name} ({d.code})
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="import-drop" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="import-drop">
              <input type="file" multiple onChange={(e) => void onFiles(e.target.files)} disabled={busy} data-testid="import-file" />
              <strong>{t('import.drop')}</strong>
              <span>{t('import.dropHint')}</span>
              {progress !== null && (
                <span>
                  {t('import.uploading', { name: '', percent: Math.round(progress * 100) })}
                  <progress max={1} value={progress} />
                </span>
              )}
              {busy && progress === null && <span>{t('import.reading')}</span>}
            </label>
          </section>
        )}

        {step === 'fields' && inspection && upload && (
          <section className="import-body">
            <h3>{t('import.detected')}</h3>
            <dl className="import-detected" data-testid="import-detected">
              <div>
                <dt>{t('import.format')}</dt>
                <dd>
                  {inspection.format} · {t('import.features', { n: inspection.featureCount.toLocaleString() })}
                </dd>
              </div>
              <div>
                <dt>{t('import.encoding')}</dt>
                <dd>
                  {inspection.encoding.name} <small>{t('import.how', { how: inspection.encoding.how })}</small>
                  <select
                    value={read.encoding ?? ''}
                    onChange={(e) => setRead({ ...read, encoding: e.target.value || undefined })}
                    data-testid="import-encoding"
                  >
                    <option value="">{t('import.auto')}</option>
                    <option value="utf-8">UTF-8</option>
                    <option value="gbk">GBK</option>
                  </select>
                </dd>
              </div>
              <div>
                <dt>{t('import.crs')}</dt>
                <dd>
                  {inspection.crs.name} <small>{t('import.how', { how: inspection.crs.how })}</small>
                  <select
                    value={read.crs ?? ''}
                    onChange={(e) => setRead({ ...read, crs: e.target.value || undefined })}
                    data-testid="import-crs"
                  >
                    {CRS_CHOICES.map((c) => (
                      <option key={c} value={c}>
                        {c || t('import.auto')}
                      </option>
                    ))}
                  </select>
                </dd>
              </div>
            </dl>
            {(read.crs !== undefined || read.encoding !== undefined) && (
              <button type="button" className="link-button" onClick={() => void inspect(upload, read)} data-testid="import-reinspect">
                {t('import.override')}
              </button>
            )}
            {gcj && <p className="dialog-warning">{t('import.gcj02')}</p>}
            {inspection.warnings.map((w) => (
              <p key={w} className="dialog-warning">
                {w}
              </p>
            ))}
            <h3>{t('import.fields')}</h3>
            <div className="import-fields">
              {LAYER_FIELDS[layer].map((option) => (
                <label key={option} className="dialog-field">
                  <span>{t(`import.field.${option}`)}</span>
                  <select
                    value={fields[option] ?? ''}
                    onChange={(e) => setFields({ ...fields, [option]: e.target.value || undefined })}
                    data-testid={`import-${option}`}
                  >
                    <option value="">{t('import.field.none')}</option>
                    {inspection.fields.map((f) => (
                      <option key={f} value={f}>
                        {f}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
              {layer === 'buildings' && (
                <label className="dialog-check">
                  <input type="checkbox" checked={estimate} onChange={(e) => setEstimate(e.target.checked)} data-testid="import-estimate" />
                  {t('import.estimate')}
                </label>
              )}
            </div>
            <h3>{t('import.preview', { n: inspection.preview.length })}</h3>
            <div className="import-preview">
              <table className="import-table" data-testid="import-preview">
                <thead>
                  <tr>
                    {inspection.fields.map((f) => (
                      <th key={f} className={Object.values(fields).includes(f) ? 'mapped' : undefined}>
                        {f}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {inspection.preview.map((row, n) => (
                    <tr key={n}>
                      {inspection.fields.map((f) => (
                        <td key={f}>{String(row[f] ?? '')}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}

        {(step === 'check' || step === 'commit' || step === 'done') && inspection && (
          <section className="import-body import-check">
            <ImportPreviewMap
              bbox={inspection.bbox ?? known.find((d) => d.code === districtCode)?.bbox ?? [73, 18, 135, 54]}
              features={features}
              report={report}
              focus={focus}
            />
            <div className="import-check-side">
              {report && <ImportReportView report={report} onFocus={(at) => at && setFocus([...at] as [number, number])} />}
              {step === 'check' && report && report.rejected > 0 && (
                <>
                  <p className="dialog-warning">{t('import.rejectedBlock')}</p>
                  <label className="dialog-check">
                    <input
                      type="checkbox"
                      checked={allowRejected}
                      onChange={(e) => setAllowRejected(e.target.checked)}
                      data-testid="import-allow-rejected"
                    />
                    {t('import.allowRejected')}
                  </label>
                </>
              )}
              {step === 'commit' && job && (
                <div className="import-progress" data-testid="import-progress">
                  <p>{t('import.committing', { phase: job.message ?? job.phase ?? job.state })}</p>
                  <progress max={1} value={job.progress} />
                </div>
              )}
              {step === 'done' && report && (
                <p className="import-done" data-testid="import-done">
                  {t('import.done', { accepted: report.accepted, repaired: report.repaired, merged: report.merged })}
                </p>
              )}
            </div>
          </section>
        )}

        {error && (
          <p className="dialog-error" role="alert" data-testid="import-error">
            {error}
          </p>
        )}

        <footer className="dialog-buttons">
          {step === 'fields' && (
            <button type="button" onClick={() => setStep('file')} data-testid="import-back">
              {t('import.back')}
            </button>
          )}
          {step === 'fields' && (
            <button
              type="button"
              className="primary"
              disabled={busy || !canCheck}
              onClick={() => void run(true)}
              data-testid="import-check"
            >
              {busy ? t('import.checking') : t('import.check')}
            </button>
          )}
          {step === 'check' && (
            <>
              <button type="button" onClick={() => setStep('fields')}>
                {t('import.back')}
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy || (report !== null && report.rejected > 0 && !allowRejected)}
                onClick={() => void run(false)}
                data-testid="import-commit"
              >
                {t('import.commit')}
              </button>
            </>
          )}
          {step === 'commit' && job && (job.state === 'queued' || job.state === 'running') && (
            <button type="button" onClick={() => void cancelJob(job.id).catch(fail)} data-testid="import-cancel">
              {t('import.cancel')}
            </button>
          )}
          {step === 'done' && (
            <>
              <button
                type="button"
                onClick={() => {
                  setStep('file');
                  setUpload(null);
                  setInspection(null);
                  setReport(null);
                  setFeatures(null);
                  setLayer(layer === 'district' ? 'communities' : layer);
                }}
                data-testid="import-another"
              >
                {t('import.another')}
              </button>
              <button type="button" className="primary" onClick={() => onImported(districtCode)} data-testid="import-show">
                {t('import.showOnMap')}
              </button>
            </>
          )}
        </footer>
      </div>
    </div>
  );
}
