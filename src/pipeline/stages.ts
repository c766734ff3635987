// The real stage implementations behind the pipeline, created lazily: a batch of .txt files
// never starts an OCR worker, and the language model loads once per process.
import type { OcrWord, PageText, RestoreResult } from '../types.js';
import { createOcrEngine, extractPages, pagesInFlight, type OcrEngine } from '../ocr/index.js';
import { doubtedSyllables, loadRestorer, type Restorer } from '../restore/index.js';
import { preferLayer } from './text-layer.js';
import { renderReport, structureReport, type Report, type ReportFormat } from '../structure/index.js';
import type { RunOptions } from './options.js';

export interface Stages {
  extractPages(file: string, onPage?: (page: PageText) => void): Promise<PageText[]>;
  restore(text: string, source: 'ocr' | 'text', confidences?: number[]): Promise<RestoreResult>;
  structure(text: string, words: OcrWord[]): Report;
  render(report: Report, format: ReportFormat, extras: Record<string, unknown>): string;
  close(): Promise<void>;
}

/** `inputs`: files in the batch; a single file may spread one page over several OCR workers. */
export function createStages(options: RunOptions, inputs = 0): Stages {
  let engine: OcrEngine | undefined;
  let restorer: Promise<Restorer> | undefined;
  const getEngine = async () => (engine ??= createOcrEngine({ jobs: options.jobs }));
  // Loaded once restoration ran: the structure stage, which comes after it, asks it whether fields read right.
  let loaded: Restorer | undefined;
  const getRestorer = () => (restorer ??= loadRestorer({ modelPath: options.model, toneStyle: options.toneStyle }).then((r) => (loaded = r)));
  return {
    extractPages: (file, onPage) =>
      extractPages(file, getEngine, {
        textLayer: options.textLayer,
        preprocess: options.preprocess,
        concurrency: pagesInFlight(options.jobs),
        workersPerPage: inputs === 1 ? options.jobs : undefined,
        onPage,
        judgeLayer: async (layer, ocr) => preferLayer(await getRestorer(), layer, ocr),
      }),
    restore: async (text, source, confidences) => (await getRestorer()).restore(text, { mode: options.mode, source, confidences }),
    // OCR'd text only: typed text says what its author wrote, slips included.
    structure: (text, words) => structureReport(text, { words, doubt: loaded && words.length ? (fields, opts) => doubtedSyllables(loaded!, fields, opts) : undefined }),
    render: (report, format, extras) => renderReport(report, format, extras),
    close: async () => {
      await engine?.terminate();
    },
  };
}
