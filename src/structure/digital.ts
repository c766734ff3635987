// The digital-signature box a signed PDF prints at the top right: labelled ("Ký bởi: Sở Tư pháp", "Email: …",
// "Cơ quan: Tỉnh Quảng Ngãi", "Thời gian ký: 20.06.2025 15:42:08 +07:00") or, as the signing software of some
// provinces draws it, the signer's name in capitals, an e-mail address and the time. It is no part of the header.
import { folded } from './patterns.js';
import type { DigitalSignature } from './types.js';

const LABEL = /(ky boi|email|e-mail|co quan|thoi gian ky)\s*:\s*/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const TIME = /(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])\s*(\d{2}):?(\d{2}))?/;
const ZONE_ONLY = /^[+-]\s*\d{2}:?\d{2}$/;
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

/** Takes the box out of the page's first lines: what is left of the lines, and the box (null when there is none). */
export function takeDigitalSignature(lines: readonly string[]): { lines: string[]; signature: DigitalSignature | null } {
  const out = [...lines];
  const sig = empty();
  let label: string | null = null;
  for (let i = 0; i < Math.min(out.length, TOP_LINES); i++) {
    const line = out[i]!;
    const m = LABEL.exec(folded(line));
    if (!m) {
      // A labelled value wrapped onto the next line ("Thời gian ký: 20.06.2025" / "15:42:08 +07:00").
      if (label === 'thoi gian ky' && /^\s*\d{1,2}:\d{2}|^\s*[+-]\d{2}:?\d{2}\s*$/.test(line) && sig.timePrinted) {
        sig.timePrinted += ` ${line.trim()}`;
        sig.lines.push(line.trim());
        out[i] = '';
      }
      continue;
    }
    label = m[1]!;
    const value = line.slice(m.index + m[0].length).trim();
    sig.lines.push(line.slice(m.index).trim());
    out[i] = line.slice(0, m.index).trimEnd();
    if (label === 'ky boi') sig.signer = value || null;
    else if (label === 'co quan') sig.agency = value || null;
    else if (label === 'thoi gian ky') sig.timePrinted = value || null;
    else sig.email = EMAIL.exec(value)?.[0] ?? (value || null);
  }
  if (sig.lines.length) {
    sig.time = sig.timePrinted ? signingTime(sig.timePrinted) : null;
    return { lines: out, signature: sig };
  }
  return unlabelled(out);
}

/** The unlabelled box: lines before the header ending with an e-mail address, the time and its zone. */
function unlabelled(lines: string[]): { lines: string[]; signature: DigitalSignature | null } {
  const top: number[] = [];
  for (let i = 0; i < Math.min(lines.length, TOP_LINES) && top.length < 8; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    if (/cong hoa|cong san|doc lap|^so\b|ngay \d/.test(folded(t))) break;
    top.push(i);
  }
  const emailAt = top.findIndex((i) => EMAIL.test(lines[i]!));
  if (emailAt < 0) return { lines, signature: null };
  const sig = empty();
  const names = top.slice(0, emailAt).map((i) => lines[i]!.trim());
  sig.signer = names.join(' ') || null;
  sig.email = EMAIL.exec(lines[top[emailAt]!]!)![0];
  let last = emailAt;
  const times: string[] = [];
  for (let k = emailAt + 1; k < top.length; k++) {
    const t = lines[top[k]!]!.trim();
    if (!(TIME.test(t) || ZONE_ONLY.test(t) || /^\d{1,2}:\d{2}/.test(t))) break;
    times.push(t);
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
