import { describe, expect, it } from 'vitest';
import type { OcrEngine } from '../src/ocr/engine.js';
import { crop, missedStretches, missedWords, textOfWords, withMissed } from '../src/ocr/missed.js';
import { ocrImage } from '../src/ocr/page.js';
import type { Box, GreyImage, OcrWord } from '../src/types.js';

const W = 1200;
const H = 1600;
/** A white page with ink filling each box (a word's letters, roughly: a line of text is dark where its words are). */
function page(...inked: Box[]): GreyImage {
  const data = new Uint8Array(W * H).fill(255);
  for (const b of inked) for (let y = b.y0; y < b.y1; y += 3) for (let x = b.x0; x < b.x1; x++) data[y * W + x] = 0;
  return { data, width: W, height: H };
}
const word = (text: string, box: Box, line: number, block = 1): OcrWord => ({ text, confidence: 95, page: 1, line, block, box });
/** Twelve read lines of one word each, 40 px high, down the left of the page. */
const lines = Array.from({ length: 12 }, (_, i) => word(`dòng${i}`, { x0: 100, y0: 100 + 60 * i, x1: 500, y1: 140 + 60 * i }, i));
const name: Box = { x0: 700, y0: 1200, x1: 1000, y1: 1240 };

describe('text the page layout left out', () => {
  it('finds ink no word of the reading covers, with a cell of margin', () => {
    const stretches = missedStretches(page(...lines.map((w) => w.box), name), lines);
    expect(stretches).toHaveLength(1);
    const [s] = stretches;
    expect(s!.x0).toBeLessThanOrEqual(name.x0);
    expect(s!.x1).toBeGreaterThanOrEqual(name.x1);
    expect(s!.y0).toBeLessThanOrEqual(name.y0);
    expect(s!.y1).toBeGreaterThanOrEqual(name.y1);
    expect(s!.y1 - s!.y0).toBeLessThan(200);
  });

  it('finds nothing when every ink is read, and takes no blank word (a picture tesseract boxed) for a reading', () => {
    expect(missedStretches(page(...lines.map((w) => w.box), name), [...lines, word('Tên', name, 20)])).toEqual([]);
    const picture = word(' ', { x0: 600, y0: 1100, x1: 1100, y1: 1300 }, 21);
    expect(missedStretches(page(...lines.map((w) => w.box), name), [...lines, picture])).toHaveLength(1);
  });

  it('leaves the scan\'s edge alone, and a speck too small for a word', () => {
    const edge = { x0: 0, y0: 1500, x1: W, y1: 1600 };
    const speck = { x0: 800, y0: 900, x1: 830, y1: 930 };
    expect(missedStretches(page(...lines.map((w) => w.box), edge, speck), lines)).toEqual([]);
  });

  it('crops a stretch with the words already read in it made paper', () => {
    const image = page(name, { x0: 1010, y0: 1200, x1: 1100, y1: 1240 });
    const piece = crop(image, { x0: 650, y0: 1150, x1: 1150, y1: 1290 }, [word('đã đọc', { x0: 1010, y0: 1200, x1: 1100, y1: 1240 }, 0)]);
    expect(piece.width).toBe(500);
    expect(piece.height).toBe(140);
    const inkIn = (x0: number, x1: number) => {
      let n = 0;
      for (let y = 0; y < piece.height; y++) for (let x = x0; x < x1; x++) if (piece.data[y * piece.width + x]! < 128) n++;
      return n;
    };
    expect(inkIn(60, 340)).toBeGreaterThan(0);
    expect(inkIn(360, 450)).toBe(0);
  });

  it('puts a recovered title before the name under it, and a run with nothing under it at the end', () => {
    const body = word('Nội', { x0: 100, y0: 100, x1: 200, y1: 140 }, 0);
    const signer = word('Minh', { x0: 700, y0: 1300, x1: 900, y1: 1340 }, 1, 2);
    const title = word('CHỦ', { x0: 700, y0: 1200, x1: 850, y1: 1240 }, 5, 3);
    const placed = withMissed([body, signer], 'Nội\nMinh\n', [[title]]);
    expect(placed.words.map((w) => w.text)).toEqual(['Nội', 'CHỦ', 'Minh']);
    expect(placed.text).toBe('Nội\n\nCHỦ\n\nMinh\n');
    const aside = word('Ghi', { x0: 100, y0: 1400, x1: 200, y1: 1440 }, 6, 4);
    expect(withMissed([body, signer], 'Nội\nMinh\n', [[aside]])).toEqual({ words: [body, signer, aside], text: 'Nội\nMinh\n\nGhi\n' });
  });

  it('leaves the page\'s other lines as the reading gave them, its paragraphs and spacing too', () => {
    const body = word('Nội', { x0: 100, y0: 100, x1: 200, y1: 140 }, 0);
    const more = word('dung', { x0: 210, y0: 100, x1: 300, y1: 140 }, 0);
    const signer = word('Minh', { x0: 700, y0: 1300, x1: 900, y1: 1340 }, 1, 2);
    const title = word('CHỦ', { x0: 700, y0: 1200, x1: 850, y1: 1240 }, 5, 3);
    // Blocks as tesseract numbered them would give a blank line between the two; the reading gave none.
    expect(withMissed([body, more, signer], 'Nội   dung\n\n\nMinh\n', [[title]]).text).toBe('Nội   dung\n\n\nCHỦ\n\nMinh\n');
    expect(textOfWords([body, more, signer])).toBe('Nội dung\n\nMinh\n');
  });

  it('reads a stretch the page reading left out on its own, and puts its words where they are on the page', async () => {
    const crops: number[] = [];
    const engine: OcrEngine = {
      async recognize(image) {
        const width = Number(/^P\d\s+(\d+)/.exec(image.subarray(0, 20).toString('latin1'))![1]);
        if (width === W) return { text: '', words: lines, confidence: 95 };
        crops.push(width);
        return { text: 'Đặng Văn Minh', words: [word('Đặng', { x0: 50, y0: 40, x1: 150, y1: 80 }, 0), word('Minh', { x0: 160, y0: 40, x1: 260, y1: 80 }, 0)], confidence: 95 };
      },
      terminate: async () => {},
    };
    // A page with coloured ink (a seal) dropped: its plain grey kept as scanned.
    const scan = page(...lines.map((w) => w.box), name);
    const result = await ocrImage({ ...scan, asScanned: scan.data, dpi: 300 }, 1, async () => engine, true, 1);
    expect(crops).toHaveLength(1);
    expect(result.text.trim().split('\n').at(-1)).toBe('Đặng Minh');
    const recovered = result.words.find((w) => w.text === 'Đặng')!;
    expect(recovered.box.x0).toBeGreaterThan(name.x0 - 120);
    expect(recovered.box.y0).toBeGreaterThan(name.y0 - 80);
    expect(new Set(result.words.map((w) => w.line)).size).toBe(13);
    // A page without coloured ink (a grey seal, a 1-bit scan): read again too.
    await ocrImage({ ...scan, dpi: 300 }, 1, async () => engine, true, 1);
    expect(crops).toHaveLength(2);
    // A page read as it is (--no-preprocess) is tesseract's reading alone.
    await ocrImage({ ...scan, dpi: 300 }, 1, async () => engine, false, 1);
    expect(crops).toHaveLength(2);
  });

  it('reads a stretch taken for a picture again as one block, keeping its sure lines only', async () => {
    const image = page(...lines.map((w) => w.box), name);
    const at = (text: string, confidence: number, x0: number, line: number): OcrWord => ({ ...word(text, { x0, y0: 40 + 60 * line, x1: x0 + 60, y1: 80 + 60 * line }, line), confidence });
    // A grey seal between title and name: read as one block, it gives lines of marks, unsure on the whole.
    const block = [at('CHỦ', 90, 80, 0), at('TỊCH', 96, 150, 0), at('RN', 64, 10, 1), at('r', 26, 80, 1), at('z', 89, 10, 2), at('x', 18, 80, 2), at('MỸ', 35, 150, 2), at('Đặng', 40, 10, 3), at('Văn', 96, 80, 3), at('Minh', 97, 150, 3)];
    const asked: boolean[] = [];
    const [run] = await missedWords(lines, image, async (_, asBlock) => (asked.push(asBlock), { words: asBlock ? block : [word(' ', { x0: 0, y0: 0, x1: 300, y1: 300 }, 0)] }));
    expect(asked).toEqual([false, true]);
    expect(run!.map((w) => w.text)).toEqual(['CHỦ', 'TỊCH', 'Đặng', 'Văn', 'Minh']);
    // Such a line may lack a word the seal ran into: none of it is taken as sure.
    expect(Math.max(...run!.map((w) => w.confidence))).toBeLessThan(80);
    // A stretch the page's own reading reads is not read again as a block.
    asked.length = 0;
    await missedWords(lines, image, async (_, asBlock) => (asked.push(asBlock), { words: [at('Minh', 95, 10, 0), at('An', 95, 80, 0)] }));
    expect(asked).toEqual([false]);
  });

  it('keeps a sure line\'s words read at 0 under a seal, and leaves out a stray mark and a reading unsure on the whole', async () => {
    const image = page(...lines.map((w) => w.box), name);
    const at = (text: string, confidence: number, x0: number, line: number): OcrWord => ({ ...word(text, { x0, y0: 40 + 60 * line, x1: x0 + 60, y1: 80 + 60 * line }, line), confidence });
    // "TM. ỦY BAN NHÂN DÂN" read right, its first two words at 0 under the seal's red; a speck read "À" on the name's line.
    const title = [at('TM.', 0, 10, 0), at('ỦY', 0, 80, 0), at('BAN', 95, 150, 0), at('NHÂN', 96, 220, 0), at('DÂN', 93, 290, 0)];
    const signer = [at('À', 20, 10, 1), at('Hà', 95, 80, 1), at('An', 94, 150, 1), at('Văn', 93, 220, 1)];
    const [run] = await missedWords(lines, image, async () => ({ words: [...title, ...signer] }));
    expect(run!.map((w) => w.text)).toEqual(['TM.', 'ỦY', 'BAN', 'NHÂN', 'DÂN', 'Hà', 'An', 'Văn']);
    const scrawl = [at('ẤY', 30, 10, 0), at('Ưm', 10, 80, 0), at('BAN', 95, 150, 0)];
    expect(await missedWords(lines, image, async () => ({ words: scrawl }))).toEqual([]);
  });

  it('reads a stretch under a grey seal again in dark ink, and keeps that reading only when it has more sure letters', async () => {
    const image = page(...lines.map((w) => w.box), name);
    const at = (text: string, confidence: number, x0: number, line: number): OcrWord => ({ ...word(text, { x0, y0: 40 + 60 * line, x1: x0 + 60, y1: 80 + 60 * line }, line), confidence });
    // The seal's ring and star, thresholded with the print, read as sure stray letters; in dark ink the title and name.
    const marks = [at('E', 92, 10, 0), at('2', 90, 10, 1), at('rần', 88, 80, 2)];
    const inDark = [at('PHÓ', 93, 10, 0), at('CHỦ', 96, 80, 0), at('TỊCH', 96, 150, 0), at('Trần', 92, 10, 1), at('Hoàng', 97, 80, 1)];
    // In dark ink only the name's box keeps its ink: the rest of the stretch was grey.
    const darkPage = page(...lines.map((w) => w.box), { ...name, x1: name.x0 + 60 });
    const read = (dark: OcrWord[]) => async (stretch: GreyImage) => ({ words: stretch.data.filter((v) => v === 0).length < 2000 ? dark : marks });
    const [run] = await missedWords(lines, image, read(inDark), (box) => crop(darkPage, box, []));
    expect(run!.map((w) => w.text)).toEqual(['PHÓ', 'CHỦ', 'TỊCH', 'Trần', 'Hoàng']);
    // In dark ink a blurred word can be lost too ("CHỦ TỊCH" for "PHÓ CHỦ TỊCH"): none of it is taken as sure.
    expect(Math.max(...run!.map((w) => w.confidence))).toBeLessThan(80);
    // What is left of a seal in dark ink reads as a mark or two: the page's own reading stands.
    const [kept] = await missedWords(lines, image, read([at('Ị', 95, 10, 0)]), (box) => crop(darkPage, box, []));
    expect(kept!.map((w) => w.text)).toEqual(['E', '2', 'rần']);
    // A stretch whose first reading is not taken (a shadow, a picture) gets no dark-ink reading either.
    const unsure = marks.map((w) => ({ ...w, confidence: 30 }));
    const readUnsure = async (stretch: GreyImage) => ({ words: stretch.data.filter((v) => v === 0).length < 2000 ? inDark : unsure });
    expect(await missedWords(lines, image, readUnsure, (box) => crop(darkPage, box, []))).toEqual([]);
    // Without light ink (a 1-bit scan, print alone) the stretch is not read again.
    let asked = 0;
    await missedWords(lines, image, async () => (asked++, { words: marks }), (box) => crop(image, box, []));
    expect(asked).toBe(1);
  });
});
