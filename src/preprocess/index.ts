// Page images made ready for OCR with sharp: greyscale, normalised contrast, ~300 DPI, borders cleared, level, binarised.
import sharp, { type SharpInput, type SharpOptions } from 'sharp';
import { clearBorders } from './borders.js';
import type { GreyImage } from '../types.js';
import { analyseLayout, inkShare } from './deskew.js';
import { stretchLevels } from './levels.js';

export interface PreprocessOptions {
  /** Resolution the page was scanned or rendered at; read from the image or guessed from its size when absent. */
  dpi?: number;
  /** false: greyscale only. */
  enabled: boolean;
}

export interface PreparedPage {
  /** PNG, or empty for a blank page. */
  image: Buffer;
  width: number;
  height: number;
  /** Degrees the page was found skewed by (and rotated back). */
  deskewDeg: number;
  /** The text seems to run up or down the page: OCR should try it turned by 90 and 270 degrees. */
  sideways: boolean;
  blank: boolean;
}

export const TARGET_DPI = 300;
/** Below this share of dark pixels a page is blank. */
const BLANK_INK_SHARE = 0.001;
const ANALYSIS_WIDTH = 1000;
/** Grey level below which a normalised pixel is ink (tuned on rendered dev-split pages: 160, 172, 185 and 200 tried). */
const BINARY_THRESHOLD = 175;

/** A4 is 8.27 x 11.69 in: a page's DPI follows from its size when no density is recorded. */
function guessDpi(width: number, height: number): number {
  return Math.max(width / 8.27, height / 11.69);
}

/** sharp over grey pixels; greyscale() keeps its output at one channel (raw output would otherwise be sRGB). */
const fromGrey = (img: GreyImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).greyscale();

/** Decodes an image once into grey pixels (transparency flattened onto white paper). */
export async function decodeGrey(input: SharpInput, options: SharpOptions = {}): Promise<GreyImage> {
  const image = sharp(input, options);
  const [{ density }, { data, info }] = await Promise.all([
    image.metadata(),
    image.clone().flatten({ background: '#ffffff' }).greyscale().raw().toBuffer({ resolveWithObject: true }),
  ]);
  return { data, width: info.width, height: info.height, dpi: density };
}

/**
 * Takes an encoded image or grey pixels (what ingest hands over: decoding a scan is a large share of the
 * work, so it is done once) and returns the PNG that OCR reads.
 */
export async function preprocessPage(input: Buffer | GreyImage, options: PreprocessOptions): Promise<PreparedPage> {
  const grey = Buffer.isBuffer(input) ? await decodeGrey(input) : input;
  const { width, height } = grey;
  if (!options.enabled) {
    return { image: await fromGrey(grey).png().toBuffer(), width, height, deskewDeg: 0, sideways: false, blank: false };
  }
  // 72 DPI is what most software writes when it does not know: as good as no value.
  const recorded = options.dpi ?? grey.dpi;
  const dpi = recorded && recorded > 72 ? recorded : guessDpi(width, height);
  const scale = Math.min(Math.max(TARGET_DPI / dpi, 0.25), 4);
  // Analysis on a small copy. Not normalised: that would stretch the paper noise of a blank page into ink.
  const small = await fromGrey(grey).resize({ width: Math.min(ANALYSIS_WIDTH, width) }).raw().toBuffer({ resolveWithObject: true });
  const analysis = { data: small.data, width: small.info.width, height: small.info.height };
  clearBorders(analysis);
  const ink = inkShare(analysis);
  if (ink < BLANK_INK_SHARE) return { image: Buffer.alloc(0), width, height, deskewDeg: 0, sideways: false, blank: true };
  const { skew, sideways } = analyseLayout(analysis);
  // Black point at the 1st percentile (sharp's default) on ordinary pages, lower on pages with little ink:
  // there that percentile is paper, and stretching it to black turned the paper grain into speckled letters.
  const blackPercentile = Math.min(1, (ink * 100) / 4);
  let page = stretchLevels(grey, blackPercentile, 99);
  // Pages at about 300 DPI (every rendered PDF page) skip the trip through sharp: it saves a copy, and the
  // 200-page benchmark peaked lower without it (buffers sharp returns seem to pile up between collections).
  if (Math.abs(scale - 1) > 0.1) {
    const { data, info } = await fromGrey(page).resize({ width: Math.round(width * scale), kernel: 'lanczos3' }).raw().toBuffer({ resolveWithObject: true });
    page = { data, width: info.width, height: info.height };
  }
  clearBorders(page);
  let out = fromGrey(page);
  if (Math.abs(skew) >= 0.2) out = out.rotate(-skew, { background: '#ffffff' });
  // Binarised here rather than by tesseract: paper noise would otherwise make a 10+ MB PNG that costs time
  // and WASM memory in the worker; on the dev pages this was a third faster at the same CER. Light PNG
  // compression: the bytes only cross to the OCR worker, and deflating harder costs more than it saves.
  const png = await out.threshold(BINARY_THRESHOLD).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true });
  return { image: png.data, width: png.info.width, height: png.info.height, deskewDeg: skew, sideways, blank: false };
}
