// How much a text reads like Vietnamese: the language model's mean log10 probability per syllable.
import type { LanguageModel } from './lm/model.js';
import { sentencesOf } from './sentences.js';

export function textQuality(model: LanguageModel, text: string): number {
  let total = 0;
  let count = 0;
  for (const sentence of sentencesOf(text)) {
    let [u, v] = [model.bos, model.bos];
    for (const word of [...sentence.map((w) => model.id(w)), model.eos]) {
      total += model.logProb3(u, v, word);
      count++;
      [u, v] = [v, word];
    }
  }
  return count === 0 ? -Infinity : total / count;
}
