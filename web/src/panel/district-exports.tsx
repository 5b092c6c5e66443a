import { useEffect, useRef, useState } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import { exportLayer, followJob } from '../import/import-api';
import './district-exports.css';

type ExportLayerName = 'grids' | 'communities' | 'buildings';

/** The files an office asks for: the Shapefile in either DBF encoding, GeoJSON, the table. */
const CHOICES = [
  { key: 'shp-utf-8', format: 'shp', encoding: 'utf-8' },
  { key: 'shp-gbk', format: 'shp', encoding: 'gbk' },
  { key: 'geojson', format: 'geojson' },
  { key: 'xlsx', format: 'xlsx' },
] as const;
type Choice = (typeof CHOICES)[number];

const LAYERS: ExportLayerName[] = ['grids', 'communities', 'buildings'];

interface ExportResult {
  fileName: string;
  features: number;
  href: string;
}

type Status =
  | { state: 'idle' }
  | { state: 'running'; file: string }
  | { state: 'done'; file: string; n: number }
  | { state: 'failed'; message: string };

/** Saves the finished export through the browser's download (the file route answers as an attachment). */
function download(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * The side panel's export buttons for the district being looked at: one export job per click
 * (`POST /api/districts/{code}/exports`), followed to its end, then the file downloaded.
 * Exports read the whole district, so only a user entitled to import it (districts.import
 * over the whole district) sees them; the API checks the same.
 */
export function DistrictExports({ user, district }: { user: User; district: Region }) {
  const { t } = useI18n();
  const [layer, setLayer] = useState<ExportLayerName>('grids');
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const entitled = user.permissions.includes('districts.import') && user.jurisdictions.some((j) => district.code.startsWith(j));
  if (!entitled) return null;

  const run = async (choice: Choice) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const label = `${t(`export.layer.${layer}` as MessageKey)} · ${t(`export.${choice.key}` as MessageKey)}`;
    setStatus({ state: 'running', file: label });
    try {
      const { job } = await exportLayer(district.code, {
        layer,
        format: choice.format,
        ...('encoding' in choice ? { encoding: choice.encoding } : {}),
      });
      const end = await followJob(job.id, () => {}, controller.signal);
      if (end.state !== 'succeeded') throw new Error(end.error?.message ?? end.message ?? end.state);
      const result = end.result as ExportResult;
      download(result.href, result.fileName);
      setStatus({ state: 'done', file: result.fileName, n: result.features });
    } catch (error) {
      if (controller.signal.aborted) return;
      setStatus({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const busy = status.state === 'running';
  return (
    <section className="panel-section" aria-labelledby="export-title" data-testid="district-exports">
      <h2 id="export-title">{t('export.title')}</h2>
      <label className="export-layer">
        {t('export.layer')}
        <select value={layer} onChange={(e) => setLayer(e.target.value as ExportLayerName)} disabled={busy} data-testid="export-layer">
          {LAYERS.map((l) => (
            <option key={l} value={l}>
              {t(`export.layer.${l}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <div className="export-buttons">
        {CHOICES.map((choice) => (
          <button key={choice.key} type="button" disabled={busy} onClick={() => void run(choice)} data-testid={`export-${choice.key}`}>
            {t(`export.${choice.key}` as MessageKey)}
          </button>
        ))}
      </div>
      <p className="legend-note">{t('export.hint')}</p>
      {status.state !== 'idle' && (
        <p
          className={status.state === 'failed' ? 'export-status export-failed' : 'export-status'}
          role="status"
          data-testid="export-status"
          data-state={status.state}
        >
          {status.state === 'running' && t('export.running', { file: status.file })}
          {status.state === 'done' && t('export.done', { file: status.file, n: status.n })}
          {status.state === 'failed' && t('export.failed', { message: status.message })}
        </p>
      )}
    </section>
  );
}
