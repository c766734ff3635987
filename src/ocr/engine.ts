// tesseract.js workers with the Vietnamese model from node_modules: a small pool, each worker recycled
// after a bounded number of pages because the WASM heap only grows.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { OcrWord } from '../types.js';

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Un-gzipped language data is cached here, never in the current directory. */
export const CACHE_DIR = path.join(projectRoot, '.cache', 'tesseract');

/** Tesseract's two LSTM networks: "fast" (tessdata_fast, what Debian's tesseract reads) and "best" (best_int). */
export type OcrModel = 'fast' | 'best';

/** Folder of the fast models shipped with the project (dictionaries/tessdata-fast/README.md says where they came from). */
const FAST_DIR = path.join(projectRoot, 'dictionaries', 'tessdata-fast');

/**
 * The fast model where the project ships one (Vietnamese), else best_int. On the real dev pages fast reads as
 * well after restoration (CER 2.44% against 2.45%; 1-bit 2.27/2.31, seals 2.99/3.03, 100 ppi colour 0.83/0.69)
 * and on the damage tuning seeds every class stays within 0.1 pt of reading without preprocessing, at 1.4 to
 * 1.7 times the pages per minute.
 */
export const defaultModel = (lang: string): OcrModel => (existsSync(path.join(FAST_DIR, `${lang}.traineddata.gz`)) ? 'fast' : 'best');

/** Local folder of a language's traineddata: the project's own fast model, or a @tesseract.js-data package's best_int. */
export function languageDataPath(lang: string, model: OcrModel = 'best'): string {
  if (model === 'fast') return FAST_DIR;
  const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  return path.join(pkg, '4.0.0_best_int');
}

/**
 * Pages to keep in flight for `jobs` workers: one more than there are workers, so the next page is decoded
 * and preprocessed while every worker reads (with exactly `jobs`, a worker waits for each of its pages).
 */
export const pagesInFlight = (jobs: number) => jobs + 1;

export interface OcrEngineOptions {
  jobs?: number;
  /** Pages a worker reads before it is replaced. */
  recycleAfter?: number;
  lang?: string;
  model?: OcrModel;
  /** Workers started at once, so loading the model overlaps reading the first pages; the rest start on demand. */
  startNow?: number;
}

export interface RecognizedPage {
  text: string;
  words: OcrWord[];
  confidence: number;
}

/**
 * `block`: read the image as one block of text, without the layout analysis that can take it all for a picture;
 * `word`: as one word.
 */
export interface RecognizeOptions {
  block?: boolean;
  word?: boolean;
}

export interface OcrEngine {
  recognize(image: Buffer, page: number, options?: RecognizeOptions): Promise<RecognizedPage>;
  terminate(): Promise<void>;
}

interface Slot {
  /** null once the worker has read its share: the replacement starts when the slot's next page comes. */
  worker: Promise<Worker> | null;
  /** The worker being replaced, kept alive until its replacement is ready. */
  retiring: Promise<Worker> | null;
  pages: number;
  busy: boolean;
  /** The page-segmentation mode the slot's worker reads in, set only where the next read needs another. */
  mode: PSM;
}

/**
 * V8 runs WebAssembly first as quickly compiled baseline code and recompiles a function with its optimising
 * compiler once the function has spent a "tiering budget". With the default budget (1.8 million) a fresh
 * worker's first page also recompiles many of tesseract's functions that run only briefly, on the cores that
 * should be reading. A budget of 100 million leaves those in the baseline tier; the hot inner loops still
 * reach the optimising tier within a fraction of the first page. On dev pages (fresh processes, interleaved):
 * first page 2.88 s -> 2.60 s median, with 300 million 2.67 s and 1000 million 2.95 s; a 12-page batch no slower.
 */
const WASM_TIERING_BUDGET = 100_000_000;
const TIERING_FLAG = '--wasm-tiering-budget';
let tieringSet = false;

/** Sets the budget once, before the first worker compiles tesseract (V8 flags are process-wide); a budget the user gave node wins. */
function setWasmTieringBudget(): void {
  if (tieringSet) return;
  tieringSet = true;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => arg.startsWith(TIERING_FLAG));
  if (!given) v8.setFlagsFromString(`${TIERING_FLAG}=${WASM_TIERING_BUDGET}`);
}

function startWorker(lang: string, model: OcrModel): Promise<Worker> {
  // tesseract.js caches by language name only: each model has its own folder.
  const cachePath = path.join(CACHE_DIR, model);
  mkdirSync(cachePath, { recursive: true });
  setWasmTieringBudget();
  const ready = createWorker(lang, OEM.LSTM_ONLY, {
    langPath: languageDataPath(lang, model),
    cachePath,
    gzip: true,
    // Without a handler tesseract.js throws a failed job's error out of its message listener, which ends
    // the process; with one, the job's promise rejects and the batch reports that page's file.
    errorHandler: () => {},
  }).then(async (worker) => {
    // Single uniform block of text is wrong for reports; automatic segmentation keeps the two-column header apart.
    // Pages arrive at 250 to 330 DPI (preprocess); a stated 300 stops tesseract guessing from missing
    // metadata (the exact value made no difference on the dev pages). Tesseract's diagnostics ("Detected 548
    // diacritics") would go to stderr among the command's own output: they go to /dev/null in the WASM file system.
    await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO, preserve_interword_spaces: '1', user_defined_dpi: '300', debug_file: '/dev/null' });
    return worker;
  });
  // A worker started ahead of use may fail before anyone awaits it; the failure reaches the page that
  // awaits it, rather than ending the process as an unhandled rejection.
  ready.catch(() => undefined);
  return ready;
}

/** A line of leptonica's diagnostics: "Error in boxClipToRectangle: box outside rectangle". */
const LEPTONICA_LINE = /^(?:Error|Warning) in \w+: [^\n]*\n?$/;

/** `text` without leptonica's lines. */
export function withoutLeptonica(text: string): string {
  return text
    .split(/(?<=\n)/)
    .filter((line) => !LEPTONICA_LINE.test(line))
    .join('');
}

let leptonicaQuiet = false;

/**
 * Leptonica, inside tesseract's WASM, prints its diagnostics to stderr from the OCR worker threads, which Node
 * writes through this process's stderr: a page whose layout it finds odd (a 1-bit page's seal) gave "Error in
 * pixScanForForeground: invalid box" among the command's own lines, in `--quiet` too, about nothing wrong with the
 * page. They are left out there; every other line passes as it is.
 */
function quietLeptonica(): void {
  if (leptonicaQuiet) return;
  leptonicaQuiet = true;
  const write = process.stderr.write.bind(process.stderr) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!text.includes(' in ')) return write(chunk, ...rest);
    const kept = withoutLeptonica(text);
    if (kept) return write(kept === text ? chunk : kept, ...rest);
    (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
    return true;
  }) as typeof process.stderr.write;
}

export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  quietLeptonica();
  const jobs = options.jobs ?? os.availableParallelism();
  const recycleAfter = options.recycleAfter ?? 20;
  const lang = options.lang ?? 'vie';
  const model = options.model ?? defaultModel(lang);
  const slots: Slot[] = Array.from({ length: Math.min(jobs, Math.max(1, options.startNow ?? 1)) }, () => ({ worker: startWorker(lang, model), retiring: null, pages: 0, busy: false, mode: PSM.AUTO }));
  const waiting: ((slot: Slot) => void)[] = [];

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    if (slots.length < jobs) {
      // Further workers start lazily, so the first page does not wait for the whole pool.
      const slot: Slot = { worker: startWorker(lang, model), retiring: null, pages: 0, busy: true, mode: PSM.AUTO };
      slots.push(slot);
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  /**
   * The slot's worker, replacing a retired one. The old worker ends only once the new one is ready: V8
   * shares compiled WebAssembly between live workers, so the new one reuses the old one's optimised code
   * (a worker started after the last one ended compiles it again: about 1.6 s of CPU, and a slow first page).
   * Started on demand, so the end of a batch starts no worker just to stop it.
   */
  const workerOf = (slot: Slot): Promise<Worker> => {
    if (slot.worker) return slot.worker;
    const fresh = startWorker(lang, model);
    const old = slot.retiring;
    slot.retiring = null;
    const retire = () => old?.then((w) => w.terminate()).catch(() => undefined);
    fresh.then(retire, retire);
    slot.mode = PSM.AUTO;
    return (slot.worker = fresh);
  };

  /** `read`: whether the job read a page (a word read again is not one: it counts for nothing towards recycling). */
  const release = (slot: Slot, read: boolean) => {
    if (read) slot.pages++;
    if (slot.pages >= recycleAfter) {
      slot.retiring = slot.worker;
      slot.worker = null;
      slot.pages = 0;
    }
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };

  return {
    async recognize(image, page, options = {}) {
      const slot = await acquire();
      try {
        const worker = await workerOf(slot);
        // Words read again come one after another: the mode is changed only where it must be, not twice a word.
        const mode = options.word ? PSM.SINGLE_WORD : options.block ? PSM.SINGLE_BLOCK : PSM.AUTO;
        if (mode !== slot.mode) {
          await worker.setParameters({ tessedit_pageseg_mode: mode });
          slot.mode = mode;
        }
        return toPage((await worker.recognize(image, {}, { text: true, tsv: true })).data, page);
      } catch (error) {
        // A worker whose job failed (often its WASM heap is exhausted) is replaced before its next page.
        slot.pages = recycleAfter;
        throw new Error(`OCR failed on page ${page}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        release(slot, !options.word);
      }
    },
    async terminate() {
      const workers = slots.flatMap((s) => [s.worker, s.retiring]).filter((w) => w !== null);
      await Promise.all(workers.map((w) => w.then((worker) => worker.terminate()).catch(() => undefined)));
      slots.length = 0;
    },
  };
}

type TesseractPage = Awaited<ReturnType<Worker['recognize']>>['data'];

/** TSV row level of a word (page 1, block 2, paragraph 3, line 4). */
const WORD_LEVEL = '5';

/**
 * A copy of `text` that holds nothing else alive. V8 keeps a substring of 13 characters or more as a view of
 * its parent: one long word ("10/2018/TTLT-BTP-BCA") would hold its page's whole TSV (about 45 KB) for as long
 * as the document's words are kept, which is until the document is written.
 */
const detached = (text: string): string => (text.length < 13 ? text : structuredClone(text));

/**
 * Words from tesseract's TSV: level, page, block, paragraph, line, word, left, top, width, height,
 * confidence, text. Asked for instead of the block tree, whose JSON (every symbol and its choices) cost
 * about 90 ms a page to build and pass between threads, against 40 ms for the TSV.
 */
function toPage(data: TesseractPage, page: number): RecognizedPage {
  const words: OcrWord[] = [];
  let line = -1;
  let lineKey = '';
  for (const row of (data.tsv ?? '').split('\n')) {
    const cells = row.split('\t');
    if (cells[0] !== WORD_LEVEL || cells.length < 12) continue;
    const key = `${cells[2]}.${cells[3]}.${cells[4]}`;
    if (key !== lineKey) (lineKey = key), line++;
    const [left, top, width, height, confidence] = cells.slice(6, 11).map(Number) as [number, number, number, number, number];
    const box = { x0: left, y0: top, x1: left + width, y1: top + height };
    const text = detached(cells.slice(11).join('\t').normalize('NFC'));
    words.push({ text, confidence: Math.round(confidence * 10) / 10, page, box, line, block: Number(cells[2]), paragraph: Number(cells[3]) });
  }
  return { text: data.text.normalize('NFC'), words, confidence: data.confidence };
}
