// OCR's misreadings of the signature block, where a seal or a signature is printed over it: a surname read with
// other marks ("Nguyên" for Nguyễn), a surname that lost its first letters under the seal's ring ("ran Hoàng Tuấn",
// "hạm Trường Thọ"), and an authority mark lost or garbled before the body it signs for ("M-ÚY BAN NHÂN DÂN").
import { AUTHORITY, folded } from './patterns.js';

/**
 * Common surnames, most of the country's people between them. A signer's name opening with the same letters as
 * one of them but other marks ("Nguyên Phước Bình") had its surname's marks misread.
 */
const SURNAMES = [
  'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý',
  'Đinh', 'Đào', 'Đoàn', 'Trương', 'Lâm', 'Mai', 'Trịnh', 'Lương', 'Tô', 'Hà', 'Tạ', 'Cao', 'Lưu', 'Châu', 'Phùng',
  'Quách', 'Thái', 'Kiều', 'Tăng', 'Từ', 'Vương', 'Chu', 'La', 'Mạc', 'Triệu', 'Tôn', 'Đàm', 'Lại', 'Thân', 'Nông',
];
/** Rarer surnames with the letters of a common one: a name opening with one is read right ("Doãn", not Đoàn). */
const OTHER_SURNAMES = ['Lã', 'Doãn', 'Lường', 'Vu', 'Lai', 'Đường', 'Hạ', 'Chử', 'Lữ', 'Đồ', 'Tư', 'Đồng'];
const SURNAME_BY_LETTERS = new Map(SURNAMES.map((n) => [folded(n), n]));
const SURNAME_SPELLINGS = new Set([...SURNAMES, ...OTHER_SURNAMES].map((n) => n.toLocaleLowerCase('vi')));

/** The common surname whose letters a name's first word has with other marks, which no surname has: its misreading. */
export function misreadSurname(name: string): string | null {
  const first = name.split(/\s+/)[0]!;
  return SURNAME_SPELLINGS.has(first.toLocaleLowerCase('vi')) ? null : (SURNAME_BY_LETTERS.get(folded(first)) ?? null);
}

/** A name whose first word is in lower case, the rest capitalised: a surname whose head the seal took. */
const HEADLESS = /^(\p{Ll}{2,})((?:\s+\p{Lu}\p{Ll}*){1,3})$/u;

/**
 * A signature line read as a name that lost its surname's first letters ("ran Hoàng Tuấn"), with the one common
 * surname those letters end ("Trần Hoàng Tuấn"); null when none or several end so ("an": Phan, Đoàn, Trần).
 */
export function nameWithHead(line: string): string | null {
  const m = HEADLESS.exec(line.trim());
  if (!m) return null;
  const tail = folded(m[1]!);
  const heads = SURNAMES.filter((s) => folded(s).endsWith(tail) && folded(s) !== tail);
  return heads.length === 1 ? `${heads[0]}${m[2]}` : null;
}

/** A body signed for on its behalf ("TM."; "T/M" for a Party committee), its name as OCR read it. */
const STATE_BODY = /(?:uy ban nhan dan|hoi dong nhan dan|uy ban mat tran to quoc|ban chi dao)\b/;
const PARTY_BODY = /(?:ban thuong vu|ban chap hanh|ban can su|dang uy|chi uy)\b/;

/**
 * The authority mark of a line whose mark OCR garbled or lost before the body it names ("M-ÚY BAN NHÂN DÂN",
 * "h‹`UY BAN NHÂN DÂN"): a body is signed for by "TM." (State) or "T/M" (Party). Null for any other line.
 */
export function lostAuthority(line: string): string | null {
  const key = folded(line.trim());
  if (AUTHORITY.test(key)) return null;
  const state = STATE_BODY.exec(key);
  const party = PARTY_BODY.exec(key);
  const body = state ?? party;
  // What stands before the body is no word: a few marks and letters of the seal's edge over the mark.
  if (!body || body.index === 0 || !/^\S{1,4}\s?$/u.test(key.slice(0, body.index))) return null;
  return party && !state ? 'T/M' : 'TM.';
}
