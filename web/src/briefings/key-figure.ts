/**
 * A slide's key figure: `GET /api/briefings/{id}/slides/{slideId}/figure`, which reads it off
 * the dashboard's figures for the slide's region, period (cut at the pin) and filters — so the
 * presenter, the briefing report and the dashboard say the same number. While the patrol days
 * of a coverage figure are being worked out the server answers "pending" with its jobs: follow
 * them, then ask again.
 */
import type { SlideFigure, SlideFigureKind } from '@gridatlas/api/contract';
import { getJson } from '../api/api-client';
import { pollJob } from '../api/follow-job';
import type { Better } from '../dashboard/delta';
import type { FigureUnit } from '../dashboard/dashboard-model';

export type ShownSlideFigure = Exclude<SlideFigure, { status: 'pending' }>;
export type ReadyFigure = Extract<SlideFigure, { status: 'ready' }>;

/** Rounds of "pending" followed before giving up (each waits for its jobs). */
const PENDING_ROUNDS = 5;

export async function fetchSlideFigure(briefingId: number, slideId: number, signal: AbortSignal): Promise<ShownSlideFigure> {
  for (let round = 0; round < PENDING_ROUNDS; round++) {
    const figure = await getJson<SlideFigure>(`/api/briefings/${briefingId}/slides/${slideId}/figure`, signal);
    if (figure.status !== 'pending') return figure;
    await Promise.all(figure.jobs.map((j) => pollJob(j.href, signal, undefined, j.job)));
  }
  throw new Error('patrol days are still being worked out');
}

/** The dashboard's unit as the figure formatter knows it. */
export function figureUnit(figure: ReadyFigure): FigureUnit {
  if (figure.unit === 'share') return 'share';
  if (figure.unit === 'per_1000_households') return 'perThousand';
  if (figure.unit === 'hours') return 'hours';
  return 'count';
}

/** Which way is good, as on the dashboard: fewer incidents, more coverage and more grids within the rule. */
export const BETTER: Record<SlideFigureKind, Better> = {
  incidents: 'down',
  incidentsPer1000: 'down',
  coverageShare: 'up',
  notPatrolled: 'down',
  specialVisitsDone: 'up',
  gridsOver: 'down',
  households: 'neutral',
  gridsWithinShare: 'up',
};
