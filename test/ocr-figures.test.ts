import { describe, expect, it } from 'vitest';
import { mayBeMisreadFigure, withFiguresReread, withoutRules, type ReadWord } from '../src/ocr/figures.js';
import type { Box, GreyImage, OcrWord } from '../src/types.js';

const W = 1000;
const H = 400;
/** A white page with each box inked solid. */
function page(...inked: Box[]): GreyImage {
  const data = new Uint8Array(W * H).fill(255);
  for (const b of inked) for (let y = b.y0; y < b.y1; y++) data.fill(0, y * W + b.x0, y * W + b.x1);
  return { data, width: W, height: H };
}
const word = (text: string, confidence: number, x0: number, line = 0): OcrWord => ({ text, confidence, page: 1, line, block: 1, box: { x0, y0: 100 + 60 * line, x1: x0 + 90, y1: 130 + 60 * line } });
/** A reader that gives each word's pixels the reading `answers` has for the word whose box they were cut around. */
const reader = (answers: Record<number, { text: string; confidence: number }>, seen: GreyImage[] = []): ReadWord => async (pixels) => {
  seen.push(pixels);
  return answers[seen.length - 1] ?? { text: '', confidence: 0 };
};

describe('misread figures read again', () => {
  it('picks figures read unsure, figures with a letter or mark among the digits, and short unsure marks', () => {
    expect(mayBeMisreadFigure(word('3,08', 0, 0))).toBe(true);
    expect(mayBeMisreadFigure(word('I20,5', 85, 0))).toBe(true);
    expect(mayBeMisreadFigure(word('ö,81', 92, 0))).toBe(true);
    expect(mayBeMisreadFigure(word('R)', 22, 0))).toBe(true);
    // Sure figures, codes and words are left alone.
    expect(mayBeMisreadFigure(word('2025', 96, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('9,4', 85, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('12/6/2015;', 77, 0))).toBe(true);
    expect(mayBeMisreadFigure(word('01/10/2025', 95, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('H14', 95, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('23BC', 95, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('Hà', 10, 0))).toBe(false);
    expect(mayBeMisreadFigure(word('R)', 80, 0))).toBe(false);
  });

  it('takes a new reading that is a figure where the old was none or was less sure, in the words and in the text', async () => {
    const words = [word('Thôn', 96, 100), word('Đông', 95, 200), word('3,08', 0, 400), word('R)', 20, 600), word('94', 86, 800)];
    const text = 'Thôn Đông   3,08   R)   94\n';
    // Read least sure first: "3,08" (0), "R)" (20), "94" (86).
    const answers = { 0: { text: '8,08', confidence: 95 }, 1: { text: '5', confidence: 93 }, 2: { text: '9,4', confidence: 83 } };
    const out = await withFiguresReread(words, text, page(...words.map((w) => w.box)), reader(answers));
    expect(out.words.map((w) => w.text)).toEqual(['Thôn', 'Đông', '8,08', '5', '94']);
    expect(out.words[2]!.confidence).toBe(95);
    expect(out.words[2]!.box).toEqual(words[2]!.box);
    expect(out.text).toBe('Thôn Đông   8,08   5   94\n');
  });

  it('keeps the old reading where the new one is no figure', async () => {
    const words = [word('›20', 67, 100)];
    const out = await withFiguresReread(words, '›20\n', page(words[0]!.box), reader({ 0: { text: 'P20', confidence: 78 } }));
    expect(out.words[0]!.text).toBe('›20');
    expect(out.text).toBe('›20\n');
  });

  it('takes no new reading that only adds a mark at its edge, nor one read unsure', async () => {
    const words = [word('2021', 83, 100), word('-', 90, 200), word('I8', 63, 400), word('F', 22, 600)];
    const answers = { 0: { text: '7', confidence: 40 }, 1: { text: '18', confidence: 96 }, 2: { text: '2021-', confidence: 91 } };
    const out = await withFiguresReread(words, '2021 - I8 F\n', page(...words.map((w) => w.box)), reader(answers));
    expect(out.text).toBe('2021 - 18 F\n');
  });

  it('keeps the stops and commas of a word read fairly sure, not those of a word read unsure', async () => {
    const words = [word('I.4', 91, 100), word('L5', 58, 300)];
    const answers = { 0: { text: '1.5', confidence: 75 }, 1: { text: '14', confidence: 93 } };
    const out = await withFiguresReread(words, 'I.4 L5\n', page(...words.map((w) => w.box)), reader(answers));
    expect(out.text).toBe('I.4 1.5\n');
  });

  it('leaves a printed form\'s handwritten day to the digit network', async () => {
    const date = ['Thanh', 'Hóa,', 'ngày', '{Ệ', 'tháng', '3', 'năm', '2025'].map((t, k) => word(t, t === '{Ệ' ? 40 : 95, 20 + 110 * k));
    const out = await withFiguresReread(date, `${date.map((w) => w.text).join(' ')}\n`, page(...date.map((w) => w.box)), reader({ 0: { text: '4', confidence: 92 } }));
    expect(out.words[3]!.text).toBe('{Ệ');
  });

  it('cuts the word out with a margin and blanks a neighbour reaching into it, not the word itself', async () => {
    const figure = word('3,08', 10, 300);
    const neighbour = word('Thôn', 96, 395);
    const seen: GreyImage[] = [];
    await withFiguresReread([figure, neighbour], '3,08 Thôn\n', page(figure.box, neighbour.box), reader({}, seen));
    const [pixels] = seen;
    // 90 x 30 px with a margin of 10 px each side.
    expect([pixels!.width, pixels!.height]).toEqual([110, 50]);
    const at = (x: number, y: number) => pixels!.data[y * pixels!.width + x];
    expect(at(50, 25)).toBe(0);
    expect(at(105, 25)).toBe(255);
  });

  it('leaves words and text as they are when the text\'s lines are not the words\' lines', async () => {
    const words = [word('3,08', 0, 100), word('7', 90, 100, 1)];
    const out = await withFiguresReread(words, '3,08 7\n', page(...words.map((w) => w.box)), reader({ 0: { text: '8,08', confidence: 95 } }));
    expect(out.words.map((w) => w.text)).toEqual(['3,08', '7']);
    expect(out.text).toBe('3,08 7\n');
  });

  it("reads a word again without the table's rules across its cut, keeping the strokes of its figures", async () => {
    // A figure set on its cell's rule: a column ruled across the whole cut, a row under it, a digit's stroke beside.
    const figure = word('›20', 67, 300);
    const rule: Box = { x0: 310, y0: 0, x1: 312, y1: H };
    const under: Box = { x0: 0, y0: 138, x1: W, y1: 140 };
    const stroke: Box = { x0: 330, y0: 102, x1: 334, y1: 128 };
    const seen: GreyImage[] = [];
    await withFiguresReread([figure], '›20', page(rule, under, stroke), reader({ 0: { text: '220', confidence: 97 } }, seen));
    const cut = seen[0]!;
    const inkAt = (x: number, y: number) => cut.data[(y - 90) * cut.width + (x - 290)]! < 128;
    // The cut is the box with a margin of a third of its height (10 px): it starts at (290, 90).
    expect(inkAt(311, 120)).toBe(false);
    expect(inkAt(300, 139)).toBe(false);
    expect(inkAt(332, 115)).toBe(true);
    // A cut without rules is read as it is.
    const plain = page(stroke);
    expect(withoutRules(plain).data).toEqual(plain.data);
  });
});
