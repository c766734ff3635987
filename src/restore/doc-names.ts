// Names a document repeats, read alike: OCR misreads a letter of a name the page prints many times ("Quảng Ngõi"
// once among eight "Quảng Ngãi"), and the channel offers no other base letter. A pair of capitalised words read
// once, which the language model never saw together, takes the document's own pair one letter away that it reads
// at least twice and that the model knows. Used on OCR'd text only: typed text says what its writer meant.
import { distance } from 'fastest-levenshtein';
import { applyCase, caseOf } from '../text/syllable.js';
import type { Token } from '../text/tokenize.js';
import type { LanguageModel } from './lm/model.js';

/** How often the document must read the other pair for it to stand for the page's spelling. */
const MIN_REPEATS = 2;

interface Pair {
  /** Token indices of the two words. */
  at: [number, number];
  /** Their restored text, lower case. */
  words: [string, string];
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w);
/** `word` in the case of the capitalised word it replaces: capitals stay capitals, anything else Title Case. */
const inCase = (like: string, word: string) => applyCase(word, caseOf(like) === 'upper' ? 'upper' : 'title');

/** Adjacent capitalised words (only spaces or a line break between them) of the restored output. */
function capitalisedPairs(tokens: readonly Token[], output: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  let last = -1;
  for (let t = 0; t < tokens.length; t++) {
    const kind = tokens[t]!.kind;
    if (kind === 'other') {
      if (!/^\s+$/.test(output[t]!)) last = -1;
      continue;
    }
    if (kind !== 'word' || !capitalised(output[t]!)) {
      last = -1;
      continue;
    }
    if (last >= 0) pairs.push({ at: [last, t], words: [output[last]!.toLowerCase(), output[t]!.toLowerCase()] });
    last = t;
  }
  return pairs;
}

/**
 * Rewrites in `output` the words of capitalised pairs read once that a repeated, known pair one letter away
 * stands for; returns the tokens changed, each with how often the document reads the pair it took.
 */
export function harmoniseNames(tokens: readonly Token[], output: string[], model: LanguageModel): { at: number; repeats: number }[] {
  const pairs = capitalisedPairs(tokens, output);
  const counts = new Map<string, number>();
  for (const p of pairs) counts.set(p.words.join(' '), (counts.get(p.words.join(' ')) ?? 0) + 1);
  const known = (a: string, b: string) => model.has(a) && model.has(b) && model.bigramIndex(model.id(a), model.id(b)) >= 0;
  // The repeated, known pairs by each of their words, for the rare pair sharing the other word.
  const byWord = new Map<string, [string, string][]>();
  for (const [key, n] of counts) {
    const [a, b] = key.split(' ') as [string, string];
    if (n < MIN_REPEATS || !known(a, b)) continue;
    for (const w of [`0 ${a}`, `1 ${b}`]) byWord.set(w, [...(byWord.get(w) ?? []), [a, b]]);
  }
  const changed: { at: number; repeats: number }[] = [];
  for (const p of pairs) {
    const [a, b] = p.words;
    if (counts.get(`${a} ${b}`) !== 1 || known(a, b)) continue;
    // Same first word, second one letter off; or same second word, first one letter off.
    const fits = [
      ...(byWord.get(`0 ${a}`) ?? []).filter(([, y]) => distance(y, b) === 1).map(([, y]) => [1, y] as const),
      ...(byWord.get(`1 ${b}`) ?? []).filter(([x]) => distance(x, a) === 1).map(([x]) => [0, x] as const),
    ];
    if (fits.length !== 1) continue;
    const [side, word] = fits[0]!;
    const t = p.at[side];
    output[t] = inCase(output[t]!, word);
    changed.push({ at: t, repeats: counts.get(side ? `${a} ${word}` : `${word} ${b}`)! });
  }
  return changed;
}
