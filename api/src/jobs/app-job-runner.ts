/** The API's job runner with every kind of job registered (district imports, exports, patrol coverage and dead corners, reports, …). */
import type { Db } from '../db/db.types.js';
import type { Logger } from '../log.js';
import { registerDistrictJobs } from '../districts/http/district-jobs.js';
import { registerPatrolJobs } from '../analytics/patrol-coverage-job.js';
import { registerDeadCornersJob } from '../analytics/patrol-dead-corners-job.js';
import { registerReportJobs } from '../reports/report-jobs.js';
import { registerNoticeBoardsJob } from '../notice-boards/notice-boards.job.js';
import { createJobRunner, type JobRunner, type JobRunnerOptions } from './job-runner.js';

export function createAppJobRunner(db: Db, log?: Logger, options: Omit<JobRunnerOptions, 'db' | 'log'> = {}): JobRunner {
  const runner = createJobRunner({ db, ...(log ? { log } : {}), ...options });
  registerDistrictJobs(runner);
  registerPatrolJobs(runner);
  registerDeadCornersJob(runner);
  registerReportJobs(runner);
  registerNoticeBoardsJob(runner);
  return runner;
}
