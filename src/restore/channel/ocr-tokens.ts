// OCR'd text needs its own word boundaries: "s6", "t6" and "S&", "@y" are damaged words, not codes and symbols.
import type { Token } from '../../text/tokenize.js';

/** Letters mixed with at most two digits, no separators: "s6", "d6i" (never a pure number or a code). */
const DAMAGED_WORD = /^(?=.*\p{L})(?!(?:.*\d){3})[\p{L}\p{M}\d]{2,6}$/u;
const WORD_SYMBOLS = /^[@&¢$]$/;

/** Re-tokenises for OCR input: damaged words become words, and a symbol glued to a word joins it. */
export function ocrWordTokens(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    const glued = last && last.start + last.text.length === token.start;
    if (token.kind === 'protected' && DAMAGED_WORD.test(token.text)) {
      out.push({ ...token, kind: 'word' });
    } else if (glued && last.kind === 'word' && (WORD_SYMBOLS.test(token.text) || token.kind === 'word')) {
      out[out.length - 1] = { ...last, text: last.text + token.text };
    } else if (glued && WORD_SYMBOLS.test(last.text) && token.kind === 'word') {
      out[out.length - 1] = { text: last.text + token.text, kind: 'word', start: last.start };
    } else out.push(token);
  }
  return out;
}
