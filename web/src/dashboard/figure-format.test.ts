import { describe, expect, it } from 'vitest';
import { compare } from './delta';
import { changeText, figureText } from './figure-format';

const units = { hours: '小时', perThousand: '件/千户' };

describe('figure text', () => {
  it('shows shares in percent, rates and hours with one decimal, counts whole', () => {
    expect(figureText(0.8766, 'share', 'zh', units)).toEqual({ number: '87.7', unit: '%' });
    expect(figureText(12.345, 'perThousand', 'zh', units)).toEqual({ number: '12.3', unit: '件/千户' });
    expect(figureText(36.04, 'hours', 'en', { hours: 'h', perThousand: 'per 1,000 hh' })).toEqual({ number: '36', unit: 'h' });
    expect(figureText(1234, 'count', 'en', units)).toEqual({ number: '1,234', unit: '' });
  });

  it('gives changes of shares in percentage points and of counts with their percent', () => {
    expect(changeText(compare(0.9, 0.85, 'up')!, 'share', 'zh', '个百分点')).toBe('+5 个百分点');
    expect(changeText(compare(120, 100, 'down')!, 'count', 'zh', '个百分点')).toBe('+20（+20%）');
    expect(changeText(compare(90, 120, 'down')!, 'count', 'en', 'pts')).toBe('−30 (−25%)');
    expect(changeText(compare(7, 0, 'down')!, 'count', 'en', 'pts')).toBe('+7');
    expect(changeText(compare(7, 7, 'down')!, 'count', 'en', 'pts')).toBe('0');
    // From a zero base: the change and what it was, never a percent of nothing.
    expect(changeText(compare(7, 0, 'down')!, 'count', 'zh', '个百分点', '上期为 0')).toBe('+7（上期为 0）');
    expect(changeText(compare(7, 0, 'down')!, 'count', 'en', 'pts', 'previous period 0')).toBe('+7 (previous period 0)');
    expect(changeText(compare(0.4, 0, 'up')!, 'share', 'zh', '个百分点', '上期为 0')).toBe('+40 个百分点');
    expect(changeText(compare(0, 0, 'down')!, 'count', 'zh', '个百分点', '上期为 0')).toBe('0');
  });
});
