// Matching on folded, lower-case text, so accented, unaccented and lightly garbled OCR all match.
import { distance } from 'fastest-levenshtein';
import { foldDiacritics } from '../text/fold.js';

export function folded(text: string): string {
  return foldDiacritics(text.normalize('NFC')).toLowerCase();
}

/** True when `phrase` (folded) occurs in `line` allowing about one wrong character in six. */
export function fuzzyIncludes(line: string, phrase: string): number {
  const f = folded(line);
  const exact = f.indexOf(phrase);
  if (exact >= 0) return exact;
  const budget = Math.floor(phrase.length / 6);
  for (let i = 0; i + phrase.length <= f.length + budget; i++) {
    for (const len of [phrase.length - 1, phrase.length, phrase.length + 1]) {
      if (len > 0 && i + len <= f.length && distance(f.slice(i, i + len), phrase) <= budget) return i;
    }
  }
  return -1;
}

export const DOCUMENT_TYPES: [string, string][] = [
  ['bao cao', 'BÁO CÁO'],
  ['ke hoach', 'KẾ HOẠCH'],
  ['cong van', 'CÔNG VĂN'],
  ['quyet dinh', 'QUYẾT ĐỊNH'],
  ['huong dan', 'HƯỚNG DẪN'],
  ['thong bao', 'THÔNG BÁO'],
  ['to trinh', 'TỜ TRÌNH'],
  ['nghi quyet', 'NGHỊ QUYẾT'],
  ['chi thi', 'CHỈ THỊ'],
  ['chuong trinh', 'CHƯƠNG TRÌNH'],
  ['ket luan', 'KẾT LUẬN'],
  ['quy dinh', 'QUY ĐỊNH'],
  ['thong tri', 'THÔNG TRI'],
  ['cong dien', 'CÔNG ĐIỆN'],
];

export const PARTY_HEADER = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const NATIONAL_HEADER = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Authority marks before a signer's position (on folded text); kept as written in the output. */
export const AUTHORITIES: RegExp[] = [/^(k\/t|kt\.?)\s/, /^(t\/m|tm\.?)\s/, /^(tuq\.?)\s/, /^(tl\.?)\s/, /^(q\.)\s/];

export function isoDate(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
