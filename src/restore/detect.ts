// Which kind of text came in, from how many of its words carry diacritics.
import { foldKey, hasDiacritics } from '../text/fold.js';
import { isValidSyllable } from '../text/syllable.js';
import type { Token } from '../text/tokenize.js';
import type { InputMode } from '../types.js';

export interface Detection {
  mode: InputMode;
  /** Share of words written with diacritics, 0..1. */
  accentedShare: number;
  /** Share of lower-case or title-case words that cannot be Vietnamese: accented but impossible ("trién"),
   *  unknown even without accents ("ciia"), or letters mixed with digits ("s6"). */
  invalidShare: number;
  /** Words checked for validity. */
  checked: number;
}

/**
 * Above this share of impossible words, text is OCR output with many misreadings: of an English model when few
 * words carry marks (real scans read so: 16-24% of words marked), else of the Vietnamese model on a poor scan
 * (its reading keeps 80-90% of words marked), which the Vietnamese-model channel mends better (dev text with
 * 20-30% of words misread: 95.8-98.5% against 87.9-95.9% with the English one).
 */
export const OCR_ABOVE = 0.12;

/** Below this share of accented words, text is treated as unaccented (correct Vietnamese has about 70%). */
export const UNACCENTED_BELOW = 0.15;
/** Above it, as correct text whose unaccented words are meant so. */
export const CORRECT_ABOVE = 0.45;

/** What a word tells about the text: accented (1), not evidence either way (2), impossible (4). */
const ACCENTED = 1;
const UNCHECKED = 2;
const INVALID = 4;

function wordFlags(text: string, knownKey: (key: string) => boolean, isWord: (lower: string) => boolean): number {
  const accented = hasDiacritics(text);
  // Acronyms and names in capitals are not evidence either way.
  if (text.length > 1 && text === text.toUpperCase()) return accented ? ACCENTED | UNCHECKED : UNCHECKED;
  // So are names: a capitalised syllable with accents the language model never saw ("Hạc").
  if (accented && text[0] !== text[0]!.toLowerCase() && isValidSyllable(text) && !knownKey(foldKey(text))) return ACCENTED | UNCHECKED;
  const invalid = !knownKey(foldKey(text)) || (accented && !isWord(text.toLowerCase()));
  return (accented ? ACCENTED : 0) | (invalid ? INVALID : 0);
}

/**
 * `knownKey` tells whether a folded key is the key of some syllable of the language model; `isWord` whether a
 * lower-case word is a syllable or a name the model knows that no syllable spells ("đắk").
 */
export function detectMode(tokens: readonly Token[], knownKey: (key: string) => boolean, isWord: (lower: string) => boolean = isValidSyllable): Detection {
  let words = 0;
  let accented = 0;
  let checked = 0;
  let invalid = 0;
  // Texts repeat their words: each distinct one is looked at once.
  const seen = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind === 'word') {
      let flags = seen.get(t.text);
      if (flags === undefined) seen.set(t.text, (flags = wordFlags(t.text, knownKey, isWord)));
      words++;
      if (flags & ACCENTED) accented++;
      if (flags & UNCHECKED) continue;
      checked++;
      if (flags & INVALID) invalid++;
    } else if (t.kind === 'protected' && /^\p{L}{1,3}\d\p{L}{0,3}$/u.test(t.text)) {
      // Letters mixed with a digit ("s6") are damaged words.
      words++;
      if (hasDiacritics(t.text)) accented++;
      checked++;
      invalid++;
    }
  }
  const accentedShare = words === 0 ? 0 : accented / words;
  const invalidShare = checked === 0 ? 0 : invalid / checked;
  const mode: InputMode =
    invalidShare > OCR_ABOVE ? ocrModel(accentedShare) : accentedShare < UNACCENTED_BELOW ? 'unaccented' : 'correct';
  return { mode, accentedShare, invalidShare, checked };
}

/** Words a paragraph needs before its own reading may overrule the document's. */
const PARAGRAPH_WORDS = 20;

/** OCR text's model, from the share of words that kept their marks (see OCR_ABOVE). */
function ocrModel(accentedShare: number): InputMode {
  return accentedShare >= CORRECT_ABOVE ? 'ocr-vie' : 'ocr-eng';
}

/** Runs of non-blank lines, each with the blank lines after it. */
export function paragraphs(tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    out[out.length - 1]!.push(t);
    if (t.kind === 'other' && /\n[^\S\n]*\n/.test(t.text)) out.push([]);
  }
  return out.filter((p) => p.length > 0);
}

/**
 * A paragraph's own mode when it clearly differs from the document's (an OCR'd page among text-layer pages,
 * an unaccented passage in correct text); undefined when it is too short or not clear-cut.
 */
export function paragraphMode(d: Detection): InputMode | undefined {
  if (d.checked < PARAGRAPH_WORDS) return undefined;
  if (d.invalidShare > 0.3) return ocrModel(d.accentedShare);
  if (d.invalidShare < 0.05 && d.accentedShare < 0.05) return 'unaccented';
  if (d.invalidShare < 0.05 && d.accentedShare > 0.5) return 'correct';
  return undefined;
}

/**
 * In correct text. At 2.5 literature's unaccented archaic words were accented (tu, chi: 99.87% of its dev text
 * kept); 3.5 keeps 99.92% and fixes as many misread words (bench/restore-dev.ts).
 */
const KEEP_UNACCENTED = 3.5;

/**
 * log10 bonus for leaving an unaccented word as it is: none in unaccented text, strong in correct text,
 * in between for mixed text (some words accented, some not).
 */
export function keepUnaccentedBonus(accentedShare: number, mode: InputMode): number {
  if (mode === 'unaccented') return 0;
  const t = Math.min(Math.max((accentedShare - UNACCENTED_BELOW) / (CORRECT_ABOVE - UNACCENTED_BELOW), 0), 1);
  return KEEP_UNACCENTED * t;
}
