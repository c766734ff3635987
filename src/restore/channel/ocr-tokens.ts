// OCR'd text needs its own word boundaries: "s6", "t6" and "S&", "@y", "ti€p" are damaged words, not codes and symbols.
import { hasDiacritics } from '../../text/fold.js';
import { isValidSyllable } from '../../text/syllable.js';
import type { Token } from '../../text/tokenize.js';

/** Letters mixed with at most two digits (or letter-like symbols), no separators: "s6", "d6i", "c¢6" (never a number or a code). */
const DAMAGED_WORD = /^(?=.*[\p{L}@&\p{Sc}©®§])(?!(?:.*\d){3})[\p{L}\p{M}\d@&\p{Sc}©®§]{2,6}$/u;
/** Symbols OCR reads for letters: "S&" (Sở), "@y" (ủy), "ti€p" (tiếp), "¢6" (có). */
const WORD_SYMBOLS = /^[@&\p{Sc}©®§]$/u;
const DIGIT = /^\d$/;
/** A slash compound that holds words, not a code: "nguoi/Trung", "tam/nam", "16p/Trung", "dong/01". */
const WORDS_BY_SLASH = /^(?=.*\p{Ll})[\p{L}\p{M}\d]+(?:\/[\p{L}\p{M}\d]+)+$/u;
const CODE_PART = /^(?:\d+|\p{Lu}+)$/u;

/**
 * A footnote's superscript as OCR reads it: a digit after a whole syllable with its marks, before punctuation or
 * a space ("cũ1,", "mới1;", "lực1 "). No misread letter is a digit after a syllable already complete.
 */
const MARKED = /^(\p{L}+)([1-9])$/u;
const markerAt = (token: Token, next: Token | undefined): number => {
  const m = MARKED.exec(token.text);
  if (!m || (next && next.kind !== 'other') || !hasDiacritics(m[1]!) || !isValidSyllable(m[1]!)) return -1;
  return m[1]!.length;
};

/** Re-tokenises for OCR input: damaged words become words, and a symbol or digit glued to a word joins it. */
export function ocrWordTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const [i, token] of tokens.entries()) {
    const last = out[out.length - 1];
    const glued = last && last.start + last.text.length === token.start;
    const marker = token.kind === 'protected' ? markerAt(token, tokens[i + 1]) : -1;
    if (marker > 0) {
      out.push({ text: token.text.slice(0, marker), kind: 'word', start: token.start }, { text: token.text.slice(marker), kind: 'protected', start: token.start + marker });
    } else if (token.kind === 'protected' && DAMAGED_WORD.test(token.text)) {
      out.push({ ...token, kind: 'word' });
    } else if (token.kind === 'protected' && WORDS_BY_SLASH.test(token.text) && !token.text.split('/').every((p) => CODE_PART.test(p))) {
      out.push(...splitAtSlashes(token));
    } else if (token.kind === 'other' && WORD_SYMBOLS.test(token.text) && last?.kind !== 'word' && last?.kind !== 'protected') {
      // A symbol on its own is a word OCR misread: "& xa" (ở xã).
      out.push({ ...token, kind: 'word' });
    } else if (glued && last.kind === 'word' && (WORD_SYMBOLS.test(token.text) || token.kind === 'word')) {
      out[out.length - 1] = { ...last, text: last.text + token.text };
    } else if (glued && last.kind === 'word' && DIGIT.test(token.text) && DAMAGED_WORD.test(last.text + token.text)) {
      out[out.length - 1] = { ...last, text: last.text + token.text };
    } else if (glued && (WORD_SYMBOLS.test(last.text) || DIGIT.test(last.text)) && (token.kind === 'word' || WORD_SYMBOLS.test(token.text))) {
      // "@y", and a digit read for a letter before a symbol or a word: "1&" (lễ).
      out[out.length - 1] = { text: last.text + token.text, kind: 'word', start: last.start };
    } else out.push(token);
  }
  // Capitals around an ampersand are a name (M&A, R&D), not a misread letter.
  return out.map((t) => (t.kind === 'word' && /^\p{Lu}+&\p{Lu}+$/u.test(t.text) ? { ...t, kind: 'protected' } : t));
}

function splitAtSlashes(token: Token): Token[] {
  const out: Token[] = [];
  let start = token.start;
  token.text.split('/').forEach((part, i) => {
    if (i > 0) out.push({ text: '/', kind: 'other', start: start++ });
    out.push({ text: part, kind: /^\d+$/.test(part) ? 'protected' : 'word', start });
    start += part.length;
  });
  return out;
}

/** Code parts OCR read without the bar of Đ ("144/2017/ND-CP"): only parts that are always written with it. */
const BARRED = new Map(['NĐ', 'QĐ', 'HĐND', 'HĐTP', 'BLĐTBXH', 'BGDĐT', 'BKHĐT'].map((p) => [p.replace(/Đ/g, 'D'), p]));

export function repairCode(code: string): string {
  return code.replace(/\p{Lu}+/gu, (part, at: number) => {
    const before = code[at - 1];
    const after = code[at + part.length];
    // Whole parts only, between separators: "UBND" is not "UBNĐ".
    if ((before && /[\p{L}\d]/u.test(before)) || (after && /[\p{L}\d]/u.test(after))) return part;
    return BARRED.get(part) ?? part;
  });
}
