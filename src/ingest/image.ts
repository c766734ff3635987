// Page images with sharp: PNG, JPEG, WebP, and TIFF with any number of pages.
import { stat } from 'node:fs/promises';
import sharp, { type Metadata } from 'sharp';
import { InputError } from '../errors.js';
import { decodeGrey } from '../preprocess/index.js';
import type { GreyImage } from '../types.js';

/** Images larger than this are refused: decoding them would take gigabytes. Larger scans: split or downscale first. */
export const MAX_PIXELS = 150_000_000;
/** A page image smaller than this on either side holds no readable text. */
export const MIN_SIDE = 32;

export async function imagePageCount(file: string): Promise<number> {
  if ((await stat(file)).size === 0) throw new InputError(file, 'empty file (0 bytes)');
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new InputError(file, `unreadable or corrupt image (${(error as Error).message.split('\n')[0]})`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (width < MIN_SIDE || height < MIN_SIDE) throw new InputError(file, `image too small to hold text (${width}×${height} px; at least ${MIN_SIDE} px a side)`);
  if (width * height > MAX_PIXELS) {
    throw new InputError(file, `image too large (${width}×${height} px, over ${MAX_PIXELS / 1e6} megapixels): downscale or split it first`);
  }
  return meta.pages ?? 1;
}

/** One page of an image file as grey pixels, decoded once (coloured ink dropped if asked); decoding errors name the file. */
export async function imagePage(file: string, page: number, dropColour = false): Promise<GreyImage> {
  try {
    return await decodeGrey(file, { page: page - 1 }, dropColour);
  } catch (error) {
    throw new InputError(file, `unreadable or truncated image, page ${page} (${(error as Error).message.split('\n')[0]})`);
  }
}
