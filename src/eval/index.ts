// Accuracy of a hypothesis text against the truth: character and word error rates (Levenshtein),
// syllable accuracy and diacritic error rate over aligned words.
import { distance } from 'fastest-levenshtein';
import { foldKey } from '../text/fold.js';

export interface Scores {
  /** Character error rate: edit distance / truth length. */
  cer: number;
  /** Word error rate: word-level edit distance / truth words. */
  wer: number;
  /** Share of truth words the hypothesis has exactly (after alignment). */
  syllableAccuracy: number;
  /** Among aligned words with the same letters, the share whose diacritics differ. */
  diacriticErrorRate: number;
  truthChars: number;
  truthWords: number;
}

const words = (text: string) => text.normalize('NFC').split(/\s+/).filter(Boolean);

/** Cells a full alignment table may have; larger inputs are aligned line by line or in a band. */
const MAX_TABLE = 4_000_000;

/**
 * Word-level alignment by dynamic programming; returns aligned pairs (undefined for insertions/deletions).
 * Only a band around the diagonal is filled, wide enough for the length difference plus slack, so long
 * texts need memory in proportion to their length, not its square.
 */
export function alignWords(truth: string[], hyp: string[]): [string | undefined, string | undefined][] {
  const n = truth.length;
  const m = hyp.length;
  // The band must reach the far corner, however much shorter one side is than the other.
  const band = n * (m + 1) <= MAX_TABLE ? Math.max(n, m) + 1 : Math.abs(n - m) + 256;
  const width = 2 * band + 1;
  const INF = 0x3fffffff;
  const cost = new Uint32Array((n + 1) * width).fill(INF);
  // Column j of row i sits at offset j - i + band within the row.
  const at = (i: number, j: number) => (j - i + band < 0 || j - i + band >= width ? -1 : i * width + (j - i + band));
  const get = (i: number, j: number) => {
    const k = at(i, j);
    return k < 0 ? INF : cost[k]!;
  };
  for (let i = 0; i <= n; i++) {
    for (let j = Math.max(0, i - band); j <= Math.min(m, i + band); j++) {
      const k = at(i, j);
      if (i === 0 || j === 0) cost[k] = i + j;
      else cost[k] = Math.min(get(i - 1, j - 1) + (truth[i - 1] === hyp[j - 1] ? 0 : 1), get(i - 1, j) + 1, get(i, j - 1) + 1);
    }
  }
  const pairs: [string | undefined, string | undefined][] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && get(i, j) === get(i - 1, j - 1) + (truth[i - 1] === hyp[j - 1] ? 0 : 1)) {
      pairs.push([truth[--i], hyp[--j]]);
    } else if (i > 0 && (j === 0 || get(i, j) === get(i - 1, j) + 1)) pairs.push([truth[--i], undefined]);
    else pairs.push([undefined, hyp[--j]]);
  }
  return pairs.reverse();
}

export function evaluate(truth: string, hypothesis: string): Scores {
  const t = words(truth);
  const h = words(hypothesis);
  const truthText = t.join(' ');
  const pairs = alignWords(t, h);
  let edits = 0;
  let exact = 0;
  let sameLetters = 0;
  let wrongMarks = 0;
  for (const [a, b] of pairs) {
    if (a !== b) edits++;
    if (a !== undefined && a === b) exact++;
    if (a !== undefined && b !== undefined && foldKey(a) === foldKey(b)) {
      sameLetters++;
      if (a.toLowerCase() !== b.toLowerCase()) wrongMarks++;
    }
  }
  return {
    cer: truthText.length ? distance(truthText, h.join(' ')) / truthText.length : 0,
    wer: t.length ? edits / t.length : 0,
    syllableAccuracy: t.length ? exact / t.length : 1,
    diacriticErrorRate: sameLetters ? wrongMarks / sameLetters : 0,
    truthChars: truthText.length,
    truthWords: t.length,
  };
}
