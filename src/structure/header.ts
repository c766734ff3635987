// The header block (Party: Hướng dẫn 36-HD/VPTW; State: Nghị định 30/2020/NĐ-CP): two columns that OCR reads
// one after the other or merged into one line, so each line is taken apart by what it contains.
import { documentTypeOf, folded, fuzzyIncludes, isoDate, isUpperLine, LONG_DATE, MOTTO, NATIONAL_HEADER, PARTY_HEADER, titleCase } from './patterns.js';
import { applyToneStyle } from '../text/syllable.js';
import type { Header, Uncertain } from './types.js';

/**
 * "Số: 1184/STP-XDKTVB"; the space left for a handwritten number may stay: "Số: 276    /TB-UBND", and a typed one
 * after the slash: "Số: 157/ QĐ-NĐ-UB". OCR reads the label "Sá:" at times, and the gap as "_" ("Sá:542_ /TB-UBND")
 * or as a rule before the digits ("Số: |57/TTr-UBND", flagged; a "!" there is as often a "1": "!57" of 157).
 */
const NUMBER = /(?:^|\s)(?:(?:so|s[o06b])\s*[:.]?|sa\s*:)\s*(\|?\d+(?:[\s|!_]{1,12}(?=[-/]))?(?:\/ (?=\p{L}{2}))?[\p{L}\p{N}/.-]*[-/][\p{L}\p{N}/.-]*[\p{L}\p{N}])/u;
/** Where the body begins when there is no type line (a Công văn): its addressees, a heading, a citation. */
const BODY_START = /^(?:kinh gui|noi nhan|can cu|thuc hien|(?:[ivx]+|\d{1,2})\.\s)/;

/** Lower-case words (a date's "ngày … tháng … năm" aside) from which on a line is prose, not a header element. */
const PROSE_WORDS = 6;

/**
 * A line of running text: the header has ended (or the page never had one). Header lines are names in
 * capitals, the number, the place and date, the motto; a line with this many lower-case words is none of them.
 */
function isProse(line: string): boolean {
  const date = LONG_DATE.exec(folded(line));
  const rest = date ? line.slice(0, date.index) + line.slice(date.index + date[0].length) : line;
  return rest.split(/\s+/).filter((w) => /^\p{Ll}/u.test(w)).length >= PROSE_WORDS;
}

export const emptyHeader = (): Header => ({
  partyHeader: null,
  nationalHeader: null,
  motto: null,
  parentBody: null,
  issuingBody: null,
  number: null,
  place: null,
  date: null,
  datePrinted: null,
  parentBodyPrinted: null,
  issuingBodyPrinted: null,
  lines: [],
});

/** Removes `phrase` found at `at` (folded index) and the rest of a word it ends inside. */
function cut(line: string, at: number, length: number, from = at): string {
  const rest = line.slice(at + length).replace(/^\p{L}*/u, '');
  return `${line.slice(0, from)} ${rest}`.trim();
}

/** Letters and marks in the old tone style, case aside: "CỘNG HOÀ" and "Cộng Hòa" alike, "Tự đo" not "Tự do". */
const inOldStyle = (text: string) => text.toLocaleLowerCase('vi').replace(/\p{L}+/gu, (w) => applyToneStyle(w, 'old'));

/**
 * The phrase as the page prints it ("CỘNG HOÀ" or "CỘNG HÒA": a tone style) when it reads cleanly there; else its
 * standard form, which OCR's misread marks ("Tự đo") are no printing of.
 */
function asPrinted(line: string, at: number, phrase: string, standard: string): string {
  const printed = line.slice(at, at + phrase.length);
  return folded(printed) === phrase && inOldStyle(printed) === inOldStyle(standard) && (printed === printed.toUpperCase()) === (standard === standard.toUpperCase()) ? printed : standard;
}

export interface HeaderResult {
  header: Header;
  /** Index of the type line, or of the first body line when there is none. */
  end: number;
  /** A Công văn's "V/v" summary. */
  summary: string | null;
  /** A number or date written where the parser found it but could not read it (handwritten, left blank). */
  uncertain: Uncertain[];
  /** Below 1 for a field read more loosely than its printed form allows. */
  quality: Record<string, number>;
}

/**
 * "ngày-ZÔtháng 6 năm 2025", "ngàyÂDtháng 01 năm 2025", "ngày ⟨?⟩ tháng 6 năm 2025", "ngày   tháng   năm 2025": a
 * date whose digits do not read. "ngàW/† tháng 5 năm 2021": the handwriting ran into the "y", read as a letter no
 * syllable has after "nga" (not the "i" of the place's "Ngãi").
 */
const LOOSE_DATE = /\bng(?:[a-z]?y|a[^\s,cimnoptuy]).{0,14}?th[a-z]{2,4}\b.{0,10}?n[a-z]{1,3}\s*\d{4}/;
/** An apostrophe within a minority name ("Ea H'leo", "Đắk R'lấp") is the name's own; other marks around a place or body are not. */
const NAME_APOSTROPHE = "(?<=\\p{L})['’](?=\\p{L})";
const NOT_A_NAME_LETTER = new RegExp(`(?!${NAME_APOSTROPHE})[^\\p{L}\\s]`, 'gu');
const NOT_A_BODY_LETTER = new RegExp(`(?!${NAME_APOSTROPHE})[^\\p{L}\\p{N}\\s,-]`, 'gu');

/** "Số: ⟨?⟩/TB-UBND", "Số:     /QĐ-UBND", "Số 6 ,CT-UBND": a number whose digits do not read. */
const LOOSE_NUMBER = /(?:^|\s)s[o06]\s*(?::\s*\S{0,8}\s{0,12}[/,-]{1,2}\s*[\p{L}\p{N}][\p{L}\p{N}/.-]*|[:.]?\s*\S{0,8}\s{0,12}[/,-]\s*\p{L}{1,6}-\p{L}{2,}[\p{L}\p{N}/.-]*)/u;

export function parseHeader(lines: readonly string[]): HeaderResult {
  const header = emptyHeader();
  const bodies: string[] = [];
  const uncertain: Uncertain[] = [];
  const quality: Record<string, number> = {};
  let summary: string | null = null;
  let i = 0;
  for (; i < Math.min(lines.length, 24); i++) {
    let line = lines[i]!.trim();
    if (!line) continue;
    if (documentTypeOf(line) || BODY_START.test(folded(line))) break;
    // A Công văn's summary ("V/v …") and its continuation lines are prose that belongs to the header.
    if (summary === null && !/^v\s*\/?\s*v\b/.test(folded(line)) && isProse(line)) break;
    header.lines.push(line);
    let element = false;
    // Each element once: the search for one is the costly part of the header.
    const party = header.partyHeader ? -1 : fuzzyIncludes(line, 'cong san viet nam');
    if (party >= 0) {
      header.partyHeader = PARTY_HEADER;
      // "Đảng" (however garbled) is the word before "cộng sản".
      const from = line.slice(0, party).trimEnd().replace(/\S+$/, '').length;
      line = cut(line, party, 'cong san viet nam'.length, from);
      element = true;
    }
    const national = header.nationalHeader ? -1 : fuzzyIncludes(line, 'cong hoa xa hoi chu nghia viet nam');
    if (national >= 0) {
      header.nationalHeader = asPrinted(line, national, 'cong hoa xa hoi chu nghia viet nam', NATIONAL_HEADER);
      line = cut(line, national, 'cong hoa xa hoi chu nghia viet nam'.length);
      element = true;
    }
    const motto = header.motto ? -1 : fuzzyIncludes(line, 'doc lap - tu do - hanh phuc');
    if (motto >= 0) {
      header.motto = asPrinted(line, motto, 'doc lap - tu do - hanh phuc', MOTTO);
      line = cut(line, motto, 'doc lap - tu do - hanh phuc'.length);
      element = true;
    }
    const number = NUMBER.exec(folded(line));
    if (number && !header.number && !uncertain.some((u) => u.field === 'header.number')) {
      const end = number.index + number[0].length;
      const raw = line.slice(end - number[1]!.length, end);
      // OCR's eth is the page's Đ, read once more beside it ("QĐÐ") or for it ("QÐ"): the code's Đ, flagged.
      header.number = raw.replace(/[\s|!_]+/g, '').replace(/ĐÐ|ÐĐ|Ð/g, 'Đ');
      if (raw !== header.number) quality['header.number'] = /[|!_Ð]/.test(raw) ? 0.6 : 0.9;
      // Numbers count from 1: "0/TTr-UBND" is what OCR kept of handwritten digits.
      if (/^0+(?!\d)/.test(header.number)) {
        uncertain.push({ field: 'header.number', raw: raw.trim(), reason: 'number unreadable (no document is number 0)' });
        header.number = null;
      }
      line = `${line.slice(0, number.index)} ${line.slice(end)}`.trim();
      element = true;
    }
    const loose = !number && !header.number && !uncertain.some((u) => u.field === 'header.number') && LOOSE_NUMBER.exec(folded(line));
    if (loose) {
      uncertain.push({ field: 'header.number', raw: line.slice(loose.index, loose.index + loose[0].length).trim(), reason: 'number unreadable (handwritten or left blank)' });
      line = `${line.slice(0, loose.index)} ${line.slice(loose.index + loose[0].length)}`.trim();
      element = true;
    }
    const date = LONG_DATE.exec(folded(line)) ?? (header.datePrinted || uncertain.some((u) => u.field === 'header.date') ? null : LOOSE_DATE.exec(folded(line)));
    if (date && !header.datePrinted) {
      const printed = line.slice(date.index, date.index + date[0].length);
      header.date = date[1] ? isoDate(Number(date[1]), Number(date[2]), Number(date[3])) : null;
      if (header.date) header.datePrinted = printed;
      else uncertain.push({ field: 'header.date', raw: printed, reason: date[1] ? 'not a date' : 'day or month unreadable (handwritten or left blank)' });
      // "SỞ Y TẾ Thanh Hóa, ngày ..." when the columns merged: the capitals belong to the left column.
      const words = line.slice(0, date.index).replace(NOT_A_NAME_LETTER, ' ').trim().split(/\s+/).filter(Boolean);
      let k = 0;
      while (k < words.length - 1 && isUpperLine(words[k]!, 0.99) && words.slice(k).some((w) => !isUpperLine(w, 0.99))) k++;
      header.place = words.slice(k).join(' ') || null;
      line = words.slice(0, k).join(' ');
      element = true;
    }
    if (/^v\s*\/?\s*v\b/.test(folded(line))) {
      summary = line.replace(/^v\s*\/?\s*v\.?\s*/i, '');
      continue;
    }
    if (summary !== null && !element && line && !isUpperLine(line)) {
      summary += ` ${line}`;
      continue;
    }
    const body = line.replace(NOT_A_BODY_LETTER, ' ').replace(/\s+/g, ' ').trim();
    // Bodies are written in capitals; OCR and restoration may hand them back in title case.
    const titled = /^(?:\p{Lu}\p{L}*\s+)+\p{Lu}\p{L}*$/u.test(body);
    if (/\p{L}{2}/u.test(body) && (isUpperLine(body, 0.6) || titled)) bodies.push(body);
  }
  if (bodies.length >= 2) {
    header.parentBodyPrinted = bodies[0]!;
    header.issuingBodyPrinted = bodies.slice(1).join(' ');
  } else if (bodies.length === 1) header.issuingBodyPrinted = bodies[0]!;
  header.parentBody = header.parentBodyPrinted && titleCase(header.parentBodyPrinted);
  header.issuingBody = header.issuingBodyPrinted && titleCase(header.issuingBodyPrinted);
  return { header, end: i, summary: summary?.trim() || null, uncertain, quality };
}
