/**
 * Importing a roster file in the roster view: checked first (a dry run whose report lists every
 * row), then imported — with the rejected rows left out only when the user says so. The report
 * is the district import's (`ImportReportView`): figures, reasons with a sample row, problems.
 */
import { useState } from 'react';
import type { LayerReport } from '@gridatlas/api/contract';
import { useI18n } from '../i18n/locale.store';
import { ImportReportView } from '../import/import-report-view';
import { importRoster } from './staff-api';

export function RosterImport({ districtCode, onImported }: { districtCode: string; onImported(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<LayerReport | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (write: boolean) => {
    if (!file) return;
    setError(null);
    setProgress(0);
    try {
      const r = await importRoster(districtCode, file, write, write && (report?.rejected ?? 0) > 0, setProgress);
      setReport(r);
      if (r.written) onImported();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };
  const totals = report?.totals ?? {};
  const figures = {
    added: totals.added ?? 0,
    updated: totals.updated ?? 0,
    unchanged: totals.unchanged ?? 0,
    rejected: report?.rejected ?? 0,
  };
  return (
    <section className="roster-import" data-testid="roster-import">
      <h3>{t('staff.import')}</h3>
      <p className="dialog-hint">{t('staff.importHint')}</p>
      <div className="roster-import-row">
        <input
          type="file"
          accept=".xlsx,.csv"
          data-testid="roster-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setReport(null);
          }}
        />
        <button type="button" disabled={!file || progress !== null} onClick={() => void run(false)} data-testid="roster-check">
          {t('staff.importCheck')}
        </button>
        {report && !report.written && report.accepted > 0 && (
          <button type="button" className="primary" disabled={progress !== null} onClick={() => void run(true)} data-testid="roster-write">
            {report.rejected > 0 ? t('staff.importWriteAnyway', { n: report.accepted }) : t('staff.importWrite')}
          </button>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <>
          <p className="roster-import-summary" data-testid="roster-import-summary">
            {report.written ? t('staff.importDone', figures) : t('staff.importChecked', figures)}
          </p>
          {(totals.not_in_roster ?? 0) > 0 && <p className="staff-missing">{t('staff.importLeft', { n: totals.not_in_roster ?? 0 })}</p>}
          <ImportReportView report={report} onFocus={() => undefined} />
        </>
      )}
    </section>
  );
}
