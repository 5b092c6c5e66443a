import { describe, expect, it } from 'vitest';
import { unitKindOf, unitLabel } from './unit-label.js';

describe('unitLabel', () => {
  it('names a street block by its buildings, never by its internal id', () => {
    expect(unitLabel({ id: 'u30', buildings: ['way/2415'] })).toBe('building way/2415');
    expect(unitLabel({ id: 'u30', buildings: ['b1', 'b2'] })).toBe('the street block of buildings b1, b2');
    const many = unitLabel({ id: 'u7', buildings: ['1', '2', '3', '4', '5', '6', '7'] });
    expect(many).toBe('the street block of buildings 1, 2, 3, 4, 5 and 2 more');
    expect(many).not.toContain('u7');
  });

  it("names a polygon unit by its file's own id", () => {
    expect(unitLabel({ id: '060750101001' })).toBe('unit 060750101001');
    expect(unitLabel({ id: 'tract-9', buildings: [] })).toBe('unit tract-9');
  });

  it('calls a polygon unit what the caller says it is: a census block, or a building footprint', () => {
    expect(unitLabel({ id: '060750101001' }, 'block')).toBe('block 060750101001');
    expect(unitLabel({ id: 'fp-12' }, 'building')).toBe('building fp-12');
    // Buildings inside a unit say what it is, whatever the caller's kind.
    expect(unitLabel({ id: 'u30', buildings: ['way/2415'] }, 'block')).toBe('building way/2415');
    expect(unitKindOf({ buildings: ['b1', 'b2'] }, 'building')).toBe('block');
    expect(unitKindOf({ buildings: ['b1'] })).toBe('building');
    expect(unitKindOf({}, 'block')).toBe('block');
    expect(unitKindOf({})).toBeUndefined();
  });
});
