/**
 * The engine on the real street cases, pinned: `delineateCommunity` over the Shanghai People's
 * Square OSM streets with the 980 placed buildings, and over the Wuhan Hongshan roads with its
 * 234 building points, under "300 households and 1,000 persons". The figures are those of the
 * engine before its speed work (commit 366ae4e); work that makes it faster must give the very
 * same division (units, grids, bound, compliance, households of every grid in reading order).
 */
import { DEFAULT_RULE_PROFILE, delineateCommunity, type RuleProfile } from '@gridatlas/core';
import { describe, expect, it } from 'vitest';
import { shanghaiStreetCase, wuhanStreetCase } from './real-streets.js';

const profile: RuleProfile = { ...DEFAULT_RULE_PROFILE, combine: 'all', maxHouseholds: 300, maxPersons: 1000 };

describe('delineateCommunity on real street networks, pinned', () => {
  it.each([
    [
      'shanghai',
      shanghaiStreetCase,
      {
        buildings: 980,
        units: 884,
        grids: 40,
        lowerBound: 40,
        exceptions: 0,
        households:
          '300,292,293,299,300,300,291,298,300,290,300,300,300,291,300,299,299,300,297,298,291,284,294,286,288,297,297,292,289,298,300,294,295,295,293,296,288,253,290,295',
      },
    ],
    [
      'wuhan',
      wuhanStreetCase,
      {
        buildings: 234,
        units: 234,
        grids: 40,
        lowerBound: 39,
        exceptions: 10,
        households:
          '284,286,300,298,273,296,234,379,295,268,301,277,300,289,1090,413,423,884,256,503,293,300,300,295,286,754,275,1045,286,270,281,299,256,298,255,300,282,271,308,294',
      },
    ],
  ] as const)(
    '%s: the same division as before the speed work',
    (_, load, expected) => {
      const c = load();
      const r = delineateCommunity({ boundary: c.boundary, streets: c.streets, buildings: c.buildings, profile, seed: 1 });
      expect({
        buildings: c.buildings.length,
        units: r.units.units.length,
        grids: r.grids.length,
        lowerBound: r.report.lowerBound,
        exceptions: r.report.exceptions,
        households: r.grids.map((g) => g.households).join(','),
      }).toEqual(expected);
      expect(r.report).toMatchObject({ compliant: true, contiguous: true, unplaced: [], doubled: [] });
    },
    120_000,
  );
});
