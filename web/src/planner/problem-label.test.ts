import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/translate';
import { problemLabelKey, unitsCountKey } from './problem-label';

describe('problem labels', () => {
  it('names buildings 楼栋 and polygon blocks 街区, in Chinese and English', () => {
    expect(translate('zh', problemLabelKey({ kind: 'cut_unit', unitKind: 'building' }))).toBe('楼栋被切');
    expect(translate('zh', problemLabelKey({ kind: 'cut_unit', unitKind: 'block' }))).toBe('街区被切');
    expect(translate('en', problemLabelKey({ kind: 'unassigned_unit', unitKind: 'block' }))).toBe('Block in no grid');
    expect(translate('zh', problemLabelKey({ kind: 'unassigned_unit' }))).toBe('楼栋未划入');
    expect(translate('zh', unitsCountKey({ unitKind: 'block' }), { n: 3 })).toBe('3 个街区');
    expect(translate('en', unitsCountKey({}), { n: 2 })).toBe('2 buildings');
  });

  it('reads a grid of one indivisible unit over the rule as an exception, not as 超标', () => {
    expect(translate('zh', problemLabelKey({ kind: 'over_cap' }))).toBe('超标');
    expect(translate('zh', problemLabelKey({ kind: 'over_cap', exception: 'single_unit_over_rule', unitKind: 'building' }))).toBe(
      '单栋楼超标（例外，不可拆分）',
    );
    expect(translate('en', problemLabelKey({ kind: 'over_cap', exception: 'single_unit_over_rule', unitKind: 'block' }))).toBe(
      'One block over cap (exception: indivisible)',
    );
  });
});
