/**
 * The soak bench's memory figures: the server process's resident set size (RSS, from
 * /proc/<pid>/status VmRSS) sampled over the run, judged only inside measured windows (after
 * the warm-up, and after the warm-up that follows the restart). Pure: samples in, figures out.
 */
import { readFileSync } from 'node:fs';

export interface RssSample {
  /** Milliseconds since the soak started. */
  tMs: number;
  /** Resident set size of the server process, kibibytes (VmRSS). */
  rssKb: number;
  /** 'before' or 'after' the restart. */
  half: 'before' | 'after';
}

export interface RssWindow {
  half: 'before' | 'after';
  /** Measured from (inclusive) … to (exclusive), ms since the soak started. */
  fromMs: number;
  toMs: number;
}

export interface RssFigures {
  half: 'before' | 'after';
  samples: number;
  minMb: number;
  maxMb: number;
  /** Median of the window's first quarter of samples, MiB. */
  startMb: number;
  /** Median of the window's last quarter of samples, MiB. */
  endMb: number;
  /** (end − start) ÷ start, percent: growth (or shrinkage) over the measured window. */
  driftPct: number;
  /** Least-squares slope of RSS over time, MiB per hour. */
  slopeMbPerHour: number;
}

/** VmRSS of a process in KiB, or null when the process is gone or the line is missing. */
export function readVmRssKb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Least-squares slope of y over x (y per unit of x); 0 with fewer than two distinct x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * RSS figures of each window's samples (those of the window's half with fromMs ≤ tMs < toMs).
 * Drift compares the medians of the first and last quarter (at least one sample each), so one
 * garbage-collection spike does not decide it. A window without samples is left out.
 */
export function rssFigures(samples: readonly RssSample[], windows: readonly RssWindow[]): RssFigures[] {
  const out: RssFigures[] = [];
  for (const w of windows) {
    const inside = samples.filter((s) => s.half === w.half && s.tMs >= w.fromMs && s.tMs < w.toMs).sort((a, b) => a.tMs - b.tMs);
    if (inside.length === 0) continue;
    const mb = inside.map((s) => s.rssKb / 1024);
    const quarter = Math.max(1, Math.floor(mb.length / 4));
    const startMb = median(mb.slice(0, quarter));
    const endMb = median(mb.slice(-quarter));
    out.push({
      half: w.half,
      samples: inside.length,
      minMb: Math.min(...mb),
      maxMb: Math.max(...mb),
      startMb,
      endMb,
      driftPct: ((endMb - startMb) / startMb) * 100,
      slopeMbPerHour: slope(inside.map((s, i) => [s.tMs / 3_600_000, mb[i]!] as const)),
    });
  }
  return out;
}

/** The drift that decides the run: the largest in magnitude over the windows (0 without any). */
export function worstDrift(figures: readonly RssFigures[]): number {
  return figures.reduce((worst, f) => (Math.abs(f.driftPct) > Math.abs(worst) ? f.driftPct : worst), 0);
}
