// "Ð" (U+00D0, Icelandic eth) for "Đ": what Windows-1258 text read as Latin-1 gives, and what some typists
// use. Vietnamese has no eth, so the restorer reads it as Đ (else "Ðiền" is no Vietnamese word, and a correct
// text full of them reads as English-model OCR), and gives a typed text's eth back as written (text read as
// OCR's gets Đ: there an eth is a misreading of the page's Đ).
import type { Token } from '../text/tokenize.js';
import type { RestoreChange } from '../types.js';

const ETH = /[Ðð]/g;

/** The text with every eth read as Đ; the same length, so offsets carry over. */
export const ethAsD = (text: string) => (text.includes('Ð') || text.includes('ð') ? text.replace(ETH, (c) => (c === 'Ð' ? 'Đ' : 'đ')) : text);

/** A restored word with an eth where its given form had one, letter for letter (a word that changed length keeps Đ). */
function asWritten(restored: string, given: string): string {
  if (restored.length !== given.length) return restored;
  let out = '';
  for (let i = 0; i < restored.length; i++) out += (given[i] === 'Ð' && restored[i] === 'Đ') || (given[i] === 'ð' && restored[i] === 'đ') ? given[i] : restored[i];
  return out;
}

/**
 * Puts each eth back where the given text had one: in the output of the token it was in, and in the changes
 * (`from` as given; a change that only read the eth as Đ is none).
 */
export function giveEthBack(given: string, tokens: readonly Token[], output: string[], changes: RestoreChange[], locate: (offset: number) => { line: number; column: number }): RestoreChange[] {
  const at = new Map<string, string>();
  tokens.forEach((token, t) => {
    const span = given.slice(token.start, token.start + token.text.length);
    if (span === token.text || ethAsD(span) !== token.text) return;
    output[t] = asWritten(output[t]!, span);
    const { line, column } = locate(token.start);
    at.set(`${line}:${column}`, span);
  });
  return changes.flatMap((c) => {
    const span = at.get(`${c.line}:${c.column}`);
    if (span === undefined) return [c];
    const to = asWritten(c.to, span);
    return to === span ? [] : [{ ...c, from: span, to }];
  });
}
