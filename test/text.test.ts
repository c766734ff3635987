import { describe, expect, it } from 'vitest';
import { foldDiacritics, hasDiacritics } from '../src/text/fold.js';
import { decodeTcvn3, decodeVni, detectLegacyEncoding } from '../src/text/legacy.js';
import { applyCase, applyToneStyle, caseOf, composeSyllable, isValidSyllable, parseSyllable } from '../src/text/syllable.js';
import { tokenize } from '../src/text/tokenize.js';

describe('syllables', () => {
  it.each([
    ['người', { onset: 'ng', rhyme: 'ươi', tone: 2 }],
    ['quốc', { onset: 'qu', rhyme: 'ôc', tone: 1 }],
    ['giữ', { onset: 'gi', rhyme: 'ư', tone: 4 }],
    ['gì', { onset: 'g', rhyme: 'i', tone: 2 }],
    ['khuyến', { onset: 'kh', rhyme: 'uyên', tone: 1 }],
    ['ủy', { onset: '', rhyme: 'uy', tone: 3 }],
  ])('parses %s', (word, parts) => {
    expect(parseSyllable(word)).toEqual(parts);
    expect(composeSyllable(parseSyllable(word)!)).toBe(word);
  });

  it('rejects what Vietnamese phonotactics does not allow', () => {
    for (const w of ['ciia', 'thuong', 'cừt', 'hoach', 'tt', 'xyz', 'hóà']) expect(isValidSyllable(w), w).toBe(false);
    for (const w of ['hoạch', 'thương', 'cứt', 'nghiêng', 'xoong', 'HÓA']) expect(isValidSyllable(w), w).toBe(true);
  });

  it('places tone marks in the old or new style, keeping case', () => {
    expect(['hoá', 'uỷ', 'thuỷ', 'khoẻ'].map((w) => applyToneStyle(w, 'old'))).toEqual(['hóa', 'ủy', 'thủy', 'khỏe']);
    expect(['hóa', 'ủy', 'thủy', 'khỏe'].map((w) => applyToneStyle(w, 'new'))).toEqual(['hoá', 'uỷ', 'thuỷ', 'khoẻ']);
    // Closed syllables and hatted vowels do not depend on the style.
    expect(applyToneStyle('hoàn', 'new')).toBe('hoàn');
    expect(applyToneStyle('HOÁ', 'old')).toBe('HÓA');
    expect(applyToneStyle('Thuỷ', 'old')).toBe('Thủy');
  });

  it('tells and applies case', () => {
    expect([caseOf('tỉnh'), caseOf('Tỉnh'), caseOf('TỈNH'), caseOf('VNeID')]).toEqual(['lower', 'title', 'upper', 'mixed']);
    expect(applyCase('đảng', 'upper')).toBe('ĐẢNG');
    expect(applyCase('đảng', 'title')).toBe('Đảng');
  });
});

describe('folding and normalisation', () => {
  it('folds to ASCII, đ included, and keeps case', () => {
    expect(foldDiacritics('Đẩy mạnh chuyển đổi số')).toBe('Day manh chuyen doi so');
    expect(hasDiacritics('ban')).toBe(false);
    expect(hasDiacritics('bàn')).toBe(true);
  });

  it('treats NFD input like NFC', () => {
    const nfd = 'Tỉnh ủy Thanh Hóa'.normalize('NFD');
    expect(foldDiacritics(nfd)).toBe('Tinh uy Thanh Hoa');
    expect(applyToneStyle('hóa'.normalize('NFD'), 'old')).toBe('hóa');
  });
});

describe('legacy encodings', () => {
  it('decodes VNI-Windows read as Windows-1252', () => {
    expect(decodeVni('Tænh uûy Thanh Hoùa ñaåy maïnh chuyeån ñoåi soá')).toBe('Tỉnh ủy Thanh Hóa đẩy mạnh chuyển đổi số');
  });

  it('decodes TCVN3 read as Windows-1252', () => {
    expect(decodeTcvn3('B¸o c¸o kÕt qu¶ thùc hiÖn')).toBe('Báo cáo kết quả thực hiện');
  });

  it('detects each encoding, and neither on Unicode or random bytes', () => {
    expect(detectLegacyEncoding('Tænh uûy Thanh Hoùa baùo caùo keát quaû')).toBe('vni');
    expect(detectLegacyEncoding('B¸o c¸o kÕt qu¶ thùc hiÖn kÕ ho¹ch')).toBe('tcvn3');
    expect(detectLegacyEncoding('Tỉnh ủy Thanh Hóa báo cáo')).toBeUndefined();
    expect(detectLegacyEncoding('Tàn ÿþ€ ¤¥')).toBeUndefined();
    expect(detectLegacyEncoding('plain ascii text')).toBeUndefined();
  });

  it('weighs legacy-looking words against the whole text', () => {
    const legacy = 'B¸o c¸o kÕt qu¶ thùc hiÖn kÕ ho¹ch';
    expect(detectLegacyEncoding(`${legacy} ${'ke hoach so 12 '.repeat(3)}`)).toBe('tcvn3');
    expect(detectLegacyEncoding(`${'thuc hien ke hoach '.repeat(200)}${legacy}`)).toBeUndefined();
  });
});

describe('tokenize', () => {
  const text = 'Kế hoạch số 265-KH/TU ngày 24/4/2025 của UBND (https://dichvucong.gov.vn, a.b@x.vn) có 2.123 trường hợp.\n';

  it('rebuilds the input exactly', () => {
    expect(tokenize(text).map((t) => t.text).join('')).toBe(text);
  });

  it('protects codes, dates, numbers, URLs and e-mail addresses', () => {
    const protectedTokens = tokenize(text).filter((t) => t.kind === 'protected').map((t) => t.text);
    expect(protectedTokens).toEqual(['265-KH/TU', '24/4/2025', 'https://dichvucong.gov.vn', 'a.b@x.vn', '2.123']);
  });

  it('scans words the way the token patterns define them, codes next to them included', () => {
    const kept = (s: string) => tokenize(s).filter((t) => t.kind !== 'other').map((t) => `${t.kind[0]}:${t.text}`);
    // A word right after a slash counts as the tail of a code (the code pattern looks behind).
    expect(kept('(NNT)/Tổ chức, 3ab x-y')).toEqual(['w:NNT', 'p:Tổ', 'w:chức', 'p:3ab', 'w:x', 'w:y']);
    expect(kept('ở-12 và ấy. Hết.')).toEqual(['p:ở-12', 'w:và', 'w:ấy', 'w:Hết']);
    expect(kept('gửi a_b.c@x.vn, www.x.vn. xong')).toEqual(['w:gửi', 'p:a_b.c@x.vn', 'p:www.x.vn', 'w:xong']);
    expect(kept('Điều 1.Phạm vi')).toEqual(['w:Điều', 'p:1.Phạm', 'w:vi']);
    expect(kept('tại quangngai.gov.vn, ThuVienPhapLuat.vn. Hết')).toEqual(['w:tại', 'p:quangngai.gov.vn', 'p:ThuVienPhapLuat.vn', 'w:Hết']);
    // Not a domain: a Vietnamese word after the dot, or a top-level domain running on into a word.
    expect(kept('v.v. Hà.Nội x.vnx')).toEqual(['w:v', 'w:v', 'w:Hà', 'w:Nội', 'w:x', 'w:vnx']);
  });

  it('gives each token its offset', () => {
    for (const t of tokenize(text)) expect(text.slice(t.start, t.start + t.text.length)).toBe(t.text);
  });
});
