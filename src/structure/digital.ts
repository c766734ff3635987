// The digital-signature box a signed PDF prints at the top right: labelled ("Ký bởi: Sở Tư pháp", "Email: …",
// "Cơ quan: Tỉnh Quảng Ngãi", "Thời gian ký: 20.06.2025 15:42:08 +07:00") or, as the signing software of some
// provinces draws it, the signer's name in capitals, an e-mail address and the time. It is no part of the header.
import { folded } from './patterns.js';
import type { DigitalSignature } from './types.js';

const LABEL = /(ky boi|email|e-mail|co quan|thoi gian ky)\s*[:;]\s*/;
const RAW_LABEL = /(?:b\S{1,2}i|mail|quan|k\S{1,2})\s*[:;]/iu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]{2,})+(?!\.?[\w-])/;
/** How OCR reads the "@" of a box's small print: "(@", "@)", "(Đ", "(Đ)". */
const OCR_AT = /(?<=\w)(?:\(@\)?|@\)|\(Đ\)?)(?=\w)/u;
/** An address as the box prints it, its "@" read as OCR reads it; null when it does not read as one. */
export const emailOf = (text: string): string | null => EMAIL.exec(text.replace(OCR_AT, '@'))?.[0] ?? null;
const TIME = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])\s*(\d{2}):?(\d{2}))?/;
/** A zone on a line of its own ("+07:00"). */
const ZONE = /^[+-]\s*\d{2}:?\d{2}$/;
/** How far down the page the box is looked for: it sits above the header or beside its first lines. */
const TOP_LINES = 14;

/** "20.06.2025 15:42:08 +07:00" -> "2025-06-20T15:42:08+07:00". */
export function signingTime(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  const [, d, mo, y, h, mi, s, sign, zh, zm] = m as unknown as string[];
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) return null;
  const pad = (x: string | undefined) => String(x ?? '00').padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign ? `${sign}${zh}:${zm}` : ''}`;
}

const empty = (): DigitalSignature => ({ signer: null, email: null, agency: null, time: null, timePrinted: null, lines: [] });

/** Labels that only a signature box prints; "Email:" and "Cơ quan:" count only beside one of them. */
const OWN_LABEL = /^(?:ky boi|thoi gian ky)$/;

/**
 * Takes the boxes out of the text: labelled ones wherever they are (the signer's above the header, a second one
 * by the signature), and an unlabelled one above the header. What is left of the lines, and every box found.
 */
export function takeDigitalSignatures(lines: readonly string[]): { lines: string[]; signatures: DigitalSignature[] } {
  const out = [...lines];
  // Folding every line of a long document costs more than a look for the end of a label on the line as it is,
  // and that look more than one for its colon.
  const found = out.map((l) => ((l.includes(':') || l.includes(';')) && RAW_LABEL.test(l) ? LABEL.exec(folded(l)) : null));
  const own = found.flatMap((m, i) => (m && OWN_LABEL.test(m[1]!) ? [i] : []));
  const signatures: DigitalSignature[] = [];
  let sig: DigitalSignature | null = null;
  let last = -Infinity;
  let label: string | null = null;
  let column = 0;
  for (let i = 0; i < out.length; i++) {
    const m = found[i];
    const line = out[i]!;
    if (!m || !own.some((k) => Math.abs(k - i) <= 3)) {
      // A line right under the box, alone at its column: the box's own (a wrapped value, or labels OCR
      // garbled: "dân Thời tỉ nh gian Quản, ký: g Ngãi").
      if (sig && i === last + 1 && (line.match(/\S+(?: {1,2}\S+)*/g) ?? []).length === 1 && Math.abs(line.search(/\S/) - column) <= 3) {
        const time = TIME.exec(line)?.[0] ?? ZONE.exec(line.trim())?.[0] ?? /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$/.exec(line.trim())?.[0];
        if (time && (label === 'thoi gian ky' || !sig.timePrinted)) sig.timePrinted = `${sig.timePrinted ?? ''} ${time}`.trim();
        // A name wrapped onto the next line ("… Dung Quất" / "và các Khu công nghiệp"); labels OCR garbled keep their colon.
        else if (!time && !line.includes(':') && label === 'ky boi' && sig.signer) sig.signer += ` ${line.trim()}`;
        else if (!time && !line.includes(':') && label === 'co quan' && sig.agency) sig.agency += ` ${line.trim()}`;
        sig.lines.push(line.trim());
        out[i] = '';
        last = i;
      }
      continue;
    }
    column = line.slice(0, m.index).length;
    if (!sig || i - last > 3) signatures.push((sig = empty()));
    last = i;
    label = m[1]!;
    const value = line.slice(m.index + m[0].length).trim();
    sig.lines.push(line.slice(m.index).trim());
    out[i] = line.slice(0, m.index).trimEnd();
    if (label === 'ky boi') sig.signer = value || null;
    else if (label === 'co quan') sig.agency = value || null;
    else if (label === 'thoi gian ky') sig.timePrinted = value || null;
    else sig.email = emailOf(value);
  }
  for (const s of signatures) s.time = s.timePrinted ? signingTime(s.timePrinted) : null;
  const rest = unlabelled(out);
  if (rest.signature) signatures.push(rest.signature);
  return { lines: rest.lines, signatures };
}

/** A date and a time to the second on one row with the address between them, as a page rebuilt from OCR's boxes sets the box's rows. */
const SPLIT_SECONDS = /(\d{1,2}[./-]\d{1,2}[./-]\d{4})\s.*?\s(\d{1,2}:\d{2}:\d{2})/;
/** The box's own print: an address (its "@" or ".gov.vn" as OCR reads them), a clock to the second (OCR's "I6:43-36" too), a zone. */
const BOX_PRINT = /\S@\S|gov\.?v|\.vn\b|\d:\d{2}[:-]\d{2}/u;
/**
 * The name of the gazette's stamp, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", or a part of it OCR kept whole ("TRUNG TÂM
 * CÔNG" as the stamp wraps it, not "TRUNG TÂM CÔNG NGHỆ THÔNG TIN", an issuer; "BẢO VÀ TÌ\ HỌC").
 */
const GAZETTE = /trung tam cong(?: bao|$)|cong bao|bao va ti|va tin hoc/;
/** How an issuer's column starts: such a line is the header's, not a box's. */
const ISSUER_START = /^(?:uy ban|ubnd|dang |hoi dong|so |ban |bo |tinh |huyen |xa |phuong )/;
/** A speck of the logo or seal beside the box ("b", "È)", "s.x"). */
const isSpeck = (t: string) => (t.match(/\p{L}/gu) ?? []).length <= 2;

/** The words of a line in capitals: the box's name, without the marks of the logo beside it. */
const capitalsOf = (line: string) =>
  line
    .trim()
    .split(/\s+/)
    .filter((w) => /^[\p{Lu}\p{N}]{2,}[,.]?$|^[\p{Lu}]$/u.test(w))
    .join(' ');

/** The time a line of the box prints: whole, split by the address set beside it, or its zone alone. */
function timeOn(line: string): string | null {
  const split = SPLIT_SECONDS.exec(line);
  return TIME.exec(line)?.[0] ?? (split ? `${split[1]} ${split[2]}` : ZONE.exec(line)?.[0] ?? /^\d{1,2}:\d{2}(?::\d{2})?/.exec(line)?.[0] ?? null);
}

/**
 * The unlabelled box above the header: the signer's name in capitals, an e-mail address and the time with its
 * zone, in whatever order OCR read its rows beside the logo. It runs from the first line above the header that is
 * no issuer's to the last that holds the box's own print or the gazette stamp's name, with the logo's specks after.
 */
function unlabelled(lines: string[]): { lines: string[]; signature: DigitalSignature | null } {
  const top: number[] = [];
  for (let i = 0; i < Math.min(lines.length, TOP_LINES) && top.length < 8; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    if (/cong hoa|cong san|doc lap|^so\b|ngay \d/.test(folded(t))) break;
    top.push(i);
  }
  const own = (t: string) => BOX_PRINT.test(t) || OCR_AT.test(t) || ZONE.test(t) || GAZETTE.test(folded(t));
  const first = top.findIndex((i) => !ISSUER_START.test(folded(lines[i]!.trim())));
  let end = -1;
  top.forEach((i, k) => own(lines[i]!.trim()) && (end = k));
  if (first < 0 || end < first) return { lines, signature: null };
  while (end + 1 < top.length && isSpeck(lines[top[end + 1]!]!)) end++;
  const sig = empty();
  const times: string[] = [];
  const names: string[] = [];
  for (const i of top.slice(first, end + 1)) {
    const t = lines[i]!.trim();
    const time = timeOn(t);
    if (time) times.push(time.trim());
    const email = emailOf(t);
    if (email) sig.email ??= email;
    else if (!time && !BOX_PRINT.test(t) && !OCR_AT.test(t) && capitalsOf(t).length > 2) names.push(capitalsOf(t));
  }
  sig.signer = names.join(' ') || null;
  sig.timePrinted = times.join(' ') || null;
  sig.time = sig.timePrinted ? signingTime(sig.timePrinted) : null;
  const out = [...lines];
  for (const i of top.slice(first, end + 1)) {
    sig.lines.push(out[i]!.trim());
    out[i] = '';
  }
  return { lines: out, signature: sig };
}
