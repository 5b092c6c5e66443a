import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from './mask.js';

describe('masking', () => {
  it('keeps the first 4 and last 4 of an identity number', () => {
    expect(maskIdNumber('610104199001011234')).toBe('6101**********1234');
    expect(maskIdNumber('61010419900101123X')).toBe('6101**********123X');
    expect(maskIdNumber('12345')).toBe('***45');
    expect(maskIdNumber(null)).toBeNull();
  });

  it('keeps the first 3 and last 4 of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('138-1234-5678')).toBe('138****5678');
    expect(maskPhone('88886666')).toBe('******66');
    expect(maskPhone(null)).toBeNull();
  });
});
