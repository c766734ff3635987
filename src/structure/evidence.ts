// The OCR evidence for a field: the words it was read from, found as a run of its tokens among the page's words,
// so that a field is as sure as its own words, not as the same token read anywhere else ("15" in the body, the
// year of every date).
import { folded } from './patterns.js';
import type { WordTable } from './word-table.js';

/** What parts a field's folded text, and a word's, into the tokens matched between them. */
const SEPARATORS = /[\s/:,.;()-]+/;
const HAS_SEPARATOR = /[\s/:,.;()-]/;
export const tokensOf = (text: string) => folded(text).split(SEPARATORS).filter((t) => t.length > 0);

/** A token of the field that its run of words lacks: changed by restoration, or split or joined by OCR. */
const UNMATCHED = 0.5;

/** Where a field is printed: the header's fields on the first page, the bottom block's on the last pages, footnotes on any. */
export type Place = 'head' | 'foot' | 'anywhere';
/** Pages from the end the bottom block's fields are sought on first: the signature's page and the one or two before it. */
const FOOT_PAGES = 3;

/** Tokens in reading order, each with its word's OCR confidence (0..1). */
interface Run {
  tokens: Int32Array;
  confidence: Float64Array;
}

/**
 * Every distinct token numbered, and each distinct word's numbers, kept from document to document: a field's
 * search compares numbers, not strings, and a word is folded and split once in a run, not once a parse (most words
 * come again and again: "của", "và", the year). Forgotten when they grow large, between parses only.
 */
const TOKEN_IDS = new Map<string, number>();
const WORD_IDS = new Map<string, number[]>();
const MAX_REMEMBERED = 200_000;

function idsOfWord(text: string): number[] {
  let own = WORD_IDS.get(text);
  if (own) return own;
  const form = folded(text.includes('\n') ? text.replace(/\n/g, ' ') : text);
  own = [];
  // Most words are one token: split only those with a separator in them.
  for (const t of HAS_SEPARATOR.test(form) ? form.split(SEPARATORS) : [form]) {
    if (!t) continue;
    let id = TOKEN_IDS.get(t);
    if (id === undefined) TOKEN_IDS.set(t, (id = TOKEN_IDS.size));
    own.push(id);
  }
  WORD_IDS.set(text, own);
  return own;
}

/**
 * The words' tokens, by page place: the document's tokens built once, in typed arrays, the first time a field is
 * sought, and each place a view of the pages it spans (most OCR'd documents need all pages too: footnotes, and a
 * field not found where it is printed, are sought everywhere).
 */
export class WordTokens {
  private all: Run | null = null;
  /** Where each page's tokens start in `all`, and the end. */
  private readonly starts: number[] = [];
  private readonly runs = new Map<Place, Run>();

  constructor(private readonly words: WordTable) {
    if (WORD_IDS.size > MAX_REMEMBERED || TOKEN_IDS.size > MAX_REMEMBERED) WORD_IDS.clear(), TOKEN_IDS.clear();
  }

  /** The number of a field's token: -1 for one no word has had, which matches none. */
  id(token: string): number {
    return TOKEN_IDS.get(token) ?? -1;
  }

  /** The tokens of the pages where fields of `place` are printed. */
  at(place: Place): Run {
    let run = this.runs.get(place);
    if (run) return run;
    const all = (this.all ??= this.build());
    const pages = this.starts.length - 1;
    const [from, to] = place === 'head' ? [0, 1] : place === 'foot' ? [Math.max(0, pages - FOOT_PAGES), pages] : [0, pages];
    const [a, b] = [this.starts[from]!, this.starts[to]!];
    run = { tokens: all.tokens.subarray(a, b), confidence: all.confidence.subarray(a, b) };
    this.runs.set(place, run);
    return run;
  }

  private build(): Run {
    const { page, restored, confidence } = this.words;
    let tokens = new Int32Array(this.words.length + 16);
    let sure = new Float64Array(tokens.length);
    let n = 0;
    for (let i = 0; i < this.words.length; i++) {
      if (i === 0 || page[i] !== page[i - 1]) this.starts.push(n);
      for (const id of idsOfWord(restored[i]!)) {
        if (n === tokens.length) {
          const [t, c] = [new Int32Array(2 * n), new Float64Array(2 * n)];
          t.set(tokens), c.set(sure);
          [tokens, sure] = [t, c];
        }
        (tokens[n] = id), (sure[n] = confidence[i]! / 100), n++;
      }
    }
    this.starts.push(n);
    return { tokens: tokens.subarray(0, n), confidence: sure.subarray(0, n) };
  }
}

/**
 * The confidence of each of `ts` at the run of words that matches most of them in place, among the words of the
 * pages where a field of `place` is printed (all pages when none there matches half of them): the first such
 * run, or the last for the bottom block and footnotes; UNMATCHED for each when no run matches half of them.
 */
export function evidenceOf(words: WordTokens, ts: readonly string[], place: Place = 'head'): number[] {
  if (!ts.length) return [];
  const found = bestRun(words, words.at(place), ts, place !== 'head');
  return found ?? (place === 'anywhere' ? null : bestRun(words, words.at('anywhere'), ts, place !== 'head')) ?? ts.map(() => UNMATCHED);
}

function bestRun(words: WordTokens, { tokens, confidence }: Run, ts: readonly string[], fromEnd: boolean): number[] | null {
  const n = tokens.length;
  const want = ts.map((t) => words.id(t));
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
  if (best < 0 || 2 * bestMatched < m) return null;
  return want.map((id, j) => (best + j < n && tokens[best + j] === id ? confidence[best + j]! : UNMATCHED));
}
