// Text -> the syllable sequences the language model is built from and scored on.
import { applyToneStyle, caseOf } from '../text/syllable.js';
import { tokenize } from '../text/tokenize.js';
import { NUM } from './lm/format.js';

/** Punctuation that ends a stretch of syllables; spaces, hyphens and quotes do not. */
const BREAK = /[.,;:!?()[\]{}…\n]/;
/** What ends a sentence, so that the next word's capital is not a name's. */
export const SENTENCE_END = /[.!?…:\n"“”'‘’«»–—]/;

/**
 * Lower-case syllables in the canonical (old) tone style, numbers and codes as <n>, split at punctuation;
 * with `names`, the canonical form of every word written in Title Case inside a sentence is added to it.
 */
export function sentencesOf(text: string, names?: string[]): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  let sentenceStart = true;
  const flush = () => {
    if (current.length > 0) sentences.push(current);
    current = [];
  };
  for (const token of tokenize(text.normalize('NFC'))) {
    if (token.kind === 'word') {
      const word = applyToneStyle(token.text.toLowerCase(), 'old');
      current.push(word);
      if (names && !sentenceStart && caseOf(token.text) === 'title') names.push(word);
      sentenceStart = false;
    } else if (token.kind === 'protected') {
      current.push(NUM);
      sentenceStart = false;
    } else {
      if (BREAK.test(token.text)) flush();
      if (SENTENCE_END.test(token.text)) sentenceStart = true;
    }
  }
  flush();
  return sentences;
}
