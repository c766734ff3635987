// The OCR evidence for a field: the words it was read from, found as a run of its tokens among the page's words,
// so that a field is as sure as its own words, not as the same token read anywhere else ("15" in the body, the
// year of every date).
import type { OcrWord } from '../types.js';
import { folded } from './patterns.js';

/** What parts a field's folded text, and a word's, into the tokens matched between them. */
const SEPARATORS = /[\s/:,.;()-]+/;
const HAS_SEPARATOR = /[\s/:,.;()-]/;
export const tokensOf = (text: string) => folded(text).split(SEPARATORS).filter((t) => t.length > 0);

/** A token of the field that its run of words lacks: changed by restoration, or split or joined by OCR. */
const UNMATCHED = 0.5;

/** The words' tokens in reading order, each with its word's OCR confidence (0..1). */
export interface WordTokens {
  tokens: string[];
  confidence: number[];
}

export function wordTokens(words: readonly OcrWord[]): WordTokens {
  const forms = words.map((w) => {
    const text = w.restored ?? w.text;
    return folded(text.includes('\n') ? text.replace(/\n/g, ' ') : text);
  });
  const tokens: string[] = [];
  const confidence: number[] = [];
  forms.forEach((form, k) => {
    // Most words are one token: split only those with a separator in them.
    for (const t of HAS_SEPARATOR.test(form) ? form.split(SEPARATORS) : [form]) {
      if (!t) continue;
      tokens.push(t);
      confidence.push(words[k]!.confidence / 100);
    }
  });
  return { tokens, confidence };
}

/**
 * The confidence of each of `ts` at the run of words that matches most of them in place: the first such run,
 * or the last with `fromEnd` (the bottom block); UNMATCHED for each when no run matches half of them.
 */
export function evidenceOf(words: WordTokens, ts: readonly string[], fromEnd = false): number[] {
  const n = words.tokens.length;
  let best = -1;
  let bestMatched = 0;
  for (let k = 0; k < n; k++) {
    const i = fromEnd ? n - 1 - k : k;
    // A run is tried where it starts with the field's first token or has its second one next.
    if (words.tokens[i] !== ts[0] && (ts.length < 2 || words.tokens[i + 1] !== ts[1])) continue;
    let matched = 0;
    for (let j = 0; j < ts.length; j++) if (words.tokens[i + j] === ts[j]) matched++;
    if (matched > bestMatched) (best = i), (bestMatched = matched);
    if (matched === ts.length) break;
  }
  if (best < 0 || 2 * bestMatched < ts.length) return ts.map(() => UNMATCHED);
  return ts.map((t, j) => (words.tokens[best + j] === t ? words.confidence[best + j]! : UNMATCHED));
}
