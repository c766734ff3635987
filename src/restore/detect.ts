// Which kind of text came in, from how many of its words carry diacritics.
import { hasDiacritics } from '../text/fold.js';
import type { Token } from '../text/tokenize.js';
import type { InputMode } from '../types.js';

export interface Detection {
  mode: InputMode;
  /** Share of words written with diacritics, 0..1. */
  accentedShare: number;
}

/** Below this share of accented words, text is treated as unaccented (correct Vietnamese has about 70%). */
export const UNACCENTED_BELOW = 0.15;
/** Above it, as correct text whose unaccented words are meant so. */
export const CORRECT_ABOVE = 0.45;

export function detectMode(tokens: readonly Token[]): Detection {
  let words = 0;
  let accented = 0;
  for (const t of tokens) {
    if (t.kind !== 'word') continue;
    words++;
    if (hasDiacritics(t.text)) accented++;
  }
  const accentedShare = words === 0 ? 0 : accented / words;
  return { mode: accentedShare < UNACCENTED_BELOW ? 'unaccented' : 'correct', accentedShare };
}

/**
 * log10 bonus for leaving an unaccented word as it is: none in unaccented text, strong in correct text,
 * in between for mixed text (some words accented, some not).
 */
export function keepUnaccentedBonus(accentedShare: number, mode: InputMode): number {
  if (mode === 'unaccented') return 0;
  const t = Math.min(Math.max((accentedShare - UNACCENTED_BELOW) / (CORRECT_ABOVE - UNACCENTED_BELOW), 0), 1);
  return 2.5 * t;
}
