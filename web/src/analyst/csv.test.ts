import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, quotes what needs it and ends lines with CRLF', () => {
    const csv = toCsv(
      ['网格', '事件数'],
      [
        ['莲湖, 第"1"网格', 12],
        ['二号\n网格', null],
      ],
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual(['网格,事件数', '"莲湖, 第""1""网格",12', '"二号\n网格",', '']);
  });
  it('keeps Excel from evaluating formula-like text', () => {
    expect(toCsv(['a'], [['=SUM(A1)'], [-3]])).toBe("\uFEFFa\r\n'=SUM(A1)\r\n-3\r\n");
  });
});
