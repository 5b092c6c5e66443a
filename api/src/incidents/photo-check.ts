/**
 * What a report photo may be: JPEG, PNG or WebP by its first bytes (the declared type is not
 * trusted), at most MAX_PHOTO_BYTES. The web page shrinks phone photos before sending them.
 */
export const MAX_PHOTO_BYTES = 8 * 2 ** 20;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes start with, or null. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}
