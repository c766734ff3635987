import { describe, expect, it } from 'vitest';
import { readingOrder } from '../src/ocr/order.js';
import type { OcrWord } from '../src/types.js';

/** Words of one printed line: each piece [text, x0] laid out word by word, 20 px a letter, on tesseract line `line`. */
function line(line: number, y: number, ...pieces: [string, number][]): OcrWord[] {
  return pieces.flatMap(([text, x0]) => {
    let x = x0;
    return text.split(' ').map((word) => {
      const box = { x0: x, y0: y, x1: x + 20 * word.length, y1: y + 40 };
      x = box.x1 + 15;
      return { text: word, confidence: 95, page: 1, box, line, block: 1, paragraph: 1 };
    });
  });
}

describe('reading order of side-by-side blocks', () => {
  it('reads a two-column header and "Nơi nhận" beside the signature block by block, left then right', () => {
    const words = [
      ...line(0, 100, ['ỦY BAN NHÂN DÂN', 200], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1000]),
      ...line(1, 150, ['TỈNH QUẢNG NGÃI', 220], ['Độc lập - Tự do - Hạnh phúc', 1100]),
      ...line(2, 220, ['Số: 04/CT-UBND', 220], ['Quảng Ngãi, ngày 15 tháng 3 năm 2024', 1000]),
      ...line(3, 320, ['Thực hiện Nghị định số 123 của Chính phủ quy định về hóa đơn điện tử trên địa bàn tỉnh', 150]),
      ...line(4, 370, ['các tổ chức, cá nhân phải chuyển sang sử dụng hóa đơn điện tử./.', 150]),
      ...line(5, 450, ['Nơi nhận:', 150], ['KT. CHỦ TỊCH', 1300]),
      ...line(6, 500, ['- Như trên;', 150], ['PHÓ CHỦ TỊCH', 1300]),
      ...line(7, 550, ['- Lưu: VT.', 150]),
      ...line(8, 700, ['Trần Hoàng Tuấn', 1280]),
    ];
    const ordered = readingOrder(words)!;
    const lines = ordered.text.split('\n').filter(Boolean);
    expect(lines).toEqual([
      'ỦY BAN NHÂN DÂN',
      'TỈNH QUẢNG NGÃI',
      'Số: 04/CT-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Ngãi, ngày 15 tháng 3 năm 2024',
      'Thực hiện Nghị định số 123 của Chính phủ quy định về hóa đơn điện tử trên địa bàn tỉnh',
      'các tổ chức, cá nhân phải chuyển sang sử dụng hóa đơn điện tử./.',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Trần Hoàng Tuấn',
    ]);
    // Words follow the text, each once, with line numbers that group them as the text does.
    expect(ordered.words.map((w) => w.text).join(' ')).toBe(lines.join(' '));
    expect(ordered.words).toHaveLength(words.length);
    expect(new Set(ordered.words.map((w) => w.line)).size).toBe(lines.length);
  });

  it('keeps a table row by row and a page in one column as tesseract read it', () => {
    const table = [
      ...line(0, 100, ['STT', 150], ['Nội dung', 600], ['Số lượng', 1400]),
      ...line(1, 150, ['1', 150], ['Hóa đơn điện tử', 600], ['1.846', 1400]),
      ...line(2, 200, ['2', 150], ['Tổ chức', 600], ['63', 1400]),
    ];
    expect(readingOrder(table)).toBeNull();
    const prose = [...line(0, 100, ['Thực hiện Nghị định số 123 của Chính phủ', 150]), ...line(1, 150, ['quy định về hóa đơn.', 150])];
    expect(readingOrder(prose)).toBeNull();
  });
});
