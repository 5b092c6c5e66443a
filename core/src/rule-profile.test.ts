import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_PROFILE, gridLoad } from './rule-profile.js';

describe('gridLoad', () => {
  it('passes a grid that meets one cap under `any`', () => {
    const r = gridLoad({ households: 420, persons: 900 });
    expect(r.status).toBe('ok');
    expect(r.load).toBeCloseTo(0.9);
  });

  it('fails the same grid under `all`, naming the cap', () => {
    const r = gridLoad({ households: 420, persons: 900 }, { ...DEFAULT_RULE_PROFILE, combine: 'all' });
    expect(r.status).toBe('over');
    expect(r.exceeded).toEqual(['households']);
    expect(r.load).toBeCloseTo(1.4);
  });

  it('flags a grid over both caps under `any`', () => {
    const r = gridLoad({ households: 360, persons: 1100 });
    expect(r.status).toBe('over');
    expect(r.exceeded).toEqual(['households', 'persons']);
  });

  it('flags under-filled grids below 40% of both caps', () => {
    expect(gridLoad({ households: 100, persons: 300 }).status).toBe('under');
    expect(gridLoad({ households: 130, persons: 300 }).status).toBe('ok');
  });

  it('treats exactly the cap as within the rule', () => {
    expect(gridLoad({ households: 300, persons: 1000 }).status).toBe('ok');
  });
});

describe('dedicated grids', () => {
  it('are outside the size rule, whatever they hold', () => {
    expect(gridLoad({ households: 0, persons: 0 }, DEFAULT_RULE_PROFILE, { type: 'dedicated' }).status).toBe('exempt');
    expect(gridLoad({ households: 900, persons: 5000 }, DEFAULT_RULE_PROFILE, { type: 'dedicated' })).toMatchObject({
      status: 'exempt',
      exceeded: [],
    });
    expect(gridLoad({ households: 0, persons: 0 }, DEFAULT_RULE_PROFILE, { type: 'comprehensive' }).status).toBe('under');
  });
});
