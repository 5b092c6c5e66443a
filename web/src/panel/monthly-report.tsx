import { useState } from 'react';
import type { Region, User } from '@gridatlas/api/contract';
import { startReport } from '../api/reports-api';
import { useFileJob } from '../api/use-file-job';
import { lastEndedMonth, periodLabel, recentPeriods } from '../dashboard/period';
import { useI18n } from '../i18n/locale.store';
import { FileJobProgress } from './file-job-progress';
import './district-exports.css';

/** Months offered: two years back from the last ended one, enough for a year-on-year look back. */
const MONTHS_OFFERED = 24;

/**
 * "月报" in the side panel: the monthly report of the region being looked at (district,
 * subdistrict or community), for a month picked here (default: the last month ended by the
 * district's reference date, as the API's), as PDF or PPTX in the UI's language — a report job
 * followed with progress and cancel, then downloaded. Shown to users who may export reports of
 * that region (reports.export inside their jurisdiction); the API checks the same.
 */
export function MonthlyReport({ user, region, referenceDate }: { user: User; region: Region; referenceDate: string }) {
  const { t, locale } = useI18n();
  const latest = lastEndedMonth(referenceDate);
  const [month, setMonth] = useState<string | null>(null);
  const job = useFileJob();
  const entitled = user.permissions.includes('reports.export') && user.jurisdictions.some((j) => region.code.startsWith(j));
  if (!entitled) return null;
  const period = month ?? latest;

  const run = (format: 'pdf' | 'pptx') =>
    void job.start(
      `${t('report.monthly.label', { region: region.name, month: periodLabel(period, locale) })} · ${format.toUpperCase()}`,
      () => startReport({ kind: 'monthly', region: region.code, period, format, lang: locale }),
    );

  return (
    <section className="panel-section" aria-labelledby="monthly-report-title" data-testid="monthly-report">
      <h2 id="monthly-report-title">{t('report.monthly.title')}</h2>
      <label className="export-layer">
        {t('report.monthly.month')}
        <select value={period} onChange={(e) => setMonth(e.target.value)} disabled={job.busy} data-testid="monthly-report-month">
          {recentPeriods(latest, MONTHS_OFFERED).map((p) => (
            <option key={p} value={p}>
              {periodLabel(p, locale)}
            </option>
          ))}
        </select>
      </label>
      <div className="export-buttons">
        {(['pdf', 'pptx'] as const).map((format) => (
          <button key={format} type="button" disabled={job.busy} onClick={() => run(format)} data-testid={`monthly-report-${format}`}>
            {t(format === 'pdf' ? 'report.pdf' : 'report.pptx')}
          </button>
        ))}
      </div>
      <p className="legend-note">{t('report.monthly.hint', { region: region.name })}</p>
      <FileJobProgress status={job.status} onCancel={job.cancel} testId="monthly-report-status" />
    </section>
  );
}
