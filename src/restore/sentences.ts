// Text -> the syllable sequences the language model is built from and scored on.
import { applyToneStyle } from '../text/syllable.js';
import { tokenize } from '../text/tokenize.js';
import { NUM } from './lm/format.js';

/** Punctuation that ends a stretch of syllables; spaces, hyphens and quotes do not. */
const BREAK = /[.,;:!?()[\]{}…\n]/;

/** Lower-case syllables in the canonical (old) tone style, numbers and codes as <n>, split at punctuation. */
export function sentencesOf(text: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) sentences.push(current);
    current = [];
  };
  for (const token of tokenize(text.normalize('NFC'))) {
    if (token.kind === 'word') current.push(applyToneStyle(token.text.toLowerCase(), 'old'));
    else if (token.kind === 'protected') current.push(NUM);
    else if (BREAK.test(token.text)) flush();
  }
  flush();
  return sentences;
}
