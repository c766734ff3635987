// --text-layer auto: a PDF's text layer is trusted when it reads as correct Vietnamese. Any other layer (OCR'd
// with a wrong model, stripped of its accents) is restored and set against a fresh OCR of the same page,
// restored too; the text the language model finds likelier wins, for the whole document.
import type { Restorer } from '../restore/index.js';
import { textQuality } from '../restore/quality.js';

export async function preferLayer(restorer: Restorer, layer: string, ocr: () => Promise<string>): Promise<boolean> {
  const fromLayer = restorer.restore(layer, { textOnly: true });
  if (fromLayer.mode === 'correct') return true;
  const fromOcr = restorer.restore(await ocr(), { source: 'ocr', textOnly: true });
  return textQuality(restorer.model, fromLayer.text) >= textQuality(restorer.model, fromOcr.text);
}
