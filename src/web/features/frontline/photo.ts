import { MAX_CASE_PHOTO_BYTES } from './frontline.api.ts';

/** The longest side a captured photo keeps: enough to read a label or see a dent, small enough for a weak signal. */
const MAX_SIDE = 1280;

/**
 * A phone photo (often 3–8 MB) as a JPEG the server accepts: drawn scaled down on a canvas and encoded at
 * falling quality (and size) until it fits. Returns its base64 and a data URL for the preview.
 */
export async function shrinkPhoto(file: File): Promise<{ base64: string; preview: string }> {
  const bitmap = await createImageBitmap(file);
  try {
    for (const [side, quality] of [[MAX_SIDE, 0.82], [MAX_SIDE, 0.6], [960, 0.6], [720, 0.5]] as const) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const preview = canvas.toDataURL('image/jpeg', quality);
      const base64 = preview.slice(preview.indexOf(',') + 1);
      if ((base64.length * 3) / 4 <= MAX_CASE_PHOTO_BYTES) return { base64, preview };
    }
  } finally {
    bitmap.close();
  }
  throw new Error('photo too large');
}
