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
/** A signing time to the second ("21.01.2025 09:27:35"): no header line prints one. */
const SECONDS = /\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}:\d{2}/;
const TIME = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])\s*(\d{2}):?(\d{2}))?/;
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
        const time = TIME.exec(line)?.[0] ?? /^[+-]\s*\d{2}:?\d{2}$/.exec(line.trim())?.[0] ?? /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$/.exec(line.trim())?.[0];
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

/** The unlabelled box: lines before the header ending with an e-mail address (or, where OCR lost it, the time to the second), the time and its zone. */
function unlabelled(lines: string[]): { lines: string[]; signature: DigitalSignature | null } {
  const top: number[] = [];
  for (let i = 0; i < Math.min(lines.length, TOP_LINES) && top.length < 8; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    if (/cong hoa|cong san|doc lap|^so\b|ngay \d/.test(folded(t))) break;
    top.push(i);
  }
  // OCR of the box's small print may garble the address ("e]ttcbth(@…", "ttcbth(Đquangngai.go.v"): an "@" as
  // OCR reads it is enough, and a line of the time to the second after the name marks the box without one.
  const at = top.findIndex((i) => /\S@\S/.test(lines[i]!) || OCR_AT.test(lines[i]!));
  const timed = top.findIndex((i) => SECONDS.test(lines[i]!));
  const names = at >= 0 ? at : timed > 0 ? timed : -1;
  if (names < 0) return { lines, signature: null };
  const sig = empty();
  // The name in capitals; marks of the logo beside it dropped.
  const signer = top.slice(0, names).map((i) => lines[i]!.trim().split(/\s+/).filter((w) => /^[\p{Lu}\p{N}]{2,}[,.]?$|^[\p{Lu}]$/u.test(w)).join(' '));
  sig.signer = signer.filter(Boolean).join(' ') || null;
  sig.email = at >= 0 ? emailOf(lines[top[at]!]!) : null;
  let last = names - (at >= 0 ? 0 : 1);
  const times: string[] = [];
  for (let k = last + 1; k < top.length; k++) {
    const t = lines[top[k]!]!.trim();
    const time = TIME.exec(t)?.[0] ?? /[+-]\s*\d{2}:?\d{2}\s*$/.exec(t)?.[0] ?? /^\d{1,2}:\d{2}(?::\d{2})?/.exec(t)?.[0];
    // The address wrapped onto a line of its own ("ttcbth(Đquangngai.go.v" / "n").
    if (!time && !times.length && k === at + 1 && /^\S{1,12}$/.test(t)) {
      last = k;
      continue;
    }
    if (!time) break;
    times.push(time.trim());
    last = k;
  }
  sig.timePrinted = times.join(' ') || null;
  sig.time = sig.timePrinted ? signingTime(sig.timePrinted) : null;
  const out = [...lines];
  for (const i of top.slice(0, last + 1)) {
    sig.lines.push(out[i]!.trim());
    out[i] = '';
  }
  return { lines: out, signature: sig };
}
