// "Ð" (U+00D0, Icelandic eth) for "Đ": what Windows-1258 text read as Latin-1 gives, and what some typists
// use. Vietnamese has no eth, so the restorer reads it as Đ (else "Ðiền" is no Vietnamese word, and a correct
// text full of them reads as English-model OCR), and gives a typed text's eth back as written (text read as
// OCR's gets Đ: there an eth is a misreading of the page's Đ).
//
// The small eth is another matter: typists use the capital, whose glyph is Đ's, and almost never the small one
// (the training corpora: 1,460 "Ð" to 8 "ð" in about 100 million syllables), while Vietnamese-model OCR misreads
// đ as ð (its learned channel, dictionaries/channel-vie.json). A small eth is given back only in a text that
// writes its small đ so at least as often as not, a convention of its own; else it is read as the page's đ.
import type { Token } from '../text/tokenize.js';
import type { RestoreChange } from '../types.js';
import { inTextOrder } from './offsets.js';

const ETH = /[Ðð]/g;

/** The text with every eth read as Đ; the same length, so offsets carry over. */
export const ethAsD = (text: string) => (text.includes('Ð') || text.includes('ð') ? text.replace(ETH, (c) => (c === 'Ð' ? 'Đ' : 'đ')) : text);

/** Whether a text writes its small đ as ð at least as often as not (then its small eths are its own). */
export function writesSmallEth(text: string): boolean {
  let eth = 0;
  let d = 0;
  for (const c of text) {
    if (c === 'ð') eth++;
    else if (c === 'đ') d++;
  }
  return eth > 0 && eth >= d;
}

/** A restored word with an eth where its given form had one, letter for letter (a word that changed length keeps Đ). */
function asWritten(restored: string, given: string, smallEth: boolean): string {
  if (restored.length !== given.length) return restored;
  let out = '';
  for (let i = 0; i < restored.length; i++) out += (given[i] === 'Ð' && restored[i] === 'Đ') || (smallEth && given[i] === 'ð' && restored[i] === 'đ') ? given[i] : restored[i];
  return out;
}

/**
 * Puts each eth back where the given text had one (a small one only where the text writes them, see
 * writesSmallEth): in the output of the token it was in, and in the changes (`from` as given; a change that
 * only read the eth as Đ is none). A small eth read as đ is a change, with confidence 1 when the word is
 * otherwise kept; `record` false (text only wanted) lists none.
 */
export function giveEthBack(
  given: string,
  tokens: readonly Token[],
  output: string[],
  changes: RestoreChange[],
  locate: (offset: number) => { line: number; column: number },
  record = true,
): RestoreChange[] {
  const smallEth = writesSmallEth(given);
  const at = new Map<string, string>();
  const added: RestoreChange[] = [];
  tokens.forEach((token, t) => {
    const span = given.slice(token.start, token.start + token.text.length);
    if (span === token.text || ethAsD(span) !== token.text) return;
    const decoded = output[t]!;
    output[t] = asWritten(decoded, span, smallEth);
    const { line, column } = locate(token.start);
    const key = `${line}:${column}`;
    at.set(key, span);
    // Kept by the decoder (no change of its own), yet no longer as given: the small eth read as đ.
    if (record && decoded === token.text && output[t] !== span) added.push({ line, column, from: span, to: output[t]!, confidence: 1 });
  });
  const told = changes.flatMap((c) => {
    const span = at.get(`${c.line}:${c.column}`);
    if (span === undefined) return [c];
    const to = asWritten(c.to, span, smallEth);
    return to === span ? [] : [{ ...c, from: span, to }];
  });
  if (!added.length) return told;
  return [...told, ...added].sort(inTextOrder);
}
