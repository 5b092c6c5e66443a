import type { Briefing } from '@gridatlas/api/contract';
import { startReport } from '../api/reports-api';
import { useFileJob } from '../api/use-file-job';
import { useI18n } from '../i18n/locale.store';
import { FileJobProgress } from '../panel/file-job-progress';
import { useStore } from '../state/create-store';
import { sessionStore } from '../state/session.store';

/**
 * "导出 PDF" / "导出 PPTX" in a briefing's editor: the briefing as a report, one page or slide
 * per slide, in the UI's language — a report job followed with progress and cancel, then
 * downloaded. Shown to users who may export reports (reports.export); the briefing itself is
 * one they may see, which the API checks again.
 */
export function BriefingExports({ briefing }: { briefing: Briefing }) {
  const { t, locale } = useI18n();
  const session = useStore(sessionStore);
  const job = useFileJob();
  if (session.status !== 'authenticated' || !session.user.permissions.includes('reports.export')) return null;
  const empty = briefing.slides.length === 0;

  const run = (format: 'pdf' | 'pptx') =>
    void job.start(t('report.briefing.label', { title: briefing.title, format: format.toUpperCase() }), () =>
      startReport({ kind: 'briefing', briefingId: briefing.id, format, lang: locale }),
    );

  return (
    <div className="briefing-exports" data-testid="briefing-exports">
      <div className="export-buttons">
        {(['pdf', 'pptx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            disabled={job.busy || empty}
            onClick={() => run(format)}
            data-testid={`briefing-export-${format}`}
          >
            {t(format === 'pdf' ? 'report.pdf' : 'report.pptx')}
          </button>
        ))}
      </div>
      <p className="briefing-hint">{t(empty ? 'report.briefing.noSlides' : 'report.briefing.hint')}</p>
      <FileJobProgress status={job.status} onCancel={job.cancel} testId="briefing-export-status" />
    </div>
  );
}
