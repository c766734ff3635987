// OCR on synthetic scans of held-out text at three damage levels, against native tesseract on the same pages.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { evaluate } from '../src/eval/index.js';
import { extractPages } from '../src/ocr/index.js';
import pLimit from 'p-limit';
import { createOcrEngine, defaultModel, languageDataPath, pagesInFlight, type OcrEngine } from '../src/ocr/engine.js';
import { loadRestorer } from '../src/restore/index.js';
import type { BenchTable } from '../src/types.js';
import { writePdf } from '../scripts/lib/pdf.js';
import type { PresetName } from '../scripts/lib/render.js';
import { hasNativeTesseract, heldoutParagraphs, mb, nativeTesseract, pct, scans, timeCli, workDir, type ScanPage } from './lib.js';

const JOBS = 2;
/** Pages per scan quality. */
const PAGES = 24;
/** Pages each reader reads before the next takes its turn. */
const TURN_PAGES = 6;
/** Fresh processes timed for the first page's latency. */
const FIRST_PAGE_RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Pages OCR'd, with the seconds they took. */
interface Reading {
  texts: string[];
  confidences: number[];
  seconds: number;
}

const noReading = (): Reading => ({ texts: [], confidences: [], seconds: 0 });

/**
 * vnocr reading pages in batches on one engine, as `vnocr run` reads a folder of page scans (a few files in
 * flight at once). The engine starts inside the first batch's time, so start-up is counted once.
 */
function reader(preprocess: boolean) {
  let engine: OcrEngine | undefined;
  const limit = pLimit(pagesInFlight(JOBS));
  return {
    async read(pages: ScanPage[], into: Reading) {
      const t0 = performance.now();
      engine ??= createOcrEngine({ jobs: JOBS });
      const ready = engine;
      const read = await Promise.all(pages.map((p) => limit(async () => (await extractPages(p.file, async () => ready, { textLayer: 'never', preprocess }))[0]!)));
      into.seconds += (performance.now() - t0) / 1000;
      into.texts.push(...read.map((p) => p.text));
      into.confidences.push(...read.flatMap((p) => p.words.map((w) => w.confidence)));
    },
    terminate: () => engine?.terminate(),
  };
}

/** Native tesseract reading a batch of pages, added to `into`. */
async function readNatively(pages: ScanPage[], into: Reading, tessdataDir?: string) {
  const { texts, seconds } = await nativeTesseract(pages.map((p) => p.file), JOBS, tessdataDir);
  into.texts.push(...texts);
  into.seconds += seconds;
}

/** vnocr's own traineddata, un-gzipped where native tesseract can read it: the like-for-like peer. */
function sameModelDir(): string {
  const dir = path.join(workDir, 'tessdata');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'vie.traineddata'), gunzipSync(readFileSync(path.join(languageDataPath('vie', defaultModel('vie')), 'vie.traineddata.gz'))));
  return dir;
}

const ratio = (a: number, b: number) => (a / b).toFixed(2);

export async function run({ quick, split = 'test' }: { quick: boolean; split?: 'test' | 'dev' }): Promise<BenchTable[]> {
  // A batch long enough that throughput is the batch's, not the start-up's (the first-page figure measures that).
  const pageCount = quick ? 2 : PAGES;
  const text = heldoutParagraphs(quick ? 10 : PAGES * 14, 12, split).join('\n');
  const native = await hasNativeTesseract();
  const modelDir = native ? sameModelDir() : '';
  const restorer = await loadRestorer();
  const accuracy: (string | number)[][] = [];
  const speed: (string | number)[][] = [];
  const presets: PresetName[] = ['clean', 'office', 'poor'];
  let firstClean: ScanPage | undefined;
  for (const preset of presets) {
    const pages = await scans(split === 'dev' ? 'ocr-dev' : 'ocr', text, preset, pageCount);
    firstClean ??= pages[0];
    const truth = pages.map((p) => p.truth).join('\n');
    const perMinute = (seconds: number) => (pages.length / seconds) * 60;
    // The readers take turns batch by batch, so a shared machine's drift in speed falls on all of them alike.
    const mine = noReading();
    const bare = noReading();
    const stock = noReading();
    const same = noReading();
    const withPreprocessing = reader(true);
    // Preprocessing earns its place only if it lowers CER or saves time: the same pages read without it.
    const withoutPreprocessing = reader(false);
    try {
      for (let from = 0; from < pages.length; from += TURN_PAGES) {
        const batch = pages.slice(from, from + TURN_PAGES);
        const turn = [
          () => withPreprocessing.read(batch, mine),
          () => withoutPreprocessing.read(batch, bare),
          ...(native ? [() => readNatively(batch, stock), () => readNatively(batch, same, modelDir)] : []),
        ];
        // Every other turn in reverse (A B C D, D C B A): a drift within a turn falls on no reader more than another.
        if ((from / TURN_PAGES) % 2 === 1) turn.reverse();
        for (const read of turn) await read();
      }
    } finally {
      await withPreprocessing.terminate();
      await withoutPreprocessing.terminate();
    }
    const raw = evaluate(truth, mine.texts.join('\n'));
    // Restored as `vnocr run` restores OCR'd pages: told the text was OCR'd, with the words' confidences.
    const restored = evaluate(truth, restorer.restore(mine.texts.join('\n'), { source: 'ocr', confidences: mine.confidences }).text);
    const accuracyRow: (string | number)[] = [preset, pages.length, pct(raw.cer), pct(raw.wer), pct(restored.cer), pct(evaluate(truth, bare.texts.join('\n')).cer)];
    const speedRow: (string | number)[] = [preset, pages.length, perMinute(mine.seconds).toFixed(1), perMinute(bare.seconds).toFixed(1)];
    if (native) {
      accuracyRow.push(pct(evaluate(truth, stock.texts.join('\n')).cer), pct(evaluate(truth, same.texts.join('\n')).cer));
      speedRow.push(perMinute(stock.seconds).toFixed(1), ratio(stock.seconds, mine.seconds), perMinute(same.seconds).toFixed(1), ratio(same.seconds, mine.seconds));
    } else {
      accuracyRow.push('not installed', '-');
      speedRow.push('not installed', '-', '-', '-');
    }
    accuracy.push(accuracyRow);
    speed.push(speedRow);
  }

  // First page's text: fresh processes, from start to the first line on stdout; the median of a few runs,
  // since one start-up on a shared machine can be off by a fifth. Native tesseract on the same page beside it.
  const firstPages: number[] = [];
  const nativeFirstPages: number[] = [];
  for (let run = 0; run < (quick ? 1 : FIRST_PAGE_RUNS); run++) {
    await timeCli(['ocr', firstClean!.file], (s) => firstPages.push(s));
    if (native) nativeFirstPages.push((await nativeTesseract([firstClean!.file], 1)).seconds);
  }
  const firstPage = median(firstPages);
  const nativeFirstPage = native ? `; native tesseract ${median(nativeFirstPages).toFixed(2)} s` : '';

  // Memory over a longer batch: one image-only PDF of many pages, 2 workers.
  const batchPages = quick ? 8 : 200;
  const dir = path.join(workDir, 'memory');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const page = await sharp(firstClean!.file).greyscale().jpeg({ quality: 70 }).toBuffer();
  const meta = await sharp(page).metadata();
  writeFileSync(path.join(dir, 'long.pdf'), writePdf(Array.from({ length: batchPages }, () => ({ jpeg: page, width: meta.width!, height: meta.height!, dpi: 300 }))));
  const batch = await timeCli(['run', path.join(dir, 'long.pdf'), '-o', path.join(dir, 'out'), '--jobs', String(JOBS), '--quiet']);

  return [
    {
      title: 'OCR on synthetic scans of held-out text: accuracy (issue 2)',
      columns: ['scan quality', 'pages', 'CER', 'WER', 'CER after restoration', 'CER without preprocessing', 'tesseract -l vie CER', 'tesseract, vnocr\'s model, CER'],
      rows: accuracy,
      notes: [
        `tesseract -l vie: the native binary with the vie.traineddata installed beside it (tessdata_fast in Debian); "vnocr's model": the same binary reading the traineddata vnocr reads (${defaultModel('vie') === 'fast' ? 'tessdata_fast, dictionaries/tessdata-fast: the same network' : '@tesseract.js-data/vie, best_int'})`,
        'targets: CER <= 1% clean and <= 3% poor, never worse than native tesseract',
      ],
    },
    {
      title: 'OCR on synthetic scans of held-out text: speed (issue 2)',
      columns: ['scan quality', 'pages', 'pages/min', 'pages/min without preprocessing', 'tesseract pages/min', 'speed ratio (vnocr/tesseract)', 'tesseract, vnocr\'s model, pages/min', 'speed ratio (same model)'],
      rows: speed,
      notes: [
        `${JOBS} workers for both, start-up included (once for vnocr, per page for native); native tesseract with OMP_THREAD_LIMIT=1, ${JOBS} pages at a time, one process per page; the four readers take turns every ${TURN_PAGES} pages, every other turn in reverse order, so the machine's drift in speed falls on all alike`,
        `first page's text out ${firstPage.toFixed(2)} s after start (median of ${firstPages.length} fresh processes, clean page, ${Math.min(...firstPages).toFixed(2)}-${Math.max(...firstPages).toFixed(2)} s${nativeFirstPage})`,
        `${batchPages}-page image-only PDF through \`vnocr run --jobs ${JOBS}\`: ${(batch.seconds / 60).toFixed(1)} min, peak RSS ${mb(batch.peakRss)}; peak in each quarter of the run ${batch.peakRssByQuarter.map(mb).join(', ')} (exit ${batch.code})`,
        'targets: speed >= 0.75x native; first page <= 3 s; 200-page RSS <= 1.5 GB, not growing with the pages',
      ],
    },
  ];
}
