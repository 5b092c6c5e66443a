import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.js';

describe('addressKey', () => {
  it('matches full-width, spaced and 幢/座/号楼 spellings of one building', () => {
    const k = addressKey('洪山路12号3栋');
    expect(addressKey('洪山路 １２号３幢')).toBe(k);
    expect(addressKey('洪山路12号3座')).toBe(k);
    expect(addressKey('洪山路12号3号楼')).toBe(k);
    expect(addressKey('洪山路12号4栋')).not.toBe(k);
    expect(addressKey(' BLD-0012 ')).toBe(addressKey('bld-0012'));
  });
});
