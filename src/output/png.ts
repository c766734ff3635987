// A PNG's compressed pixels as a PDF image, without decoding them: PNG's zlib stream with its per-row filters is
// what PDF's FlateDecode with the PNG predictors (Predictor 15) reads. Only for plain PNGs (not interlaced, no
// alpha channel, no transparency chunk); others are left to pdf-lib, which decodes and deflates them again.
import type { PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import { PDFHexString, PDFName } from '@cantoo/pdf-lib';

export interface PassedImage {
  ref: PDFRef;
  width: number;
  height: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function embedPngAsIs(pdf: PDFDocument, png: Buffer): PassedImage | undefined {
  if (!png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = -1;
  let palette: Buffer | undefined;
  const data: Buffer[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height, depth, colour] = [body.readUInt32BE(0), body.readUInt32BE(4), body[8]!, body[9]!];
      if (body[12] !== 0) return undefined; // interlaced
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') return undefined;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const colours = colour === 0 ? 1 : colour === 2 ? 3 : colour === 3 ? 1 : 0;
  if (!colours || !data.length || depth > 8 || (colour === 3 && !palette)) return undefined;
  const space =
    colour === 3 ? pdf.context.obj([PDFName.of('Indexed'), PDFName.of('DeviceRGB'), palette!.length / 3 - 1, PDFHexString.of(palette!.toString('hex'))]) : PDFName.of(colour === 0 ? 'DeviceGray' : 'DeviceRGB');
  const stream = pdf.context.stream(Buffer.concat(data), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: width,
    Height: height,
    BitsPerComponent: depth,
    ColorSpace: space,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: colours, BitsPerComponent: depth, Columns: width },
  });
  return { ref: pdf.context.register(stream), width, height };
}
