import { describe, expect, it } from 'vitest';
import { communityOfGrid, gridCode, isGridCode, parseGridCode, regionLevelOf } from './grid-code.js';

describe('grid codes', () => {
  it('builds a 15-digit code from a community code and a serial', () => {
    expect(gridCode('610199001002', 7)).toBe('610199001002007');
    expect(gridCode('610199001002', 999)).toBe('610199001002999');
  });

  it('rejects malformed parts with a message naming them', () => {
    expect(() => gridCode('61019900100', 1)).toThrow(/12 digits/);
    expect(() => gridCode('610199001002', 0)).toThrow(/1 to 999/);
    expect(() => gridCode('610199001002', 1000)).toThrow(/1 to 999/);
    expect(() => gridCode('610199001002', 1.5)).toThrow(/whole number/);
  });

  it('parses and validates', () => {
    expect(parseGridCode('610199001002007')).toEqual({
      county: '610199',
      subdistrict: '001',
      community: '002',
      serial: 7,
    });
    expect(isGridCode('610199001002007')).toBe(true);
    expect(isGridCode('610199001002000')).toBe(false);
    expect(isGridCode('61019900100200')).toBe(false);
    expect(isGridCode('61019900100200a')).toBe(false);
    expect(() => parseGridCode('x')).toThrow(/"x"/);
    expect(communityOfGrid('610199001002007')).toBe('610199001002');
  });

  it('tells region levels by code length', () => {
    expect(regionLevelOf('610199')).toBe('district');
    expect(regionLevelOf('610199001')).toBe('subdistrict');
    expect(regionLevelOf('610199001002')).toBe('community');
    expect(regionLevelOf('6101990010')).toBeNull();
    expect(regionLevelOf('abc')).toBeNull();
  });
});
