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

/**
 * The words' tokens in reading order, each with its word's OCR confidence (0..1). Tokens are numbered, each
 * distinct one once (`ids`), so that a field's search over the page compares numbers, not strings.
 */
export interface WordTokens {
  tokens: number[];
  confidence: number[];
  ids: Map<string, number>;
}

export function wordTokens(words: readonly OcrWord[]): WordTokens {
  const ids = new Map<string, number>();
  // Each distinct word is folded and split once: most come again and again ("của", "và", the year).
  const byText = new Map<string, number[]>();
  const idsOf = (text: string) => {
    const form = folded(text.includes('\n') ? text.replace(/\n/g, ' ') : text);
    const out: number[] = [];
    // Most words are one token: split only those with a separator in them.
    for (const t of HAS_SEPARATOR.test(form) ? form.split(SEPARATORS) : [form]) {
      if (!t) continue;
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      out.push(id);
    }
    return out;
  };
  const tokens: number[] = [];
  const confidence: number[] = [];
  for (const w of words) {
    const text = w.restored ?? w.text;
    let own = byText.get(text);
    if (!own) byText.set(text, (own = idsOf(text)));
    for (const id of own) {
      tokens.push(id);
      confidence.push(w.confidence / 100);
    }
  }
  return { tokens, confidence, ids };
}

/**
 * The confidence of each of `ts` at the run of words that matches most of them in place: the first such run,
 * or the last with `fromEnd` (the bottom block); UNMATCHED for each when no run matches half of them.
 */
export function evidenceOf(words: WordTokens, ts: readonly string[], fromEnd = false): number[] {
  const { tokens } = words;
  const n = tokens.length;
  // A token no word has is -1, which matches none.
  const want = ts.map((t) => words.ids.get(t) ?? -1);
  const m = want.length;
  let best = -1;
  let bestMatched = 0;
  for (let k = 0; k < n; k++) {
    const i = fromEnd ? n - 1 - k : k;
    // A run is tried where it starts with the field's first token or has its second one next.
    if (tokens[i] !== want[0] && (m < 2 || i + 1 >= n || tokens[i + 1] !== want[1])) continue;
    let matched = 0;
    for (let j = 0; j < m && i + j < n; j++) if (tokens[i + j] === want[j]) matched++;
    if (matched > bestMatched) (best = i), (bestMatched = matched);
    if (matched === m) break;
  }
  if (best < 0 || 2 * bestMatched < m) return ts.map(() => UNMATCHED);
  return want.map((id, j) => (best + j < n && tokens[best + j] === id ? words.confidence[best + j]! : UNMATCHED));
}
