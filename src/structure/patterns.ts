// Matching on folded, lower-case text, so accented, unaccented and lightly garbled OCR all match.
import { distance } from 'fastest-levenshtein';
import { foldDiacritics } from '../text/fold.js';

/**
 * Lines folded during one report's parse (see withFoldMemo): its steps each fold the same lines again. Scoped to
 * one parse so that it holds no document's text after it, and a long text is folded as its lines.
 */
let memo: Map<string, string> | null = null;
const MEMO_LENGTH = 400;

/** Runs `parse` with folded lines remembered, and forgets them after. */
export function withFoldMemo<T>(parse: () => T): T {
  memo = new Map();
  try {
    return parse();
  } finally {
    memo = null;
  }
}

/** A combining mark: only a text with one can change under NFC in ways folding sees. */
const COMBINING = /[\u0300-\u036f]/;

/**
 * Folded, lower case, not remembered: for a text folded once as a whole (the body, for the documents it cites).
 * Normalized only when it holds a combining mark: normalizing every word and line was a third of their folding.
 */
export const foldLine = (text: string) => foldDiacritics(COMBINING.test(text) ? text.normalize('NFC') : text).toLowerCase();

/** Folded, lower case; one character per NFC character, so indices carry over to the original line. */
export function folded(text: string): string {
  if (!memo) return foldLine(text);
  // Normalizing, folding and lower-casing never reach across a line break, so a long text folds line by line.
  if (text.length > MEMO_LENGTH) return text.includes('\n') ? text.split('\n').map(folded).join('\n') : foldLine(text);
  let f = memo.get(text);
  if (f === undefined) memo.set(text, (f = foldLine(text)));
  return f;
}

/** Each phrase's letter pairs (each pair once), taken once. */
const PHRASE_PAIRS = new Map<string, string[]>();
const pairsOf = (phrase: string) => {
  let pairs = PHRASE_PAIRS.get(phrase);
  if (!pairs) PHRASE_PAIRS.set(phrase, (pairs = [...new Set(Array.from({ length: Math.max(0, phrase.length - 1) }, (_, i) => phrase.slice(i, i + 2)))]));
  return pairs;
};

/**
 * Whether some stretch of `text` is within `budget` edits of `phrase` (Sellers' search, one pass of the edit
 * table): when none is, no window is, and the search window by window, one edit distance each, is spared.
 */
function withinSomewhere(text: string, phrase: string, budget: number): boolean {
  const n = phrase.length;
  // column[i]: edits between phrase[0, i) and the best stretch of text ending here.
  const column = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) column[i] = i;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    let diagonal = 0;
    for (let i = 1; i <= n; i++) {
      const above = column[i]!;
      column[i] = Math.min(above + 1, column[i - 1]! + 1, diagonal + (phrase.charCodeAt(i - 1) === c ? 0 : 1));
      diagonal = above;
    }
    if (column[n]! <= budget) return true;
  }
  return column[n]! <= budget;
}

/** Index of `phrase` (folded) in `line` allowing about one wrong character in six; -1 when absent. */
export function fuzzyIncludes(line: string, phrase: string): number {
  const f = folded(line);
  const exact = f.indexOf(phrase);
  if (exact >= 0) return exact;
  // One wrong character breaks at most two of the phrase's letter pairs: all but twice the budget must be in the line.
  const budget = Math.floor(phrase.length / 6);
  // Pairs looked for in the line as it is: building the line's set of pairs cost more than the search.
  let missing = 0;
  for (const pair of pairsOf(phrase)) if (!f.includes(pair) && ++missing > 2 * budget) return -1;
  if (!withinSomewhere(f, phrase, budget)) return -1;
  for (let i = 0; i + phrase.length <= f.length + budget; i++) {
    for (let len = phrase.length - 1; len <= phrase.length + 1; len++) {
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

/** An older type line names who issues it: "QUYẾT ĐỊNH CỦA UỶ BAN NHÂN DÂN TỈNH", "CHỈ THỊ CỦA CHỦ TỊCH UBND TỈNH". */
const OF_AUTHORITY = /^(.+?) cua [a-z ]{3,}$/;

/** The document type a line consists of ("BÁO CÁO", "BAO CAO", in capitals "… CỦA <authority>"), or null. */
export function documentTypeOf(line: string): string | null {
  const key = folded(line).replace(/[^a-z ]/g, '').trim().replace(/\s+/g, ' ');
  const own = OF_AUTHORITY.exec(key);
  const type = own && isUpperLine(line, 0.9) ? own[1] : key;
  return DOCUMENT_TYPES.find(([k]) => k === type)?.[1] ?? null;
}

/** Kinds of documents cited in the text, folded -> as written in running text. */
export const REFERENCE_TYPES: Record<string, string> = Object.fromEntries(
  ['Kế hoạch', 'Báo cáo', 'Công văn', 'Hướng dẫn', 'Quyết định', 'Nghị quyết', 'Chỉ thị', 'Thông báo', 'Nghị định', 'Thông tư', 'Tờ trình', 'Kết luận', 'Chương trình', 'Quy định', 'Quy chế', 'Luật', 'Công điện', 'Thông tri'].map((t) => [folded(t), t]),
);

export const PARTY_HEADER = 'ĐẢNG CỘNG SẢN VIỆT NAM';
export const NATIONAL_HEADER = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * Authority marks before a signer's position (on folded text): Party "K/T, T/M, T/L", State "KT., TM., TL., TUQ.",
 * both "Q."; the State's stop as OCR can read it, a comma ("KT, CHỦ TỊCH").
 */
export const AUTHORITY = /^(k\/t|kt[.,]?|t\/m|tm[.,]?|t\/l|tl[.,]?|t\/uq|tuq[.,]?|q\.)\s+/;

export function isoDate(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "ngày 08 tháng 12 năm 2025" (tolerant of OCR'd accents; typed "năm: 1999" too) -> its match and ISO date. */
export const LONG_DATE = /ng[a-z]{1,3}\s+(\d{1,2})\s+th[a-z]{2,4}\s+(\d{1,2})\s+n[a-z]{1,3}:?\s+(\d{4})/;

/** The shape of one Vietnamese syllable; a word in capitals without it is an acronym ("UBND", "HĐND"). */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

/** Whether a word has the shape of one Vietnamese syllable. */
export const isSyllable = (word: string) => SYLLABLE.test(folded(word).replace(/[^a-z]/g, ''));

/** "ỦY BAN NHÂN DÂN" -> "Ủy Ban Nhân Dân"; acronyms stay in capitals. */
export function titleCase(text: string): string {
  return text
    .split(' ')
    // A minority name's letter and apostrophe before a syllable ("H'LEO") is cased as one word: "H'leo".
    .map((w) => (SYLLABLE.test(folded(w.replace(/^\p{L}['’](?=\p{L})/u, '')).replace(/[^a-z]/g, '')) ? w.toLocaleLowerCase('vi').replace(/^\p{L}/u, (c) => c.toLocaleUpperCase('vi')) : w))
    .join(' ');
}

/** What a character is to upperShare: 0 no letter, 1 a letter, 2 a capital; looked up once per character. */
const letterKinds = new Map<number, number>();
function letterKind(code: number): number {
  if (code < 0x80) return code >= 65 && code <= 90 ? 2 : code >= 97 && code <= 122 ? 1 : 0;
  let kind = letterKinds.get(code);
  if (kind === undefined) {
    const c = String.fromCodePoint(code);
    letterKinds.set(code, (kind = /\p{Lu}/u.test(c) ? 2 : /\p{L}/u.test(c) ? 1 : 0));
  }
  return kind;
}

/** Capitals among letters; counted in one pass over the line (two regex matches per line were most of reflow). */
function upperShare(line: string): number {
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.codePointAt(i)!;
    if (code > 0xffff) i++;
    const kind = letterKind(code);
    if (kind) letters++;
    if (kind === 2) capitals++;
  }
  return letters < 3 ? 0 : capitals / letters;
}

/** Written in capitals; OCR and restoration put some letters back in lower case, so most is enough. */
export function isUpperLine(line: string, share = 0.8): boolean {
  return upperShare(line) > share;
}

/** Roman section numbers as OCR reads them: "HI" (III), "IL" / "Il" (II), "1V" (IV). */
export function romanNumber(token: string): string | null {
  if (/^[IVX]{1,4}$/.test(token)) return token;
  if (!/[IVXHL]/.test(token) || !/^[IVXHLl1|]{1,4}$/.test(token) || /^1+$/.test(token)) return null;
  const fixed = token.replace(/H/g, 'II').replace(/[Ll1|]/g, 'I');
  return /^(?:I{1,3}|IV|VI{0,3}|IX|X)$/.test(fixed) ? fixed : null;
}

/** "quý HI" -> "quý III": the quarter's Roman number as OCR misreads it. */
export function fixQuarter(text: string): string {
  return text.replace(/(quý\s+)(\S+)/giu, (_, q: string, n: string) => q + (romanNumber(n) ?? n));
}
