// N-gram keys packed into numbers, for counting and merging by sorting (build.ts, mix.ts), and searches
// over sorted runs. A bigram of vocabulary ids (each < 2^16 - 1) packs into one 32-bit key.

export const ID_BITS = 65536;

/** Index of key in an ascending array, -1 when absent. */
export function searchSorted(sorted: ArrayLike<number>, key: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = sorted[mid]!;
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Index of word in the ascending run words[lo..hi), -1 when absent: halving down to a short scan. */
export function searchRun(words: Uint16Array, lo: number, hi: number, word: number): number {
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < word) lo = mid + 1;
    else hi = mid + 1;
  }
  for (; lo < hi; lo++) if (words[lo] === word) return lo;
  return -1;
}

/**
 * Finds each of n ascending ids in the ascending run words[from..to), its index or -1 into found[k], galloping
 * on from where the last one was. A candidate set's ids are close together (pack.ts numbers the forms of a
 * folded key in a row), so after the first the rest are a step or two on, in the same cache line, instead of
 * a search each from the top.
 */
export function searchRunAll(words: Uint16Array, from: number, to: number, ids: Int32Array, n: number, found: Int32Array): void {
  let lo = from;
  for (let k = 0; k < n; k++) {
    const id = ids[k]!;
    // Gallop: hi moves 1, 2, 4... past lo until words[hi] >= id, then halve between.
    let hi = lo;
    let step = 1;
    while (hi < to && words[hi]! < id) {
      lo = hi + 1;
      hi = lo + step;
      step <<= 1;
    }
    if (hi > to) hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    found[k] = lo < to && words[lo] === id ? lo : -1;
  }
}
