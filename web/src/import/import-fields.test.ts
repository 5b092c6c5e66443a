import { describe, expect, it } from 'vitest';
import { guessFields } from './import-fields';

describe('guessFields', () => {
  it('maps Chinese and English field names to the layer options, each field once', () => {
    expect(guessFields('communities', ['FID', '社区名称', '社区代码', '所属街道'])).toEqual({
      parentField: '所属街道',
      codeField: '社区代码',
      nameField: '社区名称',
    });
    expect(guessFields('buildings', ['id', 'kind', 'height', 'layer', 'tile'])).toEqual({ idField: 'id', heightField: 'height' });
    expect(guessFields('registry', ['楼栋编码', '户数', '人数'])).toEqual({
      keyField: '楼栋编码',
      householdsField: '户数',
      personsField: '人数',
    });
    expect(guessFields('streets', ['name', 'highway'])).toEqual({ nameField: 'name', classField: 'highway' });
  });
  it("takes the finest street class field, as the API would, whatever the fields' order", () => {
    // Tilezen's roads: kind is major_road/minor_road/path, kind_detail the OSM highway value.
    expect(guessFields('streets', ['id', 'kind', 'kind_detail', 'name'])).toEqual({ nameField: 'name', classField: 'kind_detail' });
    expect(guessFields('streets', ['kind', 'fclass'])).toEqual({ classField: 'fclass' });
    expect(guessFields('streets', ['kind'])).toEqual({ classField: 'kind' });
  });
  it('guesses nothing it cannot see', () => {
    expect(guessFields('staff', ['a', 'b'])).toEqual({});
  });
});
