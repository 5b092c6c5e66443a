import { useEffect, useRef, useState } from 'react';
import type { Job, JobAccepted, NoticeBoardsJobResult, User } from '@gridatlas/api/contract';
import { requestJson } from '../api/api-client';
import { followJob } from '../import/import-api';
import { useI18n } from '../i18n/locale.store';

type Status = { state: 'idle' } | { state: 'running'; progress: number } | { state: 'failed'; message: string };

/**
 * "打印公示牌": the notice boards of a community (one page per grid) or of one grid as a PDF —
 * a `notice-boards.render` job followed to its end, then downloaded. Shown only to users who may
 * export reports (reports.export) of that region; the API checks the same.
 */
export function NoticeBoardsButton({ user, code }: { user: User; code: string }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const entitled = user.permissions.includes('reports.export') && user.jurisdictions.some((j) => code.startsWith(j));
  if (!entitled) return null;

  const run = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ state: 'running', progress: 0 });
    try {
      const { job } = await requestJson<JobAccepted>('/api/reports/notice-boards', { method: 'POST', body: { region: code, size: 'a4' } });
      const end: Job = await followJob(job.id, (j) => setStatus({ state: 'running', progress: j.progress }), controller.signal);
      if (end.state !== 'succeeded') throw new Error(end.error?.message ?? end.message ?? end.state);
      const result = end.result as NoticeBoardsJobResult;
      const a = document.createElement('a');
      a.href = result.href;
      a.download = result.fileName;
      a.rel = 'noopener';
      document.body.append(a);
      a.click();
      a.remove();
      setStatus({ state: 'idle' });
    } catch (error) {
      if (controller.signal.aborted) return;
      setStatus({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="notice-boards">
      <button type="button" data-testid="print-notice-boards" disabled={status.state === 'running'} onClick={() => void run()}>
        {status.state === 'running' ? t('noticeBoards.printing', { percent: Math.round(status.progress * 100) }) : t('noticeBoards.print')}
      </button>
      {status.state === 'failed' && (
        <p className="error" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
