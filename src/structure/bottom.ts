// The block after "Nơi nhận:": recipients on the left, the signature on the right (often merged into the
// same lines by OCR), then numbered footnotes.
import { AUTHORITY, folded, isUpperLine } from './patterns.js';
import type { Signature } from './types.js';

/** A footnote: its number ("1", "¹", OCR's "!" for ¹, "?" for ² and "†" for a number it lost) and a capital. */
const FOOTNOTE = /^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹]|[!†]|\?(?=\s))\s*\p{Lu}/u;
/** After a footnote, OCR's "*" for the next one's number too (before the notes, "*" is a list dash). */
const NEXT_FOOTNOTE = /^\*\s*\p{Lu}/u;
const startsNote = (t: string, afterNote: boolean) => FOOTNOTE.test(t) || (afterNote && NEXT_FOOTNOTE.test(t));
const SUPERSCRIPTS = '¹²³⁴⁵⁶⁷⁸⁹';
const NAME = /^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u;
/**
 * A list item's dash, and the marks OCR reads it as: "~", "~-", "=", "»", "*" before a word ("~ Sở Tài chính").
 * The "-" of a dash alone also stands before a digit or a quote ("- 02 bản").
 */
const BULLET = /^(?:[-+•–—]|[~=»*](?:\s*-)?(?=\s*\p{L}))\s*/u;
/** Two items OCR ran into one line: "CT, PCT UBND tỉnh; ~ Sở Tài chính" (a dash after the semicolon only). */
const RUN_TOGETHER = /;\s*(?:[-–—~]|~-)\s+(?=\p{Lu})/u;
/**
 * Capitals a merged line ends with: "- Thường trực Tỉnh ủy (để b/c), o) TRƯỞNG BAN" (two words or more, no comma
 * but after an authority mark OCR read with one: "- Như Điều 4; KT, CHỦ TỊCH").
 */
const TRAILING_CAPS = /[\s,;.)]\s*(?:\S{1,2}\)\s*)?((?:(?:KT|TM|TL|TUQ),\s+)?(?:[\p{Lu}/.]{1,}\s+)+[\p{Lu}]{2,}\.?)$/u;

export interface Bottom {
  recipients: string[];
  /** The items as printed, punctuation kept. */
  recipientLines: string[];
  signature: Signature;
  footnotes: string[];
}

/** A seal or a signature over the block leaves marks OCR reads as tokens of few letters ("==O]", "ĂN,"): dropped. */
const cleanSigLine = (line: string) =>
  line
    .trim()
    .split(/\s+/)
    .filter((t) => (t.match(/\p{L}/gu) ?? []).length * 2 >= [...t].length)
    .join(' ')
    // Quote marks a pen stroke leaves at the ends of a name ("“Đặng Văn Minh").
    .replace(/^[“”"'‘’`]+|[“”"'‘’`]+$/gu, '');

export function parseSignature(raw: readonly string[]): Signature {
  const lines = raw.map(cleanSigLine);
  const sig: Signature = { authority: null, position: null, name: null, lines: lines.filter(Boolean) };
  let delegated: string | null = null;
  for (const line of lines) {
    const auth = AUTHORITY.exec(folded(line));
    if (auth) {
      // The first authority line is the signer's ("TM. ỦY BAN NHÂN DÂN"); later ones ("KT. CHỦ TỊCH") only delegate.
      // "KT," is OCR's reading of "KT.": no office prints a comma there.
      sig.authority ??= line.slice(0, auth[1]!.length).toUpperCase().replace(/,$/, '.');
      delegated = line.slice(auth[0].length).trim();
    } else if (!sig.position && isUpperLine(line) && line.split(/\s+/).length <= 7) sig.position = line;
    else if (NAME.test(line)) sig.name = line;
  }
  // "Q. GIÁM ĐỐC" with no line of its own below: the position is the one the authority names.
  sig.position ??= delegated || null;
  return sig;
}

/** `sameLine`: what follows "Nơi nhận:" on its own line, the signature column merged into it. */
export function parseBottom(lines: readonly string[], sameLine = ''): Bottom {
  const recipients: string[] = [];
  const sigLines: string[] = sameLine.trim() ? [sameLine.trim()] : [];
  const footnotes: string[] = [];
  let part: 'recipients' | 'signature' | 'footnotes' = 'recipients';
  let lastWasRecipient = false;
  for (const raw of lines) {
    let t = raw.trim();
    if (!t) continue;
    // After the signer's name, a sentence is a footnote even when OCR lost its superscript number.
    // A "- " line is a recipient still (the name sits among the items when the columns came interleaved).
    const afterName = part === 'signature' && sigLines.some((l) => NAME.test(l)) && t.length > 25 && /\p{Ll}/u.test(t) && !BULLET.test(t);
    if ((startsNote(t, part === 'footnotes') && (sigLines.length > 0 || part === 'footnotes')) || afterName) {
      part = 'footnotes';
      footnotes.push(t);
      continue;
    }
    if (part === 'footnotes') {
      footnotes[footnotes.length - 1] += ` ${t}`;
      continue;
    }
    // The columns come interleaved when OCR reads across them, so a "- " line is a recipient wherever it is.
    const bullet = BULLET.test(t);
    if (bullet && !/^lưu\b/iu.test(t.replace(BULLET, ''))) {
      const caps = TRAILING_CAPS.exec(t);
      if (caps) {
        sigLines.push(caps[1]!);
        t = t.slice(0, caps.index + 1);
      }
    }
    const continued: boolean = lastWasRecipient && CONTINUATION.test(t);
    // After an item ended with its semicolon, a line that ends with one too is an item whose dash OCR lost.
    const undashed: boolean = !bullet && !continued && lastWasRecipient && recipients.at(-1)!.endsWith(';') && /;\s*$/.test(t);
    if (bullet || undashed) recipients.push(...splitItems(t));
    else if (continued) recipients[recipients.length - 1] = `${recipients[recipients.length - 1]} ${t}`;
    else {
      part = 'signature';
      sigLines.push(t);
    }
    lastWasRecipient = bullet || continued || undashed;
  }
  const signature = parseSignature(sigLines);
  // The signer's name run onto the "Lưu" item's line, after the item's full stop ("- Lưu: VT, VP. Nguyễn Thành Đạt").
  const last = recipients.length - 1;
  const named = !signature.name && last >= 0 && /^lưu\b/iu.test(recipients[last]!.replace(BULLET, '')) ? NAME_AFTER_ITEM.exec(recipients[last]!) : null;
  if (named) recipients[last] = named[1]!;
  return { ...items(recipients), signature: named ? parseSignature([...sigLines, named[2]!]) : signature, footnotes: numberedNotes(footnotes) };
}

/** An item's end and a name after it: "- Lưu: VT, VP. Nguyễn Thành Đạt". */
const NAME_AFTER_ITEM = /^(.*\.)\s+(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*){1,4})$/u;

/** A wrapped item's next line: it starts in lower case, or with a parenthesis ("(báo cáo);"). */
const CONTINUATION = /^(?:\p{Ll}|\()/u;

/** A bullet line's items, its dash dropped: one, or more where OCR ran items together. */
const splitItems = (line: string) =>
  line
    .replace(BULLET, '')
    .split(RUN_TOGETHER)
    .map((item, i, all) => (i < all.length - 1 ? `${item};` : item).trim());

/**
 * The list's punctuation ("- Như trên;", "- Lưu: VT.") is kept as printed in recipientLines only; the values lose
 * it, with what specks OCR read after it ("tỉnh; .", "tỉnh; -").
 */
const items = (printed: string[]) => {
  const lines = printed.map((r) => r.trim()).filter(Boolean);
  // A footnote's superscript marker is no part of the recipient's name ("Các chi bộ trực thuộc⁴;").
  return { recipients: lines.map((r) => r.replace(/(?:\s*[;,.\-~])+$/, '').replace(/(?<=\p{L})[¹²³⁴⁵⁶⁷⁸⁹⁰]+$/u, '').trim()), recipientLines: lines };
};

/** OCR's readings of superscript numbers at a note's start: "!" is ¹, "?" is ². */
const READ_AS = new Map([['!', '1'], ['?', '2']]);
const footnoteText = (t: string) => t.replace(/^[¹²³⁴⁵⁶⁷⁸⁹!?]/u, (c) => READ_AS.get(c) ?? String(SUPERSCRIPTS.indexOf(c) + 1));

/** The notes with their numbers as digits; one whose number OCR read as a mark ("†", "*") follows the one before. */
function numberedNotes(notes: readonly string[]): string[] {
  const out: string[] = [];
  for (const note of notes.map(footnoteText)) {
    const previous = Number(/^(\d{1,2})\s/.exec(out[out.length - 1] ?? '')?.[1] ?? 0);
    out.push(note.replace(/^[†*]\s*/u, `${previous + 1} `));
  }
  return out;
}

/**
 * The bottom block when its two columns are known (laid-out text): "Nơi nhận" items on the left, the signature on
 * the right; on the left after the items, the signer's name when OCR lost its indentation, then the footnotes.
 */
export function parseBottomColumns(left: readonly string[], right: readonly string[]): Bottom {
  const recipients: string[] = [];
  const sigLines = right.map((l) => l.trim()).filter(Boolean);
  const footnotes: string[] = [];
  let open = false;
  const named = () => sigLines.some((l) => NAME.test(l));
  for (const raw of left) {
    const t = raw.trim();
    if (!t) {
      open = false;
      continue;
    }
    if (footnotes.length) {
      if (startsNote(t, true)) footnotes.push(t);
      else footnotes[footnotes.length - 1] += ` ${t}`;
    } else if (BULLET.test(t)) {
      recipients.push(...splitItems(t));
      open = true;
    } else if (NAME.test(t) && !named()) {
      sigLines.push(t);
      open = false;
    } else if (recipients.length && (FOOTNOTE.test(t) || (!open && named() && t.length > 25 && /\p{Ll}/u.test(t)))) footnotes.push(t);
    else if (open && recipients.length) recipients[recipients.length - 1] += ` ${t}`;
    else sigLines.push(t);
  }
  return { ...items(recipients), signature: parseSignature(sigLines), footnotes: numberedNotes(footnotes) };
}
