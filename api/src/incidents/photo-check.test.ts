import { describe, expect, it } from 'vitest';
import { sniffPhotoType } from './photo-check.js';

describe('sniffPhotoType', () => {
  it('tells JPEG, PNG and WebP by their first bytes and refuses the rest', () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image/png');
    expect(
      sniffPhotoType(
        new Uint8Array(
          [...'RIFF']
            .map((c) => c.charCodeAt(0))
            .concat(
              [1, 2, 3, 4],
              [...'WEBP'].map((c) => c.charCodeAt(0)),
            ),
        ),
      ),
    ).toBe('image/webp');
    expect(sniffPhotoType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});
