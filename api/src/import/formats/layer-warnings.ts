/** Warnings counted by code while a layer is read: one entry per code, its count and a few samples. */
import type { LayerWarning } from './layer.types.js';

const SAMPLES = 5;

export class LayerWarnings {
  private readonly byCode = new Map<string, LayerWarning>();

  add(code: string, message: string, sample?: unknown, count = 1): void {
    let w = this.byCode.get(code);
    if (!w) {
      w = { code, message, count: 0, sample: [] };
      this.byCode.set(code, w);
    }
    w.count += count;
    if (sample !== undefined && w.sample.length < SAMPLES) w.sample.push(sample);
  }

  list(): LayerWarning[] {
    return [...this.byCode.values()];
  }
}
