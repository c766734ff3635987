// Word boundaries OCR got wrong: two syllables run together ("triénkhai") or one syllable broken in two
// ("ngư ờ i"). Judged by the channel alone: a split when the whole reads as nothing and both halves read
// well, a merge when a half reads badly and the joined form reads far better.
import type { Token } from '../../text/tokenize.js';

/** log10 channel score of an observed lower-case word's best reading; -Infinity when it has none. */
export type BestReading = (lower: string) => number;

/** A reading at least this good counts as a syllable. */
const READS_WELL = -2;
/** A merge must beat the two halves' readings by this much (log10). */
const MERGE_MARGIN = 1;
const LETTERS = /^\p{L}+$/u;

export function reshapeOcrTokens(tokens: readonly Token[], best: BestReading): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const space = tokens[i + 1];
    const next = tokens[i + 2];
    if (t.kind === 'word' && space?.text === ' ' && next?.kind === 'word' && LETTERS.test(t.text + next.text) && shouldMerge(t.text, next.text, best)) {
      out.push({ ...t, text: t.text + next.text, from: t.text + space.text + next.text });
      i += 2;
    } else if (t.kind === 'word' && LETTERS.test(t.text) && standsAlone(tokens, i)) {
      out.push(...split(t, best));
    } else out.push(t);
  }
  return out;
}

/** Punctuation that may open or close a word and leave it a word of its own: "(Chithường", "Vêviệc:", a table's rule "|Chithường". */
const OPENING = /^[("“‘'[|]$/u;
const CLOSING = /^[)"”’'\].,;:!?|]$/u;

/**
 * Whether the word at `i` is a word of its own between spaces, one mark of punctuation aside on either side (each
 * is a token of its own): not a piece of an address or a code OCR garbled ("ttcbth()quangngaI.gov.vn"), whose
 * letters are no two syllables run together.
 */
function standsAlone(tokens: readonly Token[], i: number): boolean {
  const space = (k: number) => k < 0 || k >= tokens.length || /\s/u.test(tokens[k]!.text);
  const opens = space(i - 1) || (OPENING.test(tokens[i - 1]!.text) && space(i - 2));
  const closes = space(i + 1) || (CLOSING.test(tokens[i + 1]!.text) && space(i + 2));
  return opens && closes;
}

/** Only where a half reads badly: looking up every pair of neighbours would cost a channel search each. */
function shouldMerge(a: string, b: string, best: BestReading): boolean {
  const halves = [best(a.toLowerCase()), best(b.toLowerCase())];
  if (Math.min(...halves) >= READS_WELL) return false;
  const joined = best((a + b).toLowerCase());
  return joined >= READS_WELL / 2 && joined > halves[0]! + halves[1]! + MERGE_MARGIN;
}

/** The token, or its two halves with a space between when the whole has no reading. */
function split(t: Token, best: BestReading): Token[] {
  const lower = t.text.toLowerCase();
  if (lower.length < 5 || best(lower) > -Infinity) return [t];
  let at = 0;
  let score = -Infinity;
  for (let k = 2; k <= lower.length - 2; k++) {
    const left = best(lower.slice(0, k));
    const right = best(lower.slice(k));
    if (left >= READS_WELL && right >= READS_WELL && left + right > score) [at, score] = [k, left + right];
  }
  if (at === 0) return [t];
  return [
    { text: t.text.slice(0, at), kind: 'word', start: t.start },
    { text: ' ', kind: 'other', start: t.start + at, from: '' },
    { text: t.text.slice(at), kind: 'word', start: t.start + at },
  ];
}
