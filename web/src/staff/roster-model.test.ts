import { describe, expect, it } from 'vitest';
import type { StaffModel } from '@gridatlas/api/contract';
import { assignmentInputs, roleName, sameDrafts } from './roster-model';

const model: StaffModel = {
  key: 'n_plus_5',
  zh: 'N+5',
  en: 'N+5',
  roles: [
    {
      key: 'information_officer',
      zh: '信息员',
      en: 'Information officer',
      scope: 'grid',
      required: true,
      maxGrids: 2,
      maxHouseholds: 1000,
    },
    { key: 'zone_manager', zh: '专管员', en: 'Zone manager', scope: 'zone', required: true, maxGrids: 3, maxHouseholds: 1500 },
    { key: 'assistant', zh: '协理员', en: 'Assistant', scope: 'community', required: true, maxGrids: null, maxHouseholds: null },
  ],
};

describe('roster model', () => {
  it('puts each code where its role’s scope reads it, full-width digits read as digits, empty rows left out', () => {
    expect(
      assignmentInputs(model, [
        { role: 'information_officer', code: '６１０１９８００１００１００１' },
        { role: 'zone_manager', code: '61019800100101' },
        { role: 'assistant', code: ' 610198001001 ' },
        { role: 'assistant', code: '' },
      ]),
    ).toEqual([
      { role: 'information_officer', gridCode: '610198001001001' },
      { role: 'zone_manager', zoneCode: '61019800100101' },
      { role: 'assistant', regionCode: '610198001001' },
    ]);
  });

  it('names roles in the locale and compares drafts regardless of order', () => {
    expect(roleName(model, 'zone_manager', 'zh')).toBe('专管员');
    expect(roleName(model, 'cook', 'en')).toBe('cook');
    expect(
      sameDrafts(
        [
          { role: 'a', code: '1' },
          { role: 'b', code: '2' },
        ],
        [
          { role: 'b', code: '2 ' },
          { role: 'a', code: '1' },
        ],
      ),
    ).toBe(true);
  });
});
