// Page images made ready for OCR: greyscale (sharp), contrast levels, 250 to 330 DPI, borders cleared, level,
// binarised (the last four in one pass, binarise.ts).
import sharp, { type SharpInput, type SharpOptions } from 'sharp';
import { binarise } from './binarise.js';
import { toGrey } from './colour.js';
import { withoutBorders } from './borders.js';
import { flatten, isEven, paperLevels } from './background.js';
import type { Box, GreyImage } from '../types.js';
import { analyseLayout, inkShare } from './deskew.js';
import { levelOf, levelRange } from './levels.js';

export interface PreprocessOptions {
  /** Resolution the page was scanned or rendered at; read from the image or guessed from its size when absent. */
  dpi?: number;
  /** false: greyscale only. */
  enabled: boolean;
}

export interface PreparedPage {
  /** The pixels OCR reads: binarised (0 ink, 255 paper) when preprocessed, else grey; empty for a blank page. */
  image: GreyImage;
  /** image holds only 0 and 255. */
  bilevel: boolean;
  width: number;
  height: number;
  /** Degrees the page was found skewed by (and rotated back). */
  deskewDeg: number;
  /** The text seems to run up or down the page: OCR should try it turned by 90 and 270 degrees. */
  sideways: boolean;
  blank: boolean;
  /**
   * Preprocessing corrected nothing of substance (no uneven paper, copier border or coloured ink): it only
   * upsampled a low-resolution scan or stretched a low contrast, where tesseract's own thresholding of the scan
   * as it is reads as well about as often, so the page is worth reading both ways.
   */
  onlyEnhanced: boolean;
  /**
   * The page binarised as `image` is, keeping only its darkest ink: a seal or a pen stroke scanned in grey is
   * lighter than print (red reads about 80 of 255), and under it the signer's title is lost to the common threshold.
   * Made on demand, for a box of `image` (its pixels only); absent when the page is not binarised here.
   */
  darkInk?: (box: Box) => GreyImage;
}

/**
 * Scans below MIN_DPI are upsampled to LOW_DPI_TARGET, scans above MAX_DPI downsampled to 300, the rest
 * read as they are. On the dev split's 200 DPI pages, 240 and 260 read better than 300 (0.22% and 0.21% CER
 * against 0.26%) with 9% less OCR time, and 220 worse (0.31%); 300 DPI pages gained nothing reliable from
 * resampling to 250 (clean as accurate, office less).
 */
const MIN_DPI = 240;
const LOW_DPI_TARGET = 250;
const MAX_DPI = 330;
const HIGH_DPI_TARGET = 300;
/**
 * Levels stretched by at least this factor: the scan's contrast was low (on the damage bench's tuning pages,
 * low-contrast scans span 65-120 of the 256 levels, all others 180 or more).
 */
const LOW_CONTRAST_STRETCH = 1.5;
/** Below this share of pixels darker than BLANK_DARK (on paper made white) a page is blank; low-contrast ink is still ink. */
const BLANK_INK_SHARE = 0.001;
const BLANK_DARK = 200;
const ANALYSIS_WIDTH = 1000;
/** Grey level below which a normalised pixel is ink (tuned on rendered dev-split pages: 160, 172, 185 and 200 tried). */
const BINARY_THRESHOLD = 175;
/** Stretched grey level below which a pixel is dark ink (print's strokes), above most grey seals and pen strokes. */
const DARK_INK_THRESHOLD = 50;
/** Stretched grey level below which a pixel counts towards a copier border. */
const BORDER_DARK = 128;

/** A4 is 8.27 x 11.69 in: a page's DPI follows from its size when no density is recorded. */
function guessDpi(width: number, height: number): number {
  return Math.max(width / 8.27, height / 11.69);
}

/** sharp over grey pixels; greyscale() keeps its output at one channel (raw output would otherwise be sRGB). */
export const fromGrey = (img: GreyImage) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).greyscale();

/**
 * Decodes an image once into grey pixels (transparency flattened onto white paper); with `dropColour`, a colour
 * image's red and blue ink (seals, stamps, signatures) becomes paper (colour.ts).
 */
export async function decodeGrey(input: SharpInput, options: SharpOptions = {}, dropColour = false): Promise<GreyImage> {
  const image = sharp(input, options);
  const meta = await image.metadata();
  const flat = image.clone().flatten({ background: '#ffffff' });
  if (dropColour && (meta.channels ?? 1) >= 3 && meta.space !== 'b-w') {
    const { data, info } = await flat.toColourspace('srgb').removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const { grey, asScanned } = toGrey(data, 3, info.width * info.height, true);
    return { data: grey, width: info.width, height: info.height, dpi: meta.density, ...(asScanned ? { asScanned } : {}) };
  }
  const { data, info } = await flat.greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi: meta.density };
}

/** A box of a grey page as scanned (no resampling, no turn) binarised in its darkest ink only: see PreparedPage.darkInk. */
export function darkInkOf(grey: GreyImage): (box: Box) => GreyImage {
  // The page's levels are counted at the first box asked for: most pages have no stretch to read again.
  let threshold: number | undefined;
  return (region) => binarise(grey, { scale: 1, skewDeg: 0, threshold: (threshold ??= levelOf(levelRange(grey, 1, 99), DARK_INK_THRESHOLD)), region });
}

/**
 * Takes an encoded image or grey pixels (what ingest hands over: decoding a scan is a large share of the
 * work, so it is done once) and returns the pixels that OCR reads.
 */
export async function preprocessPage(input: Buffer | GreyImage, options: PreprocessOptions): Promise<PreparedPage> {
  let grey = Buffer.isBuffer(input) ? await decodeGrey(input) : input;
  const { width, height } = grey;
  const page = { deskewDeg: 0, sideways: false, blank: false, onlyEnhanced: false };
  if (!options.enabled) return { ...page, image: grey, bilevel: false, width, height };
  // 72 DPI is what most software writes when it does not know: as good as no value.
  const recorded = options.dpi ?? grey.dpi;
  const dpi = recorded && recorded > 72 ? recorded : guessDpi(width, height);
  const target = dpi < MIN_DPI ? LOW_DPI_TARGET : dpi > MAX_DPI ? HIGH_DPI_TARGET : dpi;
  const scale = Math.min(Math.max(target / dpi, 0.25), 4);
  // Analysis on a small copy, divided by its paper level (not stretched: that would turn the paper noise of a
  // blank page into ink). The page itself is divided only where its paper is uneven.
  const resized = await fromGrey(grey).resize({ width: Math.min(ANALYSIS_WIDTH, width) }).raw().toBuffer({ resolveWithObject: true });
  const small = { data: resized.data, width: resized.info.width, height: resized.info.height };
  const paper = paperLevels(small);
  const analysis = withoutBorders(flatten(small, paper));
  const even = isEven(paper);
  if (!even) grey = flatten(grey, paper);
  const ink = inkShare(analysis, BLANK_DARK);
  if (ink < BLANK_INK_SHARE) return { ...page, blank: true, image: { data: new Uint8Array(0), width: 0, height: 0 }, bilevel: true, width, height };
  const { skew, sideways } = analyseLayout(analysis);
  // Black point at the 1st percentile (sharp's default) on ordinary pages, lower on pages with little ink:
  // there that percentile is paper, and stretching it to black turned the paper grain into speckled letters.
  const levels = levelRange(grey, Math.min(1, (ink * 100) / 4), 99);
  const cleared = withoutBorders(grey, levelOf(levels, BORDER_DARK));
  // Turned only when clearly skewed: a level page at a good resolution is a plain threshold.
  const geometry = { scale, skewDeg: Math.abs(skew) >= 0.2 ? skew : 0 };
  const image = binarise(cleared, { ...geometry, threshold: levelOf(levels, BINARY_THRESHOLD) });
  const darkInk = (region: Box) => binarise(cleared, { ...geometry, threshold: levelOf(levels, DARK_INK_THRESHOLD), region });
  // A PDF page's scan was upsampled by its rendering when its own resolution was low.
  const upsampled = Math.min(dpi, grey.scanDpi ?? dpi) < MIN_DPI;
  const stretched = 255 / (levels.high - levels.low) >= LOW_CONTRAST_STRETCH;
  const onlyEnhanced = even && cleared === grey && !grey.asScanned && (upsampled || stretched);
  return { ...page, deskewDeg: skew, sideways, image, bilevel: true, width: image.width, height: image.height, onlyEnhanced, darkInk };
}
