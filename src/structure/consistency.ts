// What a document states twice must agree: where two readings of it differ, at least one of them was misread,
// and the field is not to be taken as read.
import { distance } from 'fastest-levenshtein';
import { applyToneStyle } from '../text/syllable.js';
import { lostItsHead } from './bodies.js';
import { folded } from './patterns.js';
import { textQuality } from './quality.js';
import type { Report } from './types.js';

/** How far a field that disagrees with the rest of the document is trusted. */
const DISAGREES = 0.5;

const words = (text: string) => text.toLocaleLowerCase('vi').split(/[^\p{L}]+/u).filter(Boolean);
/** Spelled alike: the same letters and marks, in one tone style ("hoá" and "hóa" are one spelling). */
const spelling = (ws: readonly string[]) => ws.map((w) => applyToneStyle(w, 'old')).join(' ');

/**
 * The place is most often named in the issuer's name too ("TỈNH QUẢNG NGÃI" over "Quảng Ngãi, ngày …"): a place
 * within two letters of words of the issuer, but not spelled as they are, was misread there or here. An issuer
 * that does not read as text ("TINH QUANG NGAÀI") is flagged itself, and no reading to set the place against.
 */
function placeAgrees(place: string, bodies: readonly (string | null)[]): boolean {
  const own = words(place);
  const ownText = own.join(' ');
  const ownFolded = folded(ownText);
  const ownMarked = ownFolded !== ownText;
  for (const body of bodies) {
    if (!body || textQuality(body) < 1) continue;
    const ws = words(body);
    for (let i = 0; i + own.length <= ws.length; i++) {
      const window = ws.slice(i, i + own.length);
      const windowText = window.join(' ');
      const windowFolded = folded(windowText);
      // A reading without a single mark where the other has them lost its marks: it says nothing against the other.
      if (windowFolded === windowText && ownMarked) continue;
      if (distance(windowFolded, ownFolded) <= 2 && spelling(window) !== spelling(own)) return false;
    }
  }
  return true;
}

/**
 * A name in the title (two capitalised words or more: "Quảng Ngãi") within two letters of words of the issuer or
 * the place, but not spelled as they are, was misread in one of them: "tỉnh Quảng Nãi" under "TỈNH QUẢNG NGÃI".
 * A title opening with a misread "Về việc" disagrees with itself.
 */
function titleAgrees(r: Report): boolean {
  const names = r.title?.match(/\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)+/gu) ?? [];
  return !misreadSubject(r.title) && names.every((name) => placeAgrees(name, [r.header.issuingBodyPrinted, r.header.parentBodyPrinted, r.header.place]));
}

/** A title opens "Về việc": another word of a "v" before "việc" there ("và việc", "Vẻ việc") is OCR's misreading of it. */
const misreadSubject = (title: string | null) => !!title && /^v\S{0,2}\s+việc\b/iu.test(title) && !/^về\s/iu.test(title);

/**
 * A title with its "Về việc" mended: misread at its start ("và việc"), or after OCR's reading of a stamp beside it
 * that reads as no text ("[tru TÂM CÔNG 8404 T18 HỌC Ô.NGÃI Về việc …"), which is dropped. Null for any other.
 */
export function mendedSubject(title: string | null): string | null {
  if (!title) return null;
  if (misreadSubject(title)) return title.replace(/^v\S{0,2}(?=\s)/iu, 'Về');
  // The stamp's reading may end in a quote or a rule read as such ("… NGÃI | 'Về việc").
  const at = title.search(/(?<=[\s'"“‘|])Về\s+việc\b/u);
  return at > 0 && textQuality(title.slice(0, at)) < 1 ? title.slice(at) : null;
}

/** Three words running of the national header, the Party header or the motto. */
const OTHER_COLUMN = /cong hoa xa|xa hoi chu|chu nghia viet|nghia viet nam|cong san viet|doc lap tu|tu do hanh/;

/**
 * A body holding words of the national or Party header or the motto took them from the column beside it (the
 * two columns read as one line): "UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ".
 */
const bodyAlone = (body: string | null) => !body || !OTHER_COLUMN.test(folded(body).replace(/[^a-z]+/g, ' '));

/** "KT." signs for the head: the signer below it is a deputy ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH"). */
const positionAgrees = (r: Report) => !r.signature.position || !r.signature.lines.some((l) => /^k\/?t\.?\s/.test(folded(l))) || /^pho\s/.test(folded(r.signature.position));

/**
 * Each footnote is marked in the body and each marker has its footnote: a note no marker links means a marker
 * was lost (the links are short), a marker linked to no note that a note was lost or two ran together.
 */
function footnoteDisagreements(r: Report): Record<string, number> {
  const linked = new Set(r.footnoteLinks.map((l) => l.footnote));
  const out: Record<string, number> = {};
  if (linked.has(null)) out.footnotes = DISAGREES;
  if (!r.footnotes.every((_, k) => linked.has(k))) out.footnoteLinks = DISAGREES;
  return out;
}

/** The levels an issuer names its place at, folded, and as written in a body's name. */
const LEVELS: [string, string][] = [['tinh', 'Tỉnh'], ['huyen', 'Huyện'], ['thi xa', 'Thị xã'], ['thanh pho', 'Thành phố'], ['xa', 'Xã'], ['phuong', 'Phường'], ['thi tran', 'Thị trấn']];

/**
 * An issuer that does not read as text ("TINH QUANG NGAÀI") whose name is within two letters of the place the
 * date line gives, read clean ("Quảng Ngãi"): the same name, spelled as the place spells it ("Tỉnh Quảng Ngãi").
 */
export function mendedIssuer(r: Report): string | null {
  const printed = r.header.issuingBodyPrinted;
  const place = r.header.place;
  if (!printed || !place || textQuality(printed) >= 1 || textQuality(place) < 1) return null;
  const key = folded(printed).replace(/[^a-z\s]+/g, '').replace(/\s+/g, ' ').trim();
  for (const [level, written] of LEVELS) {
    if (key.startsWith(`${level} `) && distance(key.slice(level.length + 1), folded(place)) <= 2) return `${written} ${place}`;
  }
  return null;
}

/**
 * The place as a clean body names it where the place is within two letters of the body's words but spelled apart
 * ("Có Bằng" under "TỈNH CAO BẰNG"): the body's spelling, from its Title Case form ("Cao Bằng"). Which of the two
 * was misread is for the caller to judge (the words' OCR confidence), so the body as printed comes with it.
 */
export function placeFromBodies(r: Report): { place: string; body: string } | null {
  const place = r.header.place;
  if (!place) return null;
  const own = words(place);
  for (const [body, printed] of [[r.header.issuingBody, r.header.issuingBodyPrinted], [r.header.parentBody, r.header.parentBodyPrinted]]) {
    if (!body || !printed || textQuality(printed) < 1) continue;
    const bodyWords = body.split(/\s+/u);
    for (let i = 0; i + own.length <= bodyWords.length; i++) {
      const window = bodyWords.slice(i, i + own.length);
      const named = window.join(' ');
      if (distance(folded(named), folded(own.join(' '))) <= 2 && spelling(words(named)) !== spelling(own) && window.every((w) => /^\p{Lu}/u.test(w))) return { place: named, body: printed };
    }
  }
  return null;
}

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / DAY_MS;

/**
 * Whether a report's period fits its date: a report of results is dated within its period or after it, by at most
 * a month or half the period's length (a year's report in its first months, a quarter's within six weeks). OCR that
 * loses a stroke of a roman numeral ("quý III" read "quý II" in a report of 29 September) gives a period that ends
 * a quarter before the report. Plans and programmes look ahead, so only reports are weighed.
 */
function periodAgrees(r: Report): boolean {
  const { period, header } = r;
  if (r.documentType !== 'BÁO CÁO' || !period?.from || !period.to || !header.date) return true;
  const length = days(period.from, period.to) + 1;
  const after = days(period.to, header.date);
  return after >= -length && after <= Math.max(31, length / 2);
}

/** The fields that disagree with another part of the document, each with how far it is still trusted. */
export function disagreements(r: Report): Record<string, number> {
  const out: Record<string, number> = {};
  Object.assign(out, footnoteDisagreements(r));
  if (r.header.place && !placeAgrees(r.header.place, [r.header.issuingBodyPrinted, r.header.parentBodyPrinted])) out['header.place'] = DISAGREES;
  if (!positionAgrees(r)) out['signature.position'] = DISAGREES;
  if (!titleAgrees(r)) out.title = DISAGREES;
  if (!periodAgrees(r)) out.period = DISAGREES;
  for (const [field, body] of [['header.parentBody', r.header.parentBodyPrinted], ['header.issuingBody', r.header.issuingBodyPrinted]] as const) {
    // A name with its head lost disagrees with every body of its kind, not with another part of the document.
    if (!bodyAlone(body) || (body && lostItsHead(body))) out[field] = DISAGREES;
    // The place and a body naming it spelled apart ("UBND TỈNH QUẢNG NGÃ" over "Quảng Ngãi"): either was misread.
    if (body && r.header.place && !placeAgrees(r.header.place, [body])) out[field] = DISAGREES;
  }
  return out;
}
