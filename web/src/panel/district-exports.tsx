import { useState } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import type { MessageKey } from '../i18n/messages';
import type { FileJobResult } from '../api/file-job';
import { useFileJob } from '../api/use-file-job';
import { exportLayer } from '../import/import-api';
import { FileJobProgress } from './file-job-progress';
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

interface ExportResult extends FileJobResult {
  features: number;
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
  const job = useFileJob<ExportResult>();
  const entitled = user.permissions.includes('districts.import') && user.jurisdictions.some((j) => district.code.startsWith(j));
  if (!entitled) return null;

  const run = (choice: Choice) =>
    void job.start(`${t(`export.layer.${layer}` as MessageKey)} · ${t(`export.${choice.key}` as MessageKey)}`, () =>
      exportLayer(district.code, {
        layer,
        format: choice.format,
        ...('encoding' in choice ? { encoding: choice.encoding } : {}),
      }),
    );

  const busy = job.busy;
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
          <button key={choice.key} type="button" disabled={busy} onClick={() => run(choice)} data-testid={`export-${choice.key}`}>
            {t(`export.${choice.key}` as MessageKey)}
          </button>
        ))}
      </div>
      <p className="legend-note">{t('export.hint')}</p>
      <FileJobProgress status={job.status} onCancel={job.cancel} done={(r) => t('export.done', { file: r.fileName, n: r.features })} />
    </section>
  );
}
