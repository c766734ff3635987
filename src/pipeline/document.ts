// One document through the stages: pages of text (text layer, OCR or .txt) -> restoration -> structure -> rendered outputs.
import { OutputUnavailable } from '../errors.js';
import { FORMAT_EXTENSIONS, MODEL_FORMATS, renderModel, type ModelFormat } from '../output/index.js';
import { documentText, restoreWords } from '../restore/words.js';
import type { OutputPart, PageText, RestoreResult } from '../types.js';
import type { OutputFormat, RunOptions } from './options.js';
import type { Stages } from './stages.js';

export interface DocumentResult {
  /** The document model: pages of blocks, lines and words, with their restored forms when restoration ran. */
  pages: PageText[];
  /** Text as it came from the pages, pages separated by a blank line. */
  rawText: string;
  restoration?: RestoreResult;
  /** Rendered outputs by the file name ending they are written with (`txt`, `alto.xml`); binary ones in parts. */
  outputs: Record<string, string | OutputPart[]>;
  /** Why an output asked for is not among them (the searchable PDF of an encrypted PDF), a line each. */
  warnings: string[];
}

/** The words' confidences in reading order, so the restorer can be bolder where OCR was unsure. */
function wordConfidences(pages: PageText[]): number[] | undefined {
  // Only when every page was OCR'd: a text-layer page has no words and would shift the rest.
  const read = pages.filter((p) => !p.skipped);
  if (read.length === 0 || read.some((p) => p.source !== 'ocr')) return undefined;
  return read.flatMap((p) => p.words.map((w) => w.confidence));
}

const isModelFormat = (format: OutputFormat): format is ModelFormat => (MODEL_FORMATS as readonly string[]).includes(format);

export async function processDocument(
  file: string,
  stages: Stages,
  options: RunOptions,
  onPage?: (page: PageText) => void,
): Promise<DocumentResult> {
  const read = await stages.extractPages(file, onPage);
  const rawText = documentText(read);
  const source = read.some((p) => p.source === 'ocr') ? 'ocr' : 'text';
  const restoration = options.restore ? await stages.restore(rawText, source, wordConfidences(read)) : undefined;
  const pages = restoration ? restoreWords(read, restoration) : read;
  const text = restoration?.text ?? rawText;
  const words = pages.flatMap((p) => p.words);
  const report = stages.structure(text, words);
  const extras = {
    source: { file, pages: pages.length, textSources: [...new Set(pages.map((p) => p.source))] },
    words,
    restoration: restoration ? { mode: restoration.mode, changes: restoration.changes } : undefined,
  };
  const outputs: DocumentResult['outputs'] = {};
  const warnings: string[] = [];
  for (const format of options.formats) {
    if (!isModelFormat(format)) outputs[format] = stages.render(report, format, extras);
    else {
      const output = await renderModel(format, { file, pages }).catch((error: unknown) => {
        if (!(error instanceof OutputUnavailable)) throw error;
        warnings.push(error.message);
        return undefined;
      });
      if (output !== undefined) outputs[FORMAT_EXTENSIONS[format]] = output;
    }
  }
  return { pages, rawText, restoration, outputs, warnings };
}
