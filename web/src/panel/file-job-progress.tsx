import type { ReactNode } from 'react';
import type { FileJobResult } from '../api/file-job';
import type { FileJobStatus } from '../api/use-file-job';
import { useI18n } from '../i18n/locale.store';
import './district-exports.css';

/**
 * The status line under an export control: while the job runs, its file, a progress bar and a
 * cancel button; then what was downloaded, that it was cancelled, or why it failed.
 * `done` words the finished line when a control has more to say than the file's name.
 */
export function FileJobProgress<R extends FileJobResult>({
  status,
  onCancel,
  done,
  testId = 'export-status',
}: {
  status: FileJobStatus<R>;
  onCancel: () => void;
  done?: (result: R) => ReactNode;
  testId?: string;
}) {
  const { t } = useI18n();
  if (status.state === 'idle') return null;
  const percent = status.state === 'running' ? Math.round(status.progress * 100) : 0;
  return (
    <div
      className={status.state === 'failed' ? 'export-status export-failed' : 'export-status'}
      role="status"
      data-testid={testId}
      data-state={status.state}
    >
      {status.state === 'running' && (
        <>
          <span>{t('fileJob.running', { file: status.label, percent })}</span>
          <span className="file-job-bar">
            <progress max={100} value={percent} aria-label={status.label} />
            <button type="button" className="link-button" onClick={onCancel} data-testid={`${testId}-cancel`}>
              {t('fileJob.cancel')}
            </button>
          </span>
        </>
      )}
      {status.state === 'done' && (done ? done(status.result) : t('fileJob.done', { file: status.result.fileName }))}
      {status.state === 'cancelled' && t('fileJob.cancelled', { file: status.label })}
      {status.state === 'failed' && t('fileJob.failed', { file: status.label, message: status.message })}
    </div>
  );
}
