/**
 * React state around `runFileJob`: one file job at a time per control, its progress, a cancel
 * that stops the job on the server, and the job abandoned (and cancelled) when the control
 * unmounts. Each export control renders the status with `FileJobProgress`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobAccepted } from '@gridatlas/api/contract';
import { type FileJobResult, runFileJob } from './file-job';

export type FileJobStatus<R extends FileJobResult = FileJobResult> =
  | { state: 'idle' }
  | { state: 'running'; label: string; progress: number }
  | { state: 'done'; label: string; result: R }
  | { state: 'failed'; label: string; message: string }
  | { state: 'cancelled'; label: string };

export interface FileJobControl<R extends FileJobResult> {
  status: FileJobStatus<R>;
  busy: boolean;
  /** Starts a job (`label` names the file for the status line); a running one is cancelled first. */
  start: (label: string, startJob: () => Promise<JobAccepted>) => Promise<void>;
  cancel: () => void;
}

export function useFileJob<R extends FileJobResult = FileJobResult>(): FileJobControl<R> {
  const [status, setStatus] = useState<FileJobStatus<R>>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async (label: string, startJob: () => Promise<JobAccepted>) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ state: 'running', label, progress: 0 });
    try {
      const result = await runFileJob<R>(startJob, controller.signal, (progress) => {
        if (!controller.signal.aborted) setStatus({ state: 'running', label, progress });
      });
      setStatus({ state: 'done', label, result });
    } catch (error) {
      // A cancel (or a newer job, or the control closing) owns the status now.
      if (controller.signal.aborted) return;
      setStatus({ state: 'failed', label, message: error instanceof Error ? error.message : String(error) });
    }
  }, []);

  const cancel = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    setStatus((s) => (s.state === 'running' ? { state: 'cancelled', label: s.label } : s));
  }, []);

  return { status, busy: status.state === 'running', start, cancel };
}
