import { describe, expect, it } from 'vitest';
import { gridCodeFromHash } from './grid-link';

describe('gridCodeFromHash', () => {
  it('reads the 15-digit grid code of a notice board link', () => {
    expect(gridCodeFromHash('#grid=610198001001002')).toBe('610198001001002');
    expect(gridCodeFromHash('#x=1&grid=610198001001002')).toBe('610198001001002');
  });
  it('ignores anything else', () => {
    expect(gridCodeFromHash('')).toBeNull();
    expect(gridCodeFromHash('#grid=6101980010')).toBeNull();
    expect(gridCodeFromHash('#grid=6101980010010021')).toBeNull();
    expect(gridCodeFromHash('#region=610198')).toBeNull();
  });
});
