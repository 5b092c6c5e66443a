import { describe, expect, it } from 'vitest';
import { normaliseRosterRow } from './roster-row.js';

describe('normaliseRosterRow', () => {
  it('reads full-width digits, padded names, dashed phones and several codes in one cell, naming each repair', () => {
    const r = normaliseRosterRow({ name: '王  一', phone: '029-8888 0001', codes: '６１０１９８００１００１００１、610198001001002' });
    expect(r).toEqual({
      name: '王一',
      phone: '02988880001',
      codes: ['610198001001001', '610198001001002'],
      repairs: ['name_spaces', 'phone_spaces', 'fullwidth'],
      rejection: null,
    });
  });

  it('takes a code typed as a number, and refuses one Excel rounded', () => {
    expect(normaliseRosterRow({ name: 'Li Er', codes: 610198001001001 })).toMatchObject({
      codes: ['610198001001001'],
      repairs: ['code_number'],
    });
    expect(normaliseRosterRow({ name: '李二', codes: 6.10198001e20 }).rejection?.reason).toBe('code_precision_lost');
    expect(normaliseRosterRow({ name: '李二', codes: '6.10198E+14' }).rejection?.reason).toBe('code_precision_lost');
  });

  it('keeps Latin names with their spaces and rejects rows without a name or with a malformed code', () => {
    expect(normaliseRosterRow({ name: 'Li Er', codes: '61019800100101' })).toMatchObject({
      name: 'Li Er',
      codes: ['61019800100101'],
      repairs: [],
    });
    expect(normaliseRosterRow({ name: '  ', codes: '610198001001' }).rejection?.reason).toBe('missing_name');
    expect(normaliseRosterRow({ name: '赵四', codes: '6101980010' }).rejection?.reason).toBe('code_malformed');
  });
});
