import { useState } from 'react';
import type { JobAccepted, User } from '@gridatlas/api/contract';
import { requestJson } from '../api/api-client';
import { useFileJob } from '../api/use-file-job';
import { useI18n } from '../i18n/locale.store';
import { FileJobProgress } from './file-job-progress';

type PaperSize = 'a4' | 'a3';
type BoardLang = 'zh' | 'en';

/**
 * "打印公示牌": the notice boards of a community (one page per grid) or of one grid as a PDF on
 * A4 or A3, in Chinese or English — a `notice-boards.render` job followed with progress and cancel (the shared file-job
 * runner), then downloaded. Shown only to users who may export reports (reports.export) of that
 * region; the API checks the same.
 */
export function NoticeBoardsButton({ user, code }: { user: User; code: string }) {
  const { t } = useI18n();
  const [size, setSize] = useState<PaperSize>('a4');
  const [lang, setLang] = useState<BoardLang>('zh');
  const job = useFileJob();
  const entitled = user.permissions.includes('reports.export') && user.jurisdictions.some((j) => code.startsWith(j));
  if (!entitled) return null;

  const run = () =>
    void job.start(`${t('noticeBoards.print')} ${code} · ${size.toUpperCase()} · ${t(`noticeBoards.lang.${lang}`)}`, () =>
      requestJson<JobAccepted>('/api/reports/notice-boards', { method: 'POST', body: { region: code, size, lang } }),
    );

  return (
    <div className="notice-boards">
      <div className="notice-boards-row">
        <select
          value={size}
          onChange={(e) => setSize(e.target.value as PaperSize)}
          disabled={job.busy}
          aria-label={t('noticeBoards.size')}
          data-testid="notice-boards-size"
        >
          <option value="a4">A4</option>
          <option value="a3">A3</option>
        </select>
        <select
          value={lang}
          onChange={(e) => setLang(e.target.value as BoardLang)}
          disabled={job.busy}
          aria-label={t('noticeBoards.lang')}
          data-testid="notice-boards-lang"
        >
          <option value="zh">{t('noticeBoards.lang.zh')}</option>
          <option value="en">{t('noticeBoards.lang.en')}</option>
        </select>
        <button type="button" data-testid="print-notice-boards" disabled={job.busy} onClick={run}>
          {t('noticeBoards.print')}
        </button>
      </div>
      <FileJobProgress status={job.status} onCancel={job.cancel} testId="notice-boards-status" />
    </div>
  );
}
