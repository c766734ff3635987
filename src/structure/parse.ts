// Text -> Report. Works on lines: the header block, type and title, period, sections, the bottom block.
import { reflow } from './reflow.js';
import { AUTHORITIES, DOCUMENT_TYPES, folded, fuzzyIncludes, isoDate, MOTTO, NATIONAL_HEADER, PARTY_HEADER } from './patterns.js';
import { SCHEMA_VERSION, type Header, type Period, type Reference, type Report, type Section, type Signature } from './types.js';

const NUMBER = /^\s*(?:s[o0-9]\S?|so)\s*:?\s*(\d+[\p{L}\p{N}/.-]*[-/][\p{L}\p{N}/.-]+)/u;
const DATE = /(?:^|[,\s])ng[a-z]{1,3}\s+(\d{1,2})\s+th[a-z]{2,4}\s+(\d{1,2})\s+n[a-z]{1,3}\s+(\d{4})/;
const PERIOD = /\(?\s*((?:tu[a-z]n|th[a-z]ng|quy)\s+\S+\s+n\S{1,3}\s+(\d{4}))(?:\s*,\s*t\S{0,2}\s+ng\S{1,3}\s+(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?\s+d\S{1,3}\s+(?:ng\S{1,3}\s+)?(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?)?\s*\)?/;
const REFERENCE =
  /(Kế hoạch|Báo cáo|Công văn|Hướng dẫn|Quyết định|Nghị quyết|Chỉ thị|Thông báo|Nghị định|Thông tư|Tờ trình|Kết luận|Chương trình|Quy định|Luật)\s+số\s+(\d+[\p{L}\p{N}/.-]*[\p{L}\p{N}])(?:\s+ngày\s+(\d{1,2})\/(\d{1,2})\/(\d{4}))?/gu;
const URL = /(?:https?:\/\/|www\.)[^\s<>"“”)]+[^\s<>"“”.,;:!?)]/g;
const SECTION = /^((?:[IVX]{1,5})|\d{1,2}|[a-zđ])([.)])\s+(.*)$/u;

const emptyHeader = (): Header => ({ partyHeader: null, nationalHeader: null, motto: null, parentBody: null, issuingBody: null, number: null, place: null, date: null });

function titleCase(upper: string): string {
  return upper.toLocaleLowerCase('vi').replace(/(^|\s)(\p{L})/gu, (_, s: string, c: string) => s + c.toLocaleUpperCase('vi'));
}

function isUpperLine(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && letters.filter((c) => c === c.toLocaleUpperCase('vi') && c !== c.toLocaleLowerCase('vi')).length / letters.length > 0.8;
}

/** The header block: lines up to and including the document type line. */
function parseHeader(lines: string[], header: Header): number {
  const left: string[] = [];
  let i = 0;
  for (; i < Math.min(lines.length, 14); i++) {
    let line = lines[i]!.trim();
    if (!line) continue;
    const f = folded(line);
    if (DOCUMENT_TYPES.some(([key]) => f.replace(/[^a-z ]/g, '').trim() === key)) break;
    const party = fuzzyIncludes(line, 'cong san viet nam');
    if (party >= 0) {
      header.partyHeader = PARTY_HEADER;
      // A merged two-column line: "TỈNH ỦY THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM" — drop the word before "cộng sản" (Đảng).
      const before = line.slice(0, party).trim().split(/\s+/).slice(0, -1).join(' ');
      line = before;
    }
    const national = fuzzyIncludes(line, 'cong hoa xa hoi chu nghia viet nam');
    if (national >= 0) {
      header.nationalHeader = NATIONAL_HEADER;
      line = line.slice(0, national).trim();
    }
    const motto = fuzzyIncludes(line, 'doc lap - tu do - hanh phuc');
    if (motto >= 0) {
      header.motto = MOTTO;
      line = line.slice(0, motto).trim();
    }
    const fl = folded(line);
    const number = NUMBER.exec(fl);
    if (number) {
      header.number = line.slice(number.index + number[0].length - number[1]!.length, number.index + number[0].length).toUpperCase();
      line = line.slice(0, number.index).trim();
    }
    const date = DATE.exec(folded(line));
    if (date) {
      header.date = isoDate(Number(date[1]), Number(date[2]), Number(date[3]));
      const place = line.slice(0, date.index).replace(/[^\p{L}\s]/gu, ' ').trim().replace(/\s+/g, ' ');
      if (place) header.place = place;
      line = '';
    }
    if (line && isUpperLine(line) && !/^-+$/.test(line)) left.push(line.replace(/[^\p{L}\p{N}\s,-]/gu, '').trim());
    if (/^[-_*\s]+$/.test(line)) continue;
  }
  const bodies = left.filter(Boolean);
  if (bodies.length >= 2) {
    header.parentBody = titleCase(bodies[0]!);
    header.issuingBody = titleCase(bodies.slice(1).join(' '));
  } else if (bodies.length === 1) header.issuingBody = titleCase(bodies[0]!);
  return i;
}

function parsePeriod(text: string): Period | null {
  const f = folded(text);
  const m = PERIOD.exec(f);
  if (!m) return null;
  const label = text.slice(m.index, m.index + m[0].length).replace(/^\(|\)$/g, '').trim();
  const year = Number(m[2]);
  if (m[3]) {
    const from = isoDate(Number(m[3]), Number(m[4]), Number(m[5] ?? year));
    let toYear = Number(m[8] ?? year);
    if (!m[8] && Number(m[7]) < Number(m[4])) toYear = year + 1;
    return { label, from, to: isoDate(Number(m[6]), Number(m[7]), toYear) };
  }
  const month = /^th[a-z]ng\s+(\d{1,2})/.exec(m[1]!);
  if (month) {
    const mm = Number(month[1]);
    const last = new Date(Date.UTC(year, mm, 0)).getUTCDate();
    return { label, from: isoDate(1, mm, year), to: isoDate(last, mm, year) };
  }
  return { label, from: null, to: null };
}

function parseSignature(lines: string[]): Signature {
  const sig: Signature = { authority: null, position: null, name: null };
  const clean = lines.map((l) => l.trim()).filter(Boolean);
  for (let i = 0; i < clean.length; i++) {
    const f = folded(clean[i]!);
    const auth = AUTHORITIES.find((re) => re.test(`${f} `));
    if (auth) {
      // The first authority line is the signer's ("TM. ỦY BAN NHÂN DÂN"); a second one ("KT. CHỦ TỊCH") only delegates.
      sig.authority ??= clean[i]!.slice(0, auth.exec(`${f} `)![1]!.length).toUpperCase();
      continue;
    }
    if (!sig.position && isUpperLine(clean[i]!) && clean[i]!.split(/\s+/).length <= 6) sig.position = clean[i]!;
  }
  const last = clean[clean.length - 1];
  if (last && /^(\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u.test(last)) sig.name = last;
  return sig;
}

const FOOTNOTE = /^\d{1,2}\s+\p{Lu}/u;

/** After "Nơi nhận:": the recipients ("- ..." lines and their continuations), the signature, the footnotes. */
function parseBottom(lines: string[]): { recipients: string[]; signature: Signature; footnotes: string[] } {
  const recipients: string[] = [];
  const sigLines: string[] = [];
  const footnotes: string[] = [];
  let part: 'recipients' | 'signature' | 'footnotes' = 'recipients';
  for (const raw of lines) {
    const t = raw.trim();
    if (!t) continue;
    if (FOOTNOTE.test(t) && (sigLines.length > 0 || part === 'footnotes')) {
      part = 'footnotes';
      footnotes.push(t);
    } else if (part === 'footnotes') footnotes[footnotes.length - 1] += ` ${t}`;
    else if (part === 'recipients' && /^[-+•]/.test(t)) recipients.push(t.replace(/^[-+•]\s*/, '').replace(/[;,.]$/, ''));
    else if (part === 'recipients' && recipients.length && /^\p{Ll}/u.test(t)) {
      recipients[recipients.length - 1] = `${recipients[recipients.length - 1]} ${t.replace(/[;,.]$/, '')}`;
    } else {
      part = 'signature';
      sigLines.push(t);
    }
  }
  return { recipients: recipients.filter(Boolean), signature: parseSignature(sigLines), footnotes };
}

function references(text: string): Reference[] {
  const seen = new Set<string>();
  const out: Reference[] = [];
  for (const m of text.matchAll(REFERENCE)) {
    const key = `${m[1]} ${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: m[1]!, number: m[2]!, date: m[3] ? isoDate(Number(m[3]), Number(m[4]), Number(m[5])) : null, text: m[0] });
  }
  return out;
}

export function parseReport(input: string): Report {
  const text = input.normalize('NFC').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const header = emptyHeader();
  let at = parseHeader(lines, header);
  let documentType: string | null = null;
  let title: string | null = null;
  let period: Period | null = null;
  const typeLine = lines[at] ? folded(lines[at]!).replace(/[^a-z ]/g, '').trim() : '';
  const type = DOCUMENT_TYPES.find(([key]) => typeLine === key);
  if (type && at < lines.length) {
    documentType = type[1];
    const titleLines: string[] = [];
    for (at++; at < lines.length; at++) {
      const line = lines[at]!.trim();
      if (!line) continue;
      if (titleLines.length >= 4) break;
      if (/^[-_*]{3,}$/.test(line) || (line.startsWith('(') && PERIOD.test(folded(line)))) {
        if (line.startsWith('(')) period = parsePeriod(line);
        at++;
        break;
      }
      titleLines.push(line);
    }
    title = titleLines.join(' ').replace(/\s+/g, ' ') || null;
  } else {
    at = 0;
    const vv = lines.findIndex((l) => /^\s*v\/v\b/i.test(folded(l)));
    if (vv >= 0) {
      documentType = 'CÔNG VĂN';
      title = lines[vv]!.trim().replace(/^v\/v\.?\s*/i, '');
      at = vv + 1;
    }
  }

  const recipientsAt = lines.findIndex((l, i) => i >= at && /^\s*noi nhan\s*:?/.test(folded(l)));
  const bodyEnd = recipientsAt >= 0 ? recipientsAt : lines.length;
  const sections: Section[] = [];
  let current: Section = { number: null, level: 0, heading: null, paragraphs: [] };
  for (const paragraph of reflow(lines.slice(at, bodyEnd))) {
    const m = SECTION.exec(paragraph);
    if (m && paragraph.length < 200 && !/^\d+\.\d/.test(paragraph)) {
      if (current.heading || current.paragraphs.length) sections.push(current);
      const level = /^[IVX]+$/.test(m[1]!) ? 1 : /^\d+$/.test(m[1]!) ? 2 : 3;
      current = { number: m[1]!, level, heading: m[3]!.trim(), paragraphs: [] };
    } else current.paragraphs.push(paragraph);
  }
  if (current.heading || current.paragraphs.length) sections.push(current);
  if (!period) period = parsePeriod(title ?? '');

  const { recipients, signature, footnotes } = recipientsAt >= 0 ? parseBottom(lines.slice(recipientsAt + 1)) : { recipients: [], signature: parseSignature([]), footnotes: [] };
  const body = sections.flatMap((s) => [s.heading ? `${s.number}. ${s.heading}` : '', ...s.paragraphs]).filter(Boolean).join('\n');
  return {
    schemaVersion: SCHEMA_VERSION,
    header,
    documentType,
    title,
    period,
    sections,
    recipients,
    signature,
    footnotes,
    references: references([title ?? '', body].join('\n')),
    urls: [...new Set(text.match(URL) ?? [])],
    text: body,
  };
}
