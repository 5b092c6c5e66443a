/**
 * Dead corners over days not worked out yet, as a job (issue 15), like patrol coverage: the
 * look-back window's missing days are worked out a few tracks per statement (see
 * patrol-coverage-job.ts), then the segments are read from the kept days. The window is fixed
 * when the request is accepted (its reference day), so the result answers what was asked.
 */
import type { JobContext, JobRunner } from '../jobs/job-runner.js';
import { workOutMissingDays } from './patrol-coverage-job.js';
import { deadCorners, windowDays, windowOf, type DeadCornersParams, type DeadCornersResult } from './patrol-dead-corners.js';

export const PATROL_DEAD_CORNERS_JOB = 'patrols.dead-corners';

export interface DeadCornersJobParams extends DeadCornersParams {
  jurisdictions: string[];
  /** End (exclusive) of the reference day when the request came, epoch ms. */
  dayEnd: number;
}

export async function runDeadCornersJob(ctx: JobContext): Promise<DeadCornersResult> {
  const p = ctx.job.params as unknown as DeadCornersJobParams;
  const window = windowOf(p.dayEnd, p.days);
  const [d0, d1] = windowDays(window);
  await workOutMissingDays(ctx, p.districtCode, d0, d1);
  await ctx.progress(0.95, 'dead_corners');
  return deadCorners(ctx.db, p, window);
}

export function registerDeadCornersJob(runner: JobRunner): void {
  runner.register(PATROL_DEAD_CORNERS_JOB, runDeadCornersJob);
}
