import { describe, expect, it } from 'vitest';
import { compileTimeFormat, offsetMinutes, parseTime } from './parse-time.js';

const BJ = 480;
const utc = (s: string): number => Date.parse(s);

describe('parseTime', () => {
  it('reads ISO 8601 with and without a zone', () => {
    expect(parseTime('2020-12-11T23:45:00Z', BJ)).toBe(utc('2020-12-11T23:45:00Z'));
    expect(parseTime('2020-12-11T23:45:00.250+08:00', 0)).toBe(utc('2020-12-11T15:45:00.250Z'));
    expect(parseTime('2020-12-11T23:45:00+0800', 0)).toBe(utc('2020-12-11T15:45:00Z'));
    expect(parseTime('2020-12-11 23:45', BJ)).toBe(utc('2020-12-11T15:45:00Z'));
    expect(parseTime('2020-12-11', BJ)).toBe(utc('2020-12-10T16:00:00Z'));
  });

  it('reads the common Chinese and US spreadsheet forms', () => {
    expect(parseTime('2020/12/11 23:45', BJ)).toBe(utc('2020-12-11T15:45:00Z'));
    expect(parseTime('2020/12/11 23:45:30', BJ)).toBe(utc('2020-12-11T15:45:30Z'));
    expect(parseTime('2020年12月11日', BJ)).toBe(utc('2020-12-10T16:00:00Z'));
    expect(parseTime('12/11/2020 11:45:00 PM', BJ)).toBe(utc('2020-12-11T15:45:00Z'));
    expect(parseTime('12/11/2020 12:05:00 AM', 0)).toBe(utc('2020-12-11T00:05:00Z'));
    expect(parseTime('12/11/2020 12:05 pm', 0)).toBe(utc('2020-12-11T12:05:00Z'));
    expect(parseTime('12/11/2020 23:45', 0)).toBe(utc('2020-12-11T23:45:00Z'));
    expect(parseTime('20120702', 0)).toBe(utc('2012-07-02T00:00:00Z'));
  });

  it('takes numbers as epoch seconds or milliseconds, and Dates as they are', () => {
    expect(parseTime(1_600_000_000, BJ)).toBe(1_600_000_000_000);
    expect(parseTime('1600000000', BJ)).toBe(1_600_000_000_000);
    expect(parseTime(1_600_000_000_123, BJ)).toBe(1_600_000_000_123);
    expect(parseTime(new Date('2020-01-01T00:00:00Z'), BJ)).toBe(utc('2020-01-01T00:00:00Z'));
  });

  it('refuses what is not a time', () => {
    for (const bad of [
      '',
      'yesterday',
      '2020-13-01',
      '2021-02-29',
      '13/45/2020',
      '2020/12/11 25:00',
      '12/11/2020 13:00 PM',
      null,
      undefined,
      {},
    ]) {
      expect(parseTime(bad, BJ), String(bad)).toBeNull();
    }
  });

  it('follows an explicit --time-format', () => {
    const f = compileTimeFormat('DD.MM.YYYY HH:mm');
    expect(parseTime('11.12.2020 23:45', 0, f)).toBe(utc('2020-12-11T23:45:00Z'));
    expect(parseTime('2020-12-11 23:45', 0, f)).toBeNull();
    const us = compileTimeFormat('MM/DD/YYYY hh:mm:ss A');
    expect(parseTime('12/11/2020 11:45:00 PM', BJ, us)).toBe(utc('2020-12-11T15:45:00Z'));
    expect(() => compileTimeFormat('HH:mm')).toThrow(/YYYY, MM and DD/);
  });

  it('reads UTC offsets', () => {
    expect(offsetMinutes('+08:00')).toBe(480);
    expect(offsetMinutes('-0700')).toBe(-420);
    expect(offsetMinutes('Z')).toBe(0);
    expect(offsetMinutes('8')).toBeUndefined();
  });
});
