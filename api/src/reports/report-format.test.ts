import { describe, expect, it } from 'vitest';
import { partialSince, type KeyFigure } from './report-document.js';
import { formatDelta } from './report-format.js';

const count = (value: number, previous: number | null, yearBefore: number | null, extra: Partial<KeyFigure> = {}): KeyFigure => ({
  label: '事件数',
  value,
  format: 'count',
  unit: '件',
  sense: 'lower-better',
  previous,
  yearBefore,
  ...extra,
});

describe('formatDelta', () => {
  it('prints a change with its per cent, and what the base was instead of a per cent of zero', () => {
    expect(formatDelta(count(120, 100, 0), 'previous', 'zh')).toEqual({ text: '+20（+20%）', tone: 'worse' });
    expect(formatDelta(count(120, 100, 0), 'yearBefore', 'zh')).toEqual({ text: '+120（去年同期为 0）', tone: 'worse' });
    expect(formatDelta(count(7, 0, 0), 'previous', 'en').text).toBe('+7 (previous period 0)');
    expect(formatDelta(count(0, 0, 0), 'previous', 'zh').text).toBe('±0');
  });

  it('prints a note instead of any change when the period began before the first record', () => {
    const partial = partialSince({ since: '2025-11-03', previousPartial: true, yearAgoPartial: true });
    expect(partial).toEqual({ previous: '2025-11-03', yearBefore: '2025-11-03' });
    const f = count(35_591, 1, 0, { partialSince: partial! });
    expect(formatDelta(f, 'previous', 'zh')).toEqual({ text: '上期记录不全（始于 2025-11-03）', tone: 'none', note: true });
    expect(formatDelta(f, 'yearBefore', 'en')).toEqual({
      text: 'year-ago period incomplete (records from 2025-11-03)',
      tone: 'none',
      note: true,
    });
    // Only the comparison that reaches before the first record.
    const yearOnly = count(10, 8, 1, {
      partialSince: partialSince({ since: '2025-11-03', previousPartial: false, yearAgoPartial: true })!,
    });
    expect(formatDelta(yearOnly, 'previous', 'zh').text).toBe('+2（+25%）');
    expect(partialSince({ since: '2025-11-03', previousPartial: false, yearAgoPartial: false })).toBeUndefined();
    expect(partialSince({ since: null, previousPartial: false, yearAgoPartial: false })).toBeUndefined();
  });
});
