import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine, extractPages } from '../src/ocr/index.js';
import { ocrBlocks } from '../src/ocr/layout.js';
import { loadRestorer } from '../src/restore/index.js';
import { documentText, restoreWords } from '../src/restore/words.js';
import { textBlocks } from '../src/text/lines.js';
import type { OcrWord, PageText, RestoreResult } from '../src/types.js';
import { projectRoot } from './helpers/cli.js';

const word = (text: string, x0: number, line: number, block = 1, paragraph = 1): OcrWord => ({
  text,
  confidence: 80,
  page: 1,
  line,
  block,
  paragraph,
  box: { x0, y0: line * 50, x1: x0 + 30 * text.length, y1: line * 50 + 40 },
});

/** An OCR'd page made of the given lines (words at made-up boxes), the text as tesseract joins it. */
function ocrPage(lines: string[][], page = 1): PageText {
  const words = lines.flatMap((ws, line) => ws.map((w, i) => ({ ...word(w, 100 + i * 200, line, line < 1 ? 1 : 2), page })));
  return { page, text: `${lines.map((l) => l.join(' ')).join('\n')}\n`, source: 'ocr', words, blocks: ocrBlocks(words), width: 2480, height: 3508 };
}

describe('document model', () => {
  it('groups OCR words into tesseract blocks and lines, boxed around their words', () => {
    const page = ocrPage([['BÁO', 'CÁO'], ['Kết', 'quả'], ['thực', 'hiện']]);
    expect(page.blocks.map((b) => [b.number, b.lines.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const second = page.blocks[1]!.lines[0]!;
    expect(second.words.map((w) => w.text)).toEqual(['Kết', 'quả']);
    expect(second.box).toEqual({ x0: 100, y0: 50, x1: 300 + 30 * 3, y1: 90 });
    expect(second.words[0]).toBe(page.words[2]);
  });

  it('reads plain text as blocks of lines between blank lines, words without boxes', () => {
    const blocks = textBlocks('BÁO CÁO\nKết quả\n\n  thực hiện  \n');
    expect(blocks.map((b) => b.lines.map((l) => l.words.map((w) => w.text).join('|')))).toEqual([['BÁO|CÁO', 'Kết|quả'], ['thực|hiện']]);
    expect(blocks[0]!.lines[0]!.words[0]!.box).toBeUndefined();
  });
});

describe('restoration onto words', async () => {
  const restorer = await loadRestorer();

  it('writes the restored form, confidence and the OCR reading onto each word of every page', () => {
    const pages = [ocrPage([['BAO', 'CAO'], ['Ket', 'qua', 'thuc', 'hien']]), { ...ocrPage([['ke', 'hoach', 'chuyen', 'doi', 'so']], 2), page: 2 }];
    const text = documentText(pages);
    const restoration = restorer.restore(text, { source: 'ocr' });
    const restored = restoreWords(pages, restoration);
    const forms = restored.map((p) => p.words.map((w) => w.restored).join(' '));
    expect(forms).toEqual(restoration.text.split('\n\n').map((t) => t.replace(/\n/g, ' ')));
    expect(forms[1]).toBe('kế hoạch chuyển đổi số');
    const ke = restored[1]!.words[0]!;
    expect(ke).toMatchObject({ text: 'ke', restored: 'kế', alternatives: ['ke'], box: pages[1]!.words[0]!.box });
    expect(ke.restoredConfidence).toBeGreaterThan(0);
    expect(ke.restoredConfidence).toBeLessThanOrEqual(1);
    // The blocks hold the same restored words; the pages given are left as they were.
    expect(restored[1]!.blocks[0]!.lines[0]!.words[0]).toBe(ke);
    expect(pages[1]!.words[0]!.restored).toBeUndefined();
  });

  it('keeps unchanged words as read, and restores the lines of a text page', () => {
    const page: PageText = { page: 1, text: 'Sở Khoa học\ntrien khai ke hoach', source: 'text', words: [], blocks: textBlocks('Sở Khoa học\ntrien khai ke hoach') };
    const [restored] = restoreWords([page], restorer.restore(page.text));
    const [first, second] = restored!.blocks[0]!.lines;
    expect(first!.words.map((w) => [w.restored, w.alternatives])).toEqual([
      ['Sở', undefined],
      ['Khoa', undefined],
      ['học', undefined],
    ]);
    expect(second!.words.map((w) => w.restored).join(' ')).toBe('triển khai kế hoạch');
  });

  it('carries the word boundaries restoration redrew onto the words: a word split in two, two words joined', () => {
    // "Chithường", two syllables OCR ran together, restored as two; "ngu ời", one syllable broken in two, as one.
    const split = ocrPage([['Chi', 'phí', '2', 'Chithường', 'xuyên', 'hằng', 'năm']]);
    const apart = restorer.restore(documentText([split]), { mode: 'ocr-vie' });
    expect(apart.text).toBe('Chi phí 2 Chi thường xuyên hằng năm');
    expect(apart.changes).toContainEqual(expect.objectContaining({ line: 0, column: 10, from: 'Chithường', to: 'Chi thường' }));
    expect(restoreWords([split], apart)[0]!.words.map((w) => w.restored)).toEqual(['Chi', 'phí', '2', 'Chi thường', 'xuyên', 'hằng', 'năm']);
    const joined = ocrPage([['nhung', 'ngu', 'ời', 'dan']]);
    const together = restorer.restore(documentText([joined]), { mode: 'ocr-eng' });
    expect(together.text).toBe('nhưng người dân');
    expect(together.changes).toContainEqual(expect.objectContaining({ line: 0, column: 6, from: 'ngu ời', to: 'người' }));
    expect(restoreWords([joined], together)[0]!.words.map((w) => w.restored)).toEqual(['nhưng', 'người', '', 'dân']);
  });

  it('splits no word that is a piece of a garbled address or code', () => {
    const text = 'Liên hệ ttcbth()quangngaI.vn và 2 Chithường xuyên';
    const restored = restorer.restore(text, { mode: 'ocr-vie' }).text;
    expect(restored).toContain('ttcbth()quangngaI.vn');
    expect(restored).toContain('Chi thường');
  });

  it('restores the words after a blank one (a picture tesseract boxed), which the text does not hold', () => {
    const page = ocrPage([['Ket', 'qua'], ['thuc', 'hien', 'ke', 'hoach']]);
    // Listed before the second line: looked for, its space would be the one after "thuc".
    page.words.splice(2, 0, { ...word(' ', 1600, 1), line: 1 });
    const [restored] = restoreWords([page], restorer.restore(documentText([page]), { source: 'ocr' }));
    expect(restored!.words.map((w) => w.restored)).toEqual(['Kết', 'quả', undefined, 'thực', 'hiện', 'kế', 'hoạch']);
  });

  it('gives a change that spans two words to the first, and one it cannot find to none', () => {
    const page = ocrPage([['Ð', 'ồng', 'ý']]);
    const change = { line: 0, column: 0, from: 'Ð ồng', to: 'Đồng', confidence: 0.9 };
    const lost = { line: 5, column: 0, from: 'x', to: 'y', confidence: 0.5 };
    const restoration: RestoreResult = { text: 'Đồng ý', mode: 'ocr-vie', changes: [change, lost] };
    const [restored] = restoreWords([page], restoration);
    expect(restored!.words.map((w) => w.restored)).toEqual(['Đồng', '', 'ý']);
  });
});

describe('OCR into the model', () => {
  const engine = createOcrEngine({ jobs: 1 });
  afterAll(() => engine.terminate());

  it('carries tesseract blocks, paragraphs and lines, and the resolution of the pixels it read', async () => {
    const [page] = await extractPages(path.join(projectRoot, 'fixtures/pages/text-layer.pdf'), async () => engine, { textLayer: 'never', preprocess: true });
    expect(page!.dpi).toBe(300);
    const lines = page!.blocks.flatMap((b) => b.lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(page!.blocks.every((b) => b.number! >= 1 && b.box!.x1 > b.box!.x0)).toBe(true);
    expect(lines.flatMap((l) => l.words)).toEqual(page!.words);
    expect(lines.every((l) => l.paragraph! >= 1 && l.words.every((w) => w.box!.x0 >= l.box!.x0 && w.box!.y1 <= l.box!.y1))).toBe(true);
  });
});
