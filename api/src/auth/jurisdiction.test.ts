import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { isInsideJurisdiction, overlaps, requireInsideJurisdiction } from './jurisdiction.js';

describe('jurisdiction checks', () => {
  it('holds a code whose prefix is a jurisdiction, at every level', () => {
    expect(isInsideJurisdiction(['610198'], '610198')).toBe(true);
    expect(isInsideJurisdiction(['610198'], '610198001002')).toBe(true);
    // A city's jurisdiction (4 digits) holds its districts; a province's (2) its cities' districts.
    expect(isInsideJurisdiction(['4201'], '420111')).toBe(true);
    expect(isInsideJurisdiction(['42'], '420111001')).toBe(true);
    expect(isInsideJurisdiction(['610198001001', '420111'], '420111002')).toBe(true);
  });

  it('refuses siblings, ancestors and an empty jurisdiction', () => {
    expect(isInsideJurisdiction(['610198001001'], '610198001002')).toBe(false);
    // The district holding a community is not inside a jurisdiction of that community.
    expect(isInsideJurisdiction(['610198001001'], '610198')).toBe(false);
    expect(isInsideJurisdiction(['4201'], '420211')).toBe(false);
    expect(isInsideJurisdiction([], '610198')).toBe(false);
  });

  it('is a 403 naming what is outside', () => {
    expect(() => requireInsideJurisdiction(['610198'], '610198001', 'region')).not.toThrow();
    const refusal = (fn: () => void): HttpError => {
      try {
        fn();
      } catch (error) {
        return error as HttpError;
      }
      throw new Error('expected a refusal');
    };
    const district = refusal(() => requireInsideJurisdiction(['610198001'], '610198', 'district'));
    expect(district).toBeInstanceOf(HttpError);
    expect(district.status).toBe(403);
    expect(district.message).toBe('district 610198 is not wholly inside your jurisdiction');
    expect(refusal(() => requireInsideJurisdiction(['610198'], '420111001', 'region')).message).toBe(
      'region 420111001 is outside your jurisdiction',
    );
    expect(refusal(() => requireInsideJurisdiction(['610198001001'], '610198001002000001', 'grid')).message).toBe(
      'grid 610198001002000001 is outside your jurisdiction',
    );
  });

  it('lists ancestors of a jurisdiction as overlapping, for context, but not siblings', () => {
    expect(overlaps(['610198001001'], '610198')).toBe(true);
    expect(overlaps(['610198001001'], '610198001001')).toBe(true);
    expect(overlaps(['610198001001'], '610198001002')).toBe(false);
  });
});
