import { describe, expect, it } from 'vitest';
import { cookieValue } from './csrf-token';

describe('cookieValue', () => {
  it('finds a cookie among others and decodes it', () => {
    expect(cookieValue('theme=dark; ga_csrf=abc%2Bdef; x=1', 'ga_csrf')).toBe('abc+def');
    expect(cookieValue('ga_csrf=plain', 'ga_csrf')).toBe('plain');
  });

  it('does not match a cookie whose name only ends the same', () => {
    expect(cookieValue('not_ga_csrf=1', 'ga_csrf')).toBeNull();
    expect(cookieValue('', 'ga_csrf')).toBeNull();
  });
});
