import { normaliseFeatures } from '@gridatlas/core';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { MESSY_KINDS, messyVariant } from './messy-variants.js';

/** A row of eight irregular octagon-ish blocks, each with an id and a population. */
const blocks: Feature[] = Array.from({ length: 8 }, (_, i) => {
  const cx = 114.4 + i * 0.004;
  const ring = Array.from({ length: 9 }, (_, k) => {
    const a = (2 * Math.PI * (k % 8)) / 8;
    const r = 0.0015 * (1 + 0.2 * (((k % 8) * 7 + i) % 3));
    return [cx + r * Math.cos(a), 30.5 + r * Math.sin(a)];
  });
  return { type: 'Feature', properties: { code: `B${i}`, persons: 1000 }, geometry: { type: 'Polygon', coordinates: [ring] } };
});

describe('messyVariant', () => {
  it('is deterministic for a seed', () => {
    for (const kind of MESSY_KINDS) {
      expect(messyVariant(blocks, kind, { seed: 3 })).toEqual(messyVariant(blocks, kind, { seed: 3 }));
    }
  });

  it('writes each mistake the normalising step then names, on the features it says it changed', () => {
    const names: Record<string, string> = {
      nested_shell: 'nested_shell',
      bowtie: 'self_intersection',
      figure8: 'self_intersection',
      spike: 'spike_removed',
      duplicate_vertices: 'duplicate_vertices',
      unclosed: 'ring_closed',
      wrong_orientation: 'ring_reoriented',
      z: 'z_dropped',
      single_part_multi: 'single_part_multi',
    };
    for (const [kind, reason] of Object.entries(names)) {
      const v = messyVariant(blocks, kind as never, { seed: 1, count: 2 });
      expect(v.changed.length, kind).toBeGreaterThanOrEqual(2);
      const { report } = normaliseFeatures(v.features, { expect: 'polygon' });
      const named = new Set(report.repairs.filter((r) => r.reason === reason).map((r) => r.id));
      expect([...named].sort(), kind).toEqual(expect.arrayContaining(v.changed));
    }
  });

  it('moves a tenth of the counts to the enclave in a nested shell, so nothing is counted twice', () => {
    const v = messyVariant(blocks, 'nested_shell', { seed: 1, count: 1, countFields: ['persons'] });
    expect(v.added).toEqual([`${v.changed[0]}-enclave`]);
    const total = v.features.reduce((s, f) => s + Number(f.properties!.persons), 0);
    expect(total).toBe(8000);
  });

  it('adds an island part away from every other feature', () => {
    const v = messyVariant(blocks, 'island', { seed: 1, count: 2 });
    const changed = v.features.filter((f) => v.changed.includes(String(f.properties!.code)));
    expect(changed.every((f) => f.geometry.type === 'MultiPolygon' && f.geometry.coordinates.length === 2)).toBe(true);
  });
});
