// Text -> Report: the header block, type and title, period, sections, the bottom block.
import { parseBottom, parseBottomColumns, parseSignature, type Bottom } from './bottom.js';
import { takeDigitalSignatures } from './digital.js';
import { isPosition } from './confidence.js';
import { linkFootnotes } from './footnotes.js';
import { nameWithHead } from './signature-mends.js';
import { findFlatTables } from './flat-tables.js';
import { emptyHeader, parseHeader, type HeaderResult } from './header.js';
import { findTables, inTable, splitBlock, type TextTable } from './layout.js';
import { AUTHORITY, documentTypeOf, fixQuarter, folded, foldLine, isoDate, isUpperLine, REFERENCE_TYPES, romanNumber } from './patterns.js';
import { PERIOD_CUE, parsePeriod, periodInTitle } from './period.js';
import { reflow } from './reflow.js';
import { SCHEMA_VERSION, type Period, type Reference, type Report, type Section, type Table } from './types.js';

const REFERENCE = new RegExp(
  `\\b(${Object.keys(REFERENCE_TYPES).join('|')})\\s+s[o06b]\\s+(\\d+[\\p{L}\\p{N}/.-]*[\\p{L}\\p{N}])` +
    `(?:\\s+ng\\S{1,3}\\s+(?:(\\d{1,2})\\/(\\d{1,2})\\/(\\d{4})|(\\d{1,2})\\s+th\\S{2,4}\\s+(\\d{1,2})\\s+n\\S{1,3}\\s+(\\d{4})))?`,
  'gu',
);
const URL = /(?:https?:\/\/|www\.)[^\s<>"“”)]+[^\s<>"“”.,;:!?)]/g;
const SECTION = /^(\S{1,5}?)([.)])\s+(.*)$/u;
/** A Roman heading whose dot OCR lost: "IL NHIỆM VỤ VÀ GIẢI PHÁP". */
const ROMAN_NO_DOT = /^([IVXHL|]{1,4})\s+(\p{Lu}.*)$/u;
/** Lines that open the body, so a title never runs into them. */
const BODY_START = /^(?:can cu|thuc hien|theo de nghi|xet de nghi|kinh gui|ngay \d|quyet dinh\s*:|noi nhan|dieu \d+\.)/;
/** Characters from which a line that opens in capitals is running text rather than a title's line. */
const BODY_LINE = 64;
/** Marks OCR reads before "Nơi nhận" (a stroke, a speck), a bullet aside: "..Nơinhận", "` Mi nhận". */
const SPECKS = '(?:[^\\p{L}\\s]{0,3}|[^\\p{L}\\s+•-]{1,3}\\s+)';
/** "Nơi nhận:" as OCR reads it: "ơi nhận:", "..Nơinhận: -", "` Mi nhận: -" (folded). */
const NOI_NHAN = new RegExp(`^\\s*${SPECKS}(?:n\\S{1,2}i\\s*nh\\S{1,2}n\\s*:?|\\S{1,4}\\s+nh\\S{1,2}n\\s*:)`, 'u');
const NOI_NHAN_START = new RegExp(`^\\s*${SPECKS}\\S{1,7}\\s*nh\\S{1,2}n`, 'u');

/** "I. MỤC ĐÍCH" -> level 1 "I"; "2. Yêu cầu" -> 2; "a) Tuyên truyền" -> 3; OCR'd "IL. NHIỆM VỤ" -> "II". */
function heading(paragraph: string): Omit<Section, 'paragraphs'> | null {
  if (paragraph.length >= 200 || /^\d+\.\d/.test(paragraph)) return null;
  const bare = ROMAN_NO_DOT.exec(paragraph);
  const roman = bare && romanNumber(bare[1]!);
  if (roman && isUpperLine(bare![2]!)) return { number: roman, level: 1, heading: bare![2]!.trim() };
  const m = SECTION.exec(paragraph);
  if (!m) return null;
  const [, token, sep, rest] = m as unknown as [string, string, string, string];
  if (/^\d{1,2}$/.test(token) && sep === '.') return { number: token, level: 2, heading: rest.trim() };
  const dotted = sep === '.' ? romanNumber(token) : null;
  if (dotted && (/^[IVX]+$/.test(token) || isUpperLine(rest))) return { number: dotted, level: 1, heading: rest.trim() };
  if (/^[a-zđ]$/u.test(token)) return { number: token, level: 3, heading: rest.trim() };
  return null;
}

function isPeriodLine(line: string): boolean {
  const f = folded(line);
  return (line.startsWith('(') || line.length < 90) && PERIOD_CUE.test(f) && (line.startsWith('(') || PERIOD_CUE.exec(f)!.index === 0);
}

/** Whether `line` ends a title of `titleLines` (a body line, a heading, the issuer's line of a decision). */
function endsTitle(line: string, titleLines: readonly string[], afterBlank: boolean): boolean {
  const f = folded(line);
  // "ngày 12/12/2011, số …" in lower case carries on a title citing documents; "Ngày 03/01/2025, …" opens the body.
  if ((BODY_START.test(f) && !(titleLines.length && /^ngày\s/u.test(line))) || heading(line) || titleLines.length >= 4) return true;
  if (!titleLines.length) return false;
  const last = titleLines[titleLines.length - 1]!;
  if (/[.:;]$/.test(last) || /:$/.test(line)) return true;
  if (isUpperLine(line) && !isUpperLine(titleLines[0]!)) return true;
  // A title's lines are centred and short; a line opening in capitals and longer than all of them is the body's
  // first (its indent lost).
  if (/^\p{Lu}/u.test(line) && line.length >= BODY_LINE && line.length > Math.max(...titleLines.map((l) => l.length)) + 4 && !isUpperLine(line)) return true;
  return afterBlank && !/^\p{Ll}/u.test(line) && (line.length >= 100 || /[.;:]$/.test(line));
}

function readTitle(lines: readonly string[], at: number): { title: string | null; periodLine: string | null; next: number } {
  const titleLines: string[] = [];
  let periodLine: string | null = null;
  let blank = false;
  for (; at < lines.length; at++) {
    const line = lines[at]!.trim();
    if (!line) {
      blank = titleLines.length > 0;
      continue;
    }
    if (/^[-_*]{3,}$/.test(line)) {
      at++;
      break;
    }
    if (titleLines.length && isPeriodLine(line)) {
      periodLine = line;
      at++;
      break;
    }
    if (endsTitle(line, titleLines, blank)) break;
    titleLines.push(line);
    blank = false;
  }
  const title = fixQuarter(titleLines.join(' ').replace(/\s+/g, ' ')) || null;
  return { title, periodLine, next: at };
}

/** A short line ending in two numbers or more: a table's row whose columns were lost ("Bình Chánh 4 62 60"). */
const BARE_ROW = /^.{0,50}\S\s+\d[\d.,%]*\s+\d[\d.,%]*$/u;
const ROW_END = /[\d.,%]/;
/** How far the tables found are trusted when rows of a table are left in the text around them. */
const LOST_TABLE = 0.5;
/**
 * Tables whose columns were read back from single spaces (by the figures, the name and the heading's capitals):
 * a guess, so flagged. The rows come out in JSON all the same; a reader checks them against the page.
 */
const FLAT_TABLE = 0.6;

/** Whether two lines running, outside the tables found, read as rows of a table whose columns were lost. */
function lostTable(lines: readonly string[], tables: readonly TextTable[]): boolean {
  // The last character first: the pattern backtracks over every line of prose.
  const row = (i: number) => i < lines.length && ROW_END.test(lines[i]!.trimEnd().slice(-1)) && !inTable(tables, i) && BARE_ROW.test(lines[i]!.trim());
  return lines.some((_, i) => row(i) && row(i + 1));
}

/** Marks a table's place among the body lines, so that it stays a paragraph of its own in its section. */
const TABLE_MARK = /^\u0001table (\d+)$/;
export const tableText = (rows: readonly string[][]) => rows.map((r) => r.join(' | ')).join('\n');

function sectionsOf(lines: readonly string[], tables: Table[]): Section[] {
  const sections: Section[] = [];
  let current: Section = { number: null, level: 0, heading: null, paragraphs: [] };
  let lastRoman: string | null = null;
  for (const paragraph of reflow(lines)) {
    const mark = TABLE_MARK.exec(paragraph);
    if (mark) {
      const table = tables[Number(mark[1])]!;
      table.section = current.number;
      current.paragraphs.push(tableText(table.rows));
      continue;
    }
    const h = heading(paragraph);
    if (h) {
      // "I." twice running is OCR's "II." (its second stroke lost).
      if (h.level === 1 && h.number === lastRoman && lastRoman && ROMANS.includes(lastRoman)) h.number = ROMANS[ROMANS.indexOf(lastRoman) + 1]!;
      if (h.level === 1) lastRoman = h.number;
      if (current.heading || current.paragraphs.length) sections.push(current);
      current = { ...h, paragraphs: [] };
    } else current.paragraphs.push(paragraph);
  }
  if (current.heading || current.paragraphs.length) sections.push(current);
  return sections;
}

const ROMANS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'];

/** Documents cited, in order of first mention; a later mention can supply the date the first one left out. */
function references(text: string, own: string | null): Reference[] {
  const byNumber = new Map<string, Reference>();
  for (const m of foldLine(text).matchAll(REFERENCE)) {
    const end = m.index + m[1]!.length + m[0].slice(m[1]!.length).indexOf(m[2]!) + m[2]!.length;
    const number = text.slice(end - m[2]!.length, end);
    if (number === own) continue;
    const [d, mo, y] = m[3] ? [m[3], m[4], m[5]] : [m[6], m[7], m[8]];
    const ref = { type: REFERENCE_TYPES[m[1]!]!, number, date: d ? isoDate(Number(d), Number(mo), Number(y)) : null, text: text.slice(m.index, m.index + m[0].length) };
    const seen = byNumber.get(number);
    if (!seen) byNumber.set(number, ref);
    else if (!seen.date && ref.date) Object.assign(seen, { date: ref.date, text: ref.text });
  }
  return [...byNumber.values()];
}

/**
 * The "Kính gửi:" block at `at`: its addressees, without the list's punctuation and as printed, and the line after
 * it (`at` itself when there is none).
 */
function addresseesAt(lines: readonly string[], at: number): { addressees: string[]; addresseeLines: string[]; next: number } {
  let i = at;
  while (i < lines.length && !lines[i]!.trim()) i++;
  if (i >= lines.length || !/^kinh gui\b/.test(folded(lines[i]!.trim()))) return { addressees: [], addresseeLines: [], next: at };
  const items: string[] = [];
  const own = lines[i]!.trim().replace(/^\S+\s+\S+\s*:?\s*/u, '');
  if (own) items.push(own.replace(/^[-+•]\s*/, ''));
  for (i++; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) {
      if (items.length) break;
      continue;
    }
    if (/^[-+•]\s*/.test(t)) items.push(t.replace(/^[-+•]\s*/, ''));
    else if (items.length && /^\p{Ll}/u.test(t)) items[items.length - 1] += ` ${t}`;
    else break;
  }
  const printed = items.map((x) => x.trim()).filter((x) => x.replace(/[;,.]$/, '').trim());
  return { addressees: printed.map((x) => x.replace(/[;,.]$/, '').trim()), addresseeLines: printed, next: i };
}

/** The header's lines in reading order: a two-column block (laid-out text) becomes its left column, then its right. */
function readingOrder(lines: readonly string[]): { lines: string[]; result: HeaderResult } {
  const first = parseHeader(lines);
  const split = splitBlock(lines.slice(0, first.end));
  if (!split) return { lines: [...lines], result: first };
  const ordered = [...split.left, '', ...split.right, '', ...lines.slice(first.end)];
  const second = parseHeader(ordered);
  // A gap left for a handwritten number or day ("Số:     /UBND-VP") can look like a column's edge: the columns
  // are kept only where they read the header as well as the lines as given.
  return elementsOf(second) >= elementsOf(first) ? { lines: ordered, result: second } : { lines: [...lines], result: first };
}

/** How many of a header's elements a parse found: the national or Party header, motto, number, date, place, and the number or date it could not read. */
function elementsOf({ header, uncertain }: HeaderResult): number {
  const found = [header.partyHeader, header.nationalHeader, header.motto, header.number, header.date, header.place].filter(Boolean).length;
  return found + uncertain.filter((u) => u.field === 'header.number' || u.field === 'header.date').length;
}

export function parseReport(input: string): Report {
  const text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  const boxed = takeDigitalSignatures(text.split('\n'));
  const { lines, result } = readingOrder(boxed.lines);
  const { header, end, summary } = result;
  let documentType: string | null = null;
  let title: string | null = null;
  let periodLine: string | null = null;
  let at = 0;
  if (end < lines.length && documentTypeOf(lines[end]!)) {
    documentType = documentTypeOf(lines[end]!);
    ({ title, periodLine, next: at } = readTitle(lines, end + 1));
  } else if (summary) {
    documentType = 'CÔNG VĂN';
    title = summary;
    at = end;
  } else if (elementsOf(result) > 0) at = end;
  // Nothing marks the first lines as a header (a note, an article): they are the body's, printed once there.
  else Object.assign(header, emptyHeader());
  const { addressees, addresseeLines, next } = addresseesAt(lines, at);
  at = next;

  const recipientsAt = lines.findIndex((l, i) => i >= at && NOI_NHAN_START.test(l) && NOI_NHAN.test(folded(l.trim())));
  // The signature's authority line may sit a line above "Nơi nhận:" ("T/M BAN THƯỜNG VỤ"): it is the signature's.
  const above = recipientsAt > at && isAuthorityLine(lines[recipientsAt - 1]!) ? lines[recipientsAt - 1]!.trim() : null;
  const bodyLines = lines.slice(at, recipientsAt >= 0 ? recipientsAt - (above ? 1 : 0) : lines.length);
  const laidOut = findTables(bodyLines);
  const flat = findFlatTables(bodyLines, (i) => inTable(laidOut, i));
  const found = [...laidOut, ...flat].sort((a, b) => a.start - b.start);
  const quality = lostTable(bodyLines, found) ? { ...result.quality, tables: LOST_TABLE } : flat.length ? { ...result.quality, tables: FLAT_TABLE } : result.quality;
  const tables: Table[] = found.map((t) => ({ section: null, rows: t.rows }));
  for (const [k, t] of [...found.entries()].reverse()) bodyLines.splice(t.start, t.end - t.start, '', `\u0001table ${k}`, '');
  const sections = sectionsOf(bodyLines, tables);
  // The period's own line, as printed, when it has one; a period the title names is printed there only.
  const fromLine = periodLine ? parsePeriod(periodLine, header.date) : null;
  const inTitle = !fromLine && title ? periodInTitle(title, header.date) : null;
  const period: Period | null = fromLine ? { ...fromLine, printed: periodLine } : inTitle ? { ...inTitle, printed: null } : null;
  const annexAt = recipientsAt >= 0 ? annexStart(lines, recipientsAt) : -1;
  const bottom = recipientsAt >= 0 ? bottomOf(lines.slice(recipientsAt, annexAt >= 0 ? annexAt : lines.length), above) : { recipients: [], recipientLines: [], signature: { authority: null, position: null, name: null, lines: [] }, footnotes: [] };
  const links = linkFootnotes(sections, bottom.footnotes);
  const body = sections.flatMap((s) => [s.heading ? `${s.number}${s.level === 3 ? ')' : '.'} ${s.heading}` : '', ...s.paragraphs]).filter(Boolean).join('\n');
  return {
    schemaVersion: SCHEMA_VERSION,
    header,
    documentType,
    title,
    period,
    sections,
    addressees,
    addresseeLines,
    recipients: bottom.recipients,
    recipientLines: bottom.recipientLines,
    signature: bottom.signature,
    digitalSignature: boxed.signatures[0] ?? null,
    digitalSignatures: boxed.signatures,
    tables,
    footnotes: bottom.footnotes,
    footnoteLinks: links,
    references: references([title ?? '', body, ...bottom.footnotes].join('\n'), header.number),
    urls: [...new Set(text.match(URL) ?? [])],
    confidence: quality,
    uncertain: result.uncertain,
    text: body,
    annex: annexAt >= 0 ? lines.slice(annexAt).map((l) => l.trim()).filter(Boolean).join('\n') : null,
  };
}

/** A line of laid-out text from this column on, alone on its row, sits in the signature's column (80 or so to a page). */
const SIGNATURE_COLUMN = 30;
/** A signer's name, quote marks OCR made of a pen stroke aside ("“Đặng Văn Minh"). */
const NAME_LINE = /^\W?\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4}\W?$/u;

/** A national or Party header line: after the signature, a document attached to this one begins there. */
const isHeaderLine = (line: string) => line.length < 120 && /x\S{1,2}\s+h\S{1,2}i\s+ch|c\S{1,2}ng\s+s\S{1,2}n\s+vi/u.test(folded(line));

/**
 * Where a document attached after this one's signature begins: its header, from the issuer's lines (capitals,
 * "Số:") read before its national or Party header; -1 when there is none.
 */
function annexStart(lines: readonly string[], from: number): number {
  let at = lines.findIndex((l, i) => i > from && isHeaderLine(l));
  if (at < 0) return -1;
  const issuer = (l: string) => /^s[o0]\s*:/.test(folded(l.trim())) || (isUpperLine(l) && !AUTHORITY.test(folded(l.trim())) && !isPosition(l.trim()));
  for (let k = 0; k < 3 && at - 1 > from && issuer(lines[at - 1]!); k++) at--;
  return at;
}

/** What follows "Nơi nhận:" on its own line (a recipient, or the signature column merged into it). */
const afterNoiNhan = (line: string) => line.trim().slice(NOI_NHAN.exec(folded(line.trim()))?.[0].length ?? 0).replace(/^\s*-?\s*$/, '').trim();

/** An authority line of a signature: "TM. ỦY BAN NHÂN DÂN", "T/M BAN THƯỜNG VỤ", in capitals. */
const isAuthorityLine = (line: string) => AUTHORITY.test(folded(line.trim())) && isUpperLine(line);

/**
 * From the "Nơi nhận:" line on: by its columns when the text is laid out, else by what each line holds. `above`:
 * the signature's authority line, printed above "Nơi nhận:".
 */
function bottomOf(lines: readonly string[], above: string | null): Bottom {
  const split = splitBlock(lines, { lone: SIGNATURE_COLUMN });
  // Marks of a seal or a signature over the block ("mm", "!", "j ⁄") are no line of it.
  const right = split?.right.filter((l) => /\p{L}{3}/u.test(l)) ?? [];
  // A right column of signature lines: capitals, an authority mark or the name, its surname's head lost under a
  // seal perhaps ("ran Hoàng Tuấn"), not a wrapped recipient.
  if (split && right.length && right.every((l) => isUpperLine(l) || NAME_LINE.test(l.trim()) || nameWithHead(l) !== null)) {
    const [first, ...rest] = split.left;
    const own = afterNoiNhan(first!);
    return parseBottomColumns(own ? [own, ...rest] : rest, above ? [above, ...right] : right);
  }
  const bottom = parseBottom(lines.slice(1), afterNoiNhan(lines[0]!));
  return above ? { ...bottom, signature: parseSignature([above, ...bottom.signature.lines]) } : bottom;
}
