/**
 * 90 days of patrol tracks: on most working days each grid worker walks (or rides) along
 * the streets and lanes around their grid, with a GPS fix every 30–45 s and a few metres of
 * jitter. Most walk the whole loop once or more; about one in four keep to the part of it
 * near where they start (the main street side) and go all the way round only now and then,
 * as field reports describe back lanes patrolled less — so coverage varies between grids
 * and some stretches go unpatrolled for weeks ("dead corners").
 */
import type { Random } from '@gridatlas/core';
import type { PatrolTrackRecord } from '../district.types.js';
import type { CommunityLayout } from './community-layout.js';
import { distance, toLngLat, type XY } from './local-frame.js';
import { uvRing, type UvRect } from './quad.js';
import { beijingMidnight, beijingWeekday, iso } from './time.js';

const HOUR = 3_600_000;

/** The loop of streets around the blocks a grid's rectangle touches. */
export function patrolLoop(layout: CommunityLayout, rect: UvRect): XY[] {
  const us = [0, ...layout.uCuts, 1];
  const vs = [0, ...layout.vCuts, 1];
  const down = (cuts: number[], x: number): number => Math.max(...cuts.filter((c) => c <= x + 1e-9));
  const up = (cuts: number[], x: number): number => Math.min(...cuts.filter((c) => c >= x - 1e-9));
  const snapped = { u0: down(us, rect.u0), u1: up(us, rect.u1), v0: down(vs, rect.v0), v1: up(vs, rect.v1) };
  return uvRing(layout.community.quad, snapped, layout.uCuts, layout.vCuts);
}

function walk(loop: XY[], start: number, metres: number, interval: number, speed: number, t0: number, rng: Random): number[] {
  const seg: number[] = [];
  for (let i = 0; i + 1 < loop.length; i++) seg.push(distance(loop[i]!, loop[i + 1]!));
  const perimeter = seg.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  for (let s = 0; s <= metres; s += speed * interval) {
    let d = (start + s) % perimeter;
    let i = 0;
    while (d > seg[i]! && i < seg.length - 1) d -= seg[i++]!;
    const a = loop[i]!;
    const b = loop[i + 1]!;
    const f = seg[i]! > 0 ? d / seg[i]! : 0;
    const [lng, lat] = toLngLat([a[0] + (b[0] - a[0]) * f + rng.normal(0, 3), a[1] + (b[1] - a[1]) * f + rng.normal(0, 3)]);
    out.push(lng!, lat!, Math.round((t0 + (s / speed) * 1000) / 1000));
  }
  return out;
}

export function generatePatrols(
  rng: Random,
  workers: readonly { staffId: number; gridCode: string; loop: XY[] }[],
  referenceDate: string,
  days = 90,
): PatrolTrackRecord[] {
  const out: PatrolTrackRecord[] = [];
  for (const w of workers) {
    const riding = rng.chance(0.15);
    const speed = riding ? rng.range(4, 6) : rng.range(1.1, 1.4);
    const interval = riding ? 30 : 45;
    let perimeter = 0;
    for (let i = 0; i + 1 < w.loop.length; i++) perimeter += distance(w.loop[i]!, w.loop[i + 1]!);
    // A partial patroller covers this share of the loop from a usual starting point.
    const partial = rng.chance(0.25) ? rng.range(0.35, 0.75) : null;
    const usualStart = rng.next() * perimeter;
    for (let d = days; d >= 1; d--) {
      const midnight = beijingMidnight(referenceDate, d);
      const weekday = beijingWeekday(midnight + 12 * HOUR);
      const skip = weekday === 0 ? 0.85 : weekday === 6 ? 0.5 : 0.12;
      if (rng.chance(skip)) continue;
      const start = midnight + (rng.chance(0.6) ? rng.range(9, 10.5) : rng.range(14.5, 16)) * HOUR;
      const full = partial === null || rng.chance(0.08);
      const laps = full ? (riding ? rng.range(2, 4) : rng.range(1, 2.2)) : partial * rng.range(0.85, 1.1);
      const from = full ? rng.next() * perimeter : usualStart + rng.normal(0, 15);
      const points = Float64Array.from(
        walk(w.loop, ((from % perimeter) + perimeter) % perimeter, perimeter * laps, interval, speed, start, rng),
      );
      if (points.length < 6) continue;
      out.push({
        id: out.length + 1,
        staffId: w.staffId,
        gridCode: w.gridCode,
        startedAt: iso(points[2]! * 1000),
        endedAt: iso(points[points.length - 1]! * 1000),
        points,
      });
    }
  }
  return out;
}
