/**
 * Phone photos (4–12 MB) shrunk before upload: the longer side to at most 1600 px, JPEG at
 * quality 0.82 — a few hundred KB, sharp enough to see a blocked stairwell. A browser that
 * cannot decode the file (HEIC on some desktops) sends it as it is; the API checks its type.
 */
export const MAX_SIDE_PX = 1600;

/** The scale (≤ 1) that fits `width` × `height` into MAX_SIDE_PX. */
export function shrinkScale(width: number, height: number): number {
  return Math.min(1, MAX_SIDE_PX / Math.max(width, height, 1));
}

export async function shrinkPhoto(file: Blob): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return file;
  }
  const scale = shrinkScale(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
  return blob && blob.size < file.size ? blob : file;
}
