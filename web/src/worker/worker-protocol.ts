/**
 * The messages of every GridAtlas web worker: a request carries an id and the job; the worker
 * answers that id with any number of progress messages, then exactly one result or one error.
 */
export interface WorkerRequest<Job> {
  id: number;
  job: Job;
}

export type WorkerResponse<Result, Progress> =
  | { id: number; type: 'progress'; progress: Progress }
  | { id: number; type: 'result'; result: Result }
  | { id: number; type: 'error'; message: string };
