import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classifyDigit, digitNet, normalizeDigit, SIDE } from '../src/ocr/digits.js';
import { fillInSlots, readDigits, withFillIns } from '../src/ocr/fillins.js';
import { parseHeader } from '../src/structure/header.js';
import type { GreyImage, OcrWord } from '../src/types.js';

const require = createRequire(import.meta.url);
GlobalFonts.registerFromPath(require.resolve('@expo-google-fonts/kalam/700Bold/Kalam_700Bold.ttf'), 'TestHand');

/** A white page with `text` written in a handwriting font at (x, baseline). */
function page(width: number, height: number, writes: { text: string; x: number; y: number; size?: number }[]): GreyImage {
  const canvas = createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = 'white';
  g.fillRect(0, 0, width, height);
  g.fillStyle = 'black';
  for (const { text, x, y, size = 60 } of writes) {
    g.font = `${size}px TestHand`;
    g.fillText(text, x, y);
  }
  const { data } = g.getImageData(0, 0, width, height);
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[4 * i]!;
  return { data: grey, width, height };
}

const word = (text: string, x0: number, x1: number, line = 1, confidence = 95): OcrWord => ({ text, confidence, page: 1, line, box: { x0, y0: 100, x1, y1: 150 } });

describe('normalizeDigit', () => {
  it('fits the ink in 20×20 inside 28×28 with its mass in the middle, and gives null for no ink', () => {
    const ink = new Float32Array(40 * 80);
    for (let y = 10; y < 70; y++) for (let x = 15; x < 25; x++) ink[y * 40 + x] = 1;
    const out = normalizeDigit(ink, 40, 80)!;
    expect(out).toHaveLength(SIDE * SIDE);
    const rows = [...Array(SIDE).keys()].filter((y) => out.slice(y * SIDE, (y + 1) * SIDE).some((v) => v > 0));
    expect(rows.length).toBe(20);
    expect(normalizeDigit(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('gives the network ten probabilities summing to 1', () => {
    const ink = new Float32Array(SIDE * SIDE);
    for (let y = 4; y < 24; y++) ink[y * SIDE + 14] = 1;
    const p = classifyDigit(digitNet(), normalizeDigit(ink, SIDE, SIDE)!);
    expect(p).toHaveLength(10);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });
});

describe('readDigits', () => {
  it('reads digits written in a handwriting font in a gap, and nothing in an empty one', () => {
    const image = page(400, 200, [{ text: '58', x: 150, y: 150 }]);
    const read = readDigits(image, { x0: 130, y0: 70, x1: 260, y1: 165 }, 50);
    expect(read?.digits).toBe('58');
    expect(readDigits(page(400, 200, []), { x0: 130, y0: 70, x1: 260, y1: 165 }, 50)).toBeNull();
  });

  it('leaves out ink whose middle is outside the gap (the printed words beside it)', () => {
    const image = page(500, 200, [{ text: '3', x: 40, y: 150 }, { text: '2', x: 200, y: 150 }, { text: '6', x: 380, y: 150 }]);
    expect(readDigits(image, { x0: 150, y0: 70, x1: 300, y1: 165 }, 50)?.digits).toBe('2');
  });
});

describe('fillInSlots', () => {
  const words = [
    word('Số:', 100, 160),
    word('04+', 165, 230, 1, 30),
    word('/CT-UBND', 260, 480),
    word('Quảng', 900, 1050, 2),
    word('Ngãi,', 1060, 1180, 2),
    word('ngày', 1200, 1300, 2),
    word('{5', 1310, 1370, 2, 20),
    word('tháng', 1390, 1520, 2),
    word('3', 1540, 1565, 2, 96),
    word('năm', 1580, 1670, 2),
    word('2024', 1690, 1800, 2),
  ];

  it('finds the number gap after "Số:" and the day gap after "ngày", not the month OCR read clearly', () => {
    const slots = fillInSlots(words, 3000);
    expect(slots.map((s) => s.kind)).toEqual(['number', 'day']);
    const [number, day] = slots;
    expect(number!.box.x1).toBe(260);
    expect(number!.box.x0).toBeGreaterThanOrEqual(100);
    expect(number!.box.x0).toBeLessThanOrEqual(165);
    expect(day!.box.x1).toBe(1390);
    expect([number!.before, number!.after, day!.before, day!.after]).toEqual([0, 2, 5, 7]);
  });

  it('finds gaps OCR ran into the printed words ("ngàyAtháng", ")14/UBND-KTTH")', () => {
    const merged = [word('Số:', 100, 160), word(')14/UBND-KTTH', 170, 560), word('ngày', 1200, 1300, 2), word('Atháng', 1310, 1520, 2), word('02', 1540, 1590, 2), word('năm', 1600, 1690, 2)];
    expect(fillInSlots(merged, 3000).map((s) => [s.kind, s.before, s.after])).toEqual([['number', 0, 1], ['day', 2, 3]]);
  });

  it('leaves nothing to read where OCR read the fill-ins surely, and nothing below the top third', () => {
    const read = [word('Số:', 100, 160), word('574/UBND-KTTH', 170, 560), word('ngày', 1200, 1300, 2), word('04', 1310, 1360, 2), word('tháng', 1390, 1520, 2)];
    expect(fillInSlots(read, 3000)).toEqual([]);
    expect(fillInSlots(words, 300)).toEqual([]);
  });
});

describe('withFillIns', () => {
  it('puts the digits read in place of the marks, in words and text, as the header parser reads them', () => {
    const lines = [
      [word('Số:', 100, 160), word('4+', 165, 230, 1, 30), word('/CT-UBND', 330, 550)],
      [word('Quảng', 900, 1050, 2), word('Ngãi,', 1060, 1180, 2), word('ngày', 1200, 1300, 2), word('{5', 1310, 1370, 2, 20), word('tháng', 1470, 1600, 2), word('3', 1620, 1645, 2, 96), word('năm', 1660, 1750, 2), word('2024', 1770, 1880, 2)],
    ];
    const words = lines.flat();
    const text = lines.map((l) => l.map((w) => w.text).join(' ')).join('\n');
    const image = page(2000, 3000, [{ text: '47', x: 200, y: 148 }, { text: '15', x: 1325, y: 148 }]);
    const { words: out, text: fixed, read } = withFillIns(words, text, image);
    expect(read.map((f) => [f.slot.kind, f.digits])).toEqual([['day', '15'], ['number', '47']]);
    expect(fixed).toBe('Số: 47 /CT-UBND\nQuảng Ngãi, ngày 15 tháng 3 năm 2024');
    const digits = out.filter((w) => /^\d+$/.test(w.text) && w.confidence <= 70);
    expect(digits.map((w) => w.text)).toEqual(['47', '15']);
    const header = parseHeader(fixed.split('\n'));
    expect(header.header.number).toBe('47/CT-UBND');
    expect(header.header.date).toBe('2024-03-15');
  });

  it('keeps what OCR read when it made out more digits in the gap than were read', () => {
    const words = [word('Số:', 100, 160), word('!57', 165, 300, 1, 30), word('/CT-UBND', 330, 550), word('ngày', 1200, 1300, 2), word('tháng', 1390, 1520, 2)];
    const text = 'Số: !57 /CT-UBND\nngày tháng';
    const image = page(2000, 3000, [{ text: '4', x: 200, y: 148 }]);
    const { text: kept, read } = withFillIns(words, text, image);
    expect(read).toEqual([]);
    expect(kept).toBe(text);
  });
});
