// The OCR channel: which syllables an OCR'd word may stand for, scored by log10 P(observed | syllable)
// from tables learned on rendered, OCR'd text (scripts/learn-channel.ts). Seen word pairs come from the
// word table; unseen words are generated from the character table and scored by a weighted edit alignment.
import { readFileSync } from 'node:fs';
import { foldKey } from '../../text/fold.js';
import type { Candidate, CandidateIndex } from '../candidates.js';
import type { LanguageModel } from '../lm/model.js';

export interface ChannelTable {
  lang: string;
  words: Record<string, [string, number][]>;
  chars: Record<string, [string, number][]>;
}

/** log10 probability of a character operation never seen in training. */
const UNSEEN = -3;
const MAX_VARIANTS = 24;
const MAX_CANDIDATES = 12;
/**
 * Longest observed word that can have a reading: keys keep the word's length or drop one letter, and no syllable
 * folds to more than 7 letters (nor is any word of the learned table longer). Longer words are read as nothing
 * without the beam over their letters, whose work grows with the length squared (a 4,000-letter word took minutes).
 */
const LONGEST_READ = 12;

/**
 * A letter Vietnamese writes (a-z, đ, with any marks). Any other letter OCR made of one ("khônø", "ðến"), so a
 * character table's rare readings into it are kept as its sources: no word it is part of can be right.
 */
function isVietnameseLetter(c: string): boolean {
  return /^[a-zđ]$/.test(foldKey(c));
}

export class OcrChannel {
  /** True char -> observed char -> log10 P(observed | true); '' on one side for insertions and deletions. */
  private readonly sub = new Map<string, Map<string, number>>();
  /** Observed char -> [folded true letter, log10 P(observed | true)] for letters OCR turns into it, likeliest first. */
  private readonly sources = new Map<string, [string, number][]>();
  private readonly cache = new Map<string, Candidate[]>();
  readonly lang: string;

  constructor(
    private readonly table: ChannelTable,
    private readonly model: LanguageModel,
    private readonly index: CandidateIndex,
  ) {
    this.lang = table.lang;
    for (const [t, list] of Object.entries(table.chars)) {
      const row = new Map<string, number>();
      this.sub.set(t, row);
      for (const [o, p] of list) {
        row.set(o, p);
        if (o && t && t !== o && (p > -2.5 || !isVietnameseLetter(o))) this.sources.set(o, [...(this.sources.get(o) ?? []), [t, p]]);
      }
    }
    // Keys are folded, so only one true character per folded letter matters: the likeliest.
    for (const [o, list] of this.sources) {
      const best = new Map<string, [string, number]>();
      for (const [t, p] of list) {
        const f = foldKey(t);
        if (f !== foldKey(o) && (best.get(f)?.[1] ?? -Infinity) < p) best.set(f, [f, p]);
      }
      this.sources.set(o, [...best.values()].sort((a, b) => b[1] - a[1]));
    }
  }

  /**
   * The table in `file`, with the character readings of each overlay (readings real scans show that renders do
   * not) laid over it: an overlay's reading replaces the table's where it is likelier.
   */
  static load(file: string, model: LanguageModel, index: CandidateIndex, overlays: readonly string[] = []): OcrChannel {
    const table = JSON.parse(readFileSync(file, 'utf8')) as ChannelTable;
    for (const overlay of overlays) {
      const { chars } = JSON.parse(readFileSync(overlay, 'utf8')) as Pick<ChannelTable, 'chars'>;
      for (const [t, list] of Object.entries(chars)) {
        const row = new Map(table.chars[t] ?? []);
        for (const [o, p] of list) row.set(o, Math.max(p, row.get(o) ?? -Infinity));
        table.chars[t] = [...row].sort((a, b) => b[1] - a[1]);
      }
    }
    return new OcrChannel(table, model, index);
  }

  private op(t: string, o: string): number {
    return this.sub.get(t)?.get(o) ?? (t === o ? -0.05 : UNSEEN);
  }

  /** log10 P(observed | truth) by the best character alignment. */
  logProb(truth: string, seen: string): number {
    return this.aligner(seen)(truth);
  }

  /** logProb against one observed word, its characters and insertion costs worked out once. */
  private aligner(seen: string): (truth: string) => number {
    const b = [...seen];
    // Insertions depend on the column only, deletions on the row only.
    const insert = b.map((o) => this.op('', o));
    const prev = new Float64Array(b.length + 1);
    const cur = new Float64Array(b.length + 1);
    return (truth) => {
      prev[0] = 0;
      for (let j = 1; j <= b.length; j++) prev[j] = prev[j - 1]! + insert[j - 1]!;
      for (const t of truth) {
        const row = this.sub.get(t);
        const drop = this.op(t, '');
        cur[0] = prev[0]! + drop;
        for (let j = 1; j <= b.length; j++) {
          const o = b[j - 1]!;
          const change = row?.get(o) ?? (t === o ? -0.05 : UNSEEN);
          cur[j] = Math.max(prev[j - 1]! + change, prev[j]! + drop, cur[j - 1]! + insert[j - 1]!);
        }
        prev.set(cur);
      }
      return prev[b.length]!;
    };
  }

  /**
   * Folded keys the observed word may come from: a small beam over per-character readings (the character
   * itself, or a true character OCR turns into it), then each of the best with one character dropped.
   */
  private keys(seen: string): string[] {
    let texts = [''];
    let scores = [0];
    for (const c of seen) {
      const options: [string, number][] = [[c, this.op(c, c)], ...(this.sources.get(c) ?? []).slice(0, 4)];
      // Every variant extended by every option; the best kept, best first and earlier first among equals.
      const nextTexts: string[] = [];
      const nextScores: number[] = [];
      for (let v = 0; v < texts.length; v++) {
        for (const [o, p] of options) {
          const score = scores[v]! + p;
          let at = nextScores.length;
          while (at > 0 && score > nextScores[at - 1]!) at--;
          if (at >= MAX_VARIANTS) continue;
          nextScores.splice(at, 0, score);
          nextTexts.splice(at, 0, texts[v]! + o);
          if (nextScores.length > MAX_VARIANTS) {
            nextScores.pop();
            nextTexts.pop();
          }
        }
      }
      texts = nextTexts;
      scores = nextScores;
    }
    const keys = new Set<string>();
    for (const v of texts) keys.add(foldKey(v));
    // OCR also splits one letter into two ("của" -> "ciia").
    for (const v of texts.slice(0, 8)) {
      if (v.length <= 2) continue;
      const letters = [...v].length;
      for (let i = 0; i < letters; i++) keys.add(foldKey(v.slice(0, i) + v.slice(i + 1)));
    }
    return [...keys];
  }

  /**
   * Whether the observed word has a letter Vietnamese never writes that this channel makes of one ("ø" for g,
   * "tronø"): the word is a misreading, whatever else it is.
   */
  hasMisreadLetter(seen: string): boolean {
    for (const c of seen) if (!isVietnameseLetter(c) && this.sources.has(c) && /\p{L}/u.test(c)) return true;
    return false;
  }

  /** Candidates for a lower-case observed word. */
  candidates(seen: string): Candidate[] {
    if (seen.length > LONGEST_READ) return [];
    const cached = this.cache.get(seen);
    if (cached) return cached;
    const scored = new Map<number, number>();
    // Own keys only: "constructor" is a word OCR can read too.
    const seenPairs = Object.hasOwn(this.table.words, seen) ? this.table.words[seen]! : [];
    for (const [truth, p] of seenPairs) if (this.model.has(truth)) scored.set(this.model.id(truth), p);
    const logProb = this.aligner(seen);
    // The word as read, when it is a syllable: only the commonest forms of a key are generated below ("đẩy" is not).
    const self = this.model.has(seen) ? this.model.id(seen) : -1;
    if (self >= 0 && !scored.has(self) && this.index.forms(foldKey(seen)).includes(self)) scored.set(self, logProb(seen));
    for (const key of this.keys(seen)) {
      for (const id of this.index.forms(key).slice(0, 6)) {
        if (!scored.has(id)) scored.set(id, logProb(this.model.vocab[id]!));
      }
    }
    const list = [...scored]
      .map(([id, prior]) => ({ id, prior }))
      .sort((x, y) => y.prior - x.prior)
      .slice(0, MAX_CANDIDATES);
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(seen, list);
    return list;
  }
}
