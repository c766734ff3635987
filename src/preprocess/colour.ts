// Colour pixels to grey. Seals, "HỎA TỐC" and receipt stamps, signatures and digital-signature boxes are red or
// blue; the text of an administrative document is black. Read as plain luma, a red seal over the signer's title
// or a blue signature becomes dark ink that OCR reads as text or that breaks the letters under it. With the
// ink dropped, strongly coloured pixels become paper; black text under a seal stays black (dark in every channel).

/** Chroma (largest minus smallest channel) up to which a pixel is grey, taken as it is. */
const GREY_CHROMA = 48;
/** Chroma from which a pixel is coloured ink, turned to paper; in between the pixel fades towards paper. */
const INK_CHROMA = 96;
const PAPER = 255;

/** Rec. 601 luma, as sharp's greyscale. */
const luma = (r: number, g: number, b: number) => (77 * r + 150 * g + 29 * b) >> 8;

/**
 * Grey pixels of an interleaved RGB or RGBA image (`channels` 3 or 4); with `dropColour`, coloured ink is turned
 * into paper, and `asScanned` is the plain luma when that changed any pixel (the page as scanned, which
 * OCR may judge against); undefined when the page has no coloured ink. One pass, straight into the output: a
 * 300 DPI A4 page is 35 MB of RGBA.
 */
export function toGrey(pixels: Uint8Array, channels: 3 | 4, count: number, dropColour: boolean): { grey: Buffer; asScanned?: Buffer } {
  const grey = Buffer.allocUnsafe(count);
  let plain: Buffer | undefined;
  for (let i = 0, j = 0; i < count; i++, j += channels) {
    const r = pixels[j]!;
    const g = pixels[j + 1]!;
    const b = pixels[j + 2]!;
    const y = luma(r, g, b);
    if (!dropColour) {
      grey[i] = y;
      continue;
    }
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    if (chroma <= GREY_CHROMA) grey[i] = y;
    else {
      // The first coloured pixel: the plain luma so far is the grey so far.
      if (!plain) (plain = Buffer.allocUnsafe(count)), grey.copy(plain, 0, 0, i);
      grey[i] = chroma >= INK_CHROMA ? PAPER : y + (((PAPER - y) * (chroma - GREY_CHROMA)) / (INK_CHROMA - GREY_CHROMA) | 0);
    }
    if (plain) plain[i] = y;
  }
  return { grey, asScanned: plain };
}
