// Footnote markers in the body: "hiệu lực¹," as printed, or as OCR reads a superscript ("lực1,", "mới!:",
// "dân'.", "cố^.", "trị?."). Each is split from its word, written back as a superscript and linked to its footnote.
import type { FootnoteLink, Section } from './types.js';

const SUPER = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const toSuper = (digits: string) => [...digits].map((d) => SUPER[Number(d)]).join('');
const fromSuper = (marks: string) => [...marks].map((c) => String(SUPER.indexOf(c))).join('');

/**
 * A printed superscript after a word, its figures or the quote or bracket that closes it ("tộc”¹", "(Đề án 06)²",
 * "năm 2025¹", "20/12/2025³"), or (only when footnotes exist) what OCR makes of one after a word of letters.
 */
const PRINTED = /(\S*?[\p{L}\p{N}][^\s⁰¹²³⁴⁵⁶⁷⁸⁹]*?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)/gu;
/** A unit's power ("1.250 m²", "km²", "m³"): no marker. */
const UNIT = /^[kcdh]?m$/;
const isUnit = (word: string, marks: string) => UNIT.test(word) && (marks === '²' || marks === '³');
/** The word a marker follows, without the quote or bracket around it. */
const bare = (word: string) => word.replace(/^[(“"'‘]+/u, '').replace(/[”"'’)\]]+$/u, '');
// A "?" is a marker only where no question ends: before other punctuation ("trị?.", "cố?;"), OCR's "²"; a
// closing quote ("hộ”,") only where no quotation is open.
const OCR_READ = /(?<=^|\s)(\p{L}[\p{L}/]*?\p{Ll})(\d{1,2}|[!'^*]|[?”](?=[.,;:)]))(?=[.,;:)]|\s|$)/gu;
const EITHER = new RegExp(`${PRINTED.source}|${OCR_READ.source}`, 'gu');
const MAYBE_OCR_READ = /\p{Ll}(?:\d{1,2}|[!'^*]|[?”][.,;:)])(?=[.,;:)\s]|$)/u;
/** Whether a quotation opened before `at` is still open there. */
const quoteOpen = (p: string, at: number) => (p.slice(0, at).match(/“/g)?.length ?? 0) > (p.slice(0, at).match(/”/g)?.length ?? 0);

/** The number a footnote starts with ("1 Theo …" -> "1"). */
const numberOf = (note: string) => /^(\d{1,2})\s/.exec(note)?.[1] ?? null;

export function linkFootnotes(sections: Section[], footnotes: readonly string[]): FootnoteLink[] {
  const links: FootnoteLink[] = [];
  if (!footnotes.length && !sections.some((s) => s.paragraphs.some((p) => /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(p)))) return links;
  const numbers = footnotes.map(numberOf);
  const link = (word: string, marker: string) => {
    const at = numbers.indexOf(marker);
    // A note whose number OCR lost is the next one in order.
    const footnote = at >= 0 ? at : links.length < footnotes.length && numbers[links.length] === null ? links.length : null;
    links.push({ marker, word: bare(word), footnote });
  };
  const wanted = new Set(numbers.filter(Boolean));
  const linkPrinted = (word: string, marks: string) => isUnit(word, marks) || link(word, fromSuper(marks));
  const mark = (p: string) => {
    // Cheap looks first: the marker patterns backtrack over every word of a long paragraph.
    const printed = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(p);
    // A table's rows: a printed marker in a cell ("Bản Huổi Lụ²"), but no digits or marks of OCR's, which are its figures.
    if (!footnotes.length || !MAYBE_OCR_READ.test(p) || p.includes(' | ')) {
      if (printed) for (const m of p.matchAll(PRINTED)) linkPrinted(m[1]!, m[2]!);
      return p;
    }
    // Both kinds in the order they stand: OCR reads some markers as marks and the OCR stage sets back as
    // superscripts the ones it lost ("nặng”; … khó khăn³."), and a mark takes the next note's number.
    const read = (m: string, word: string, mark: string, at: number) => {
      const marker = /\d/.test(mark) ? mark : (numbers[links.length] ?? String(links.length + 1));
      if (/\d/.test(mark) ? !wanted.has(marker) : links.length >= footnotes.length || (mark === '”' && quoteOpen(p, at))) return m;
      link(word, marker);
      return `${word}${toSuper(marker)}`;
    };
    if (!printed) return p.replace(OCR_READ, read);
    return p.replace(EITHER, (m, word?: string, marks?: string, ocrWord?: string, mark?: string, at?: number) => {
      if (word === undefined) return read(m, ocrWord!, mark!, at!);
      linkPrinted(word, marks!);
      return m;
    });
  };
  for (const s of sections) {
    if (s.heading) s.heading = mark(s.heading);
    s.paragraphs = s.paragraphs.map(mark);
  }
  return links;
}
