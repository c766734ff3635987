// OCR on synthetic scans of held-out text at three damage levels, against native tesseract on the same pages.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { evaluate } from '../src/eval/index.js';
import { extractPages } from '../src/ingest/index.js';
import { createOcrEngine } from '../src/ocr/engine.js';
import { loadRestorer } from '../src/restore/index.js';
import type { BenchTable } from '../src/types.js';
import { writePdf } from '../scripts/lib/pdf.js';
import type { PresetName } from '../scripts/lib/render.js';
import { hasNativeTesseract, heldoutParagraphs, mb, nativeTesseract, pct, scans, timeCli, workDir, type ScanPage } from './lib.js';

const JOBS = 2;

async function ours(pages: ScanPage[], preprocess = true) {
  const engine = createOcrEngine({ jobs: JOBS });
  const t0 = performance.now();
  try {
    const read = await Promise.all(pages.map(async (p) => (await extractPages(p.file, async () => engine, { textLayer: 'never', preprocess, concurrency: JOBS }))[0]!));
    return { texts: read.map((p) => p.text), confidences: read.flatMap((p) => p.words.map((w) => w.confidence)), seconds: (performance.now() - t0) / 1000 };
  } finally {
    await engine.terminate();
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchTable[]> {
  const text = heldoutParagraphs(quick ? 10 : 80).join('\n');
  const native = await hasNativeTesseract();
  const restorer = await loadRestorer();
  const rows: (string | number)[][] = [];
  const presets: PresetName[] = ['clean', 'office', 'poor'];
  let firstClean: ScanPage | undefined;
  for (const preset of presets) {
    const pages = await scans('ocr', text, preset, quick ? 2 : 6);
    firstClean ??= pages[0];
    const truth = pages.map((p) => p.truth).join('\n');
    const mine = await ours(pages);
    const raw = evaluate(truth, mine.texts.join('\n'));
    // Restored as `vnocr run` restores OCR'd pages: told the text was OCR'd, with the words' confidences.
    const restored = evaluate(truth, restorer.restore(mine.texts.join('\n'), { source: 'ocr', confidences: mine.confidences }).text);
    const ppm = (pages.length / mine.seconds) * 60;
    // Preprocessing earns its place only if it lowers CER or saves time: the same pages read without it.
    const bare = await ours(pages, false);
    const bareCer = evaluate(truth, bare.texts.join('\n')).cer;
    const bareRow = [pct(bareCer), ((pages.length / bare.seconds) * 60).toFixed(1)];
    const row: (string | number)[] = [preset, pages.length, pct(raw.cer), pct(raw.wer), pct(restored.cer), ppm.toFixed(1), ...bareRow];
    if (native) {
      const peer = await nativeTesseract(pages.map((p) => p.file), JOBS);
      const peerScores = evaluate(truth, peer.texts.join('\n'));
      const peerPpm = (pages.length / peer.seconds) * 60;
      row.push(pct(peerScores.cer), peerPpm.toFixed(1), (ppm / peerPpm).toFixed(2));
    } else row.push('not installed', '-', '-');
    rows.push(row);
  }

  // First page's text: a fresh process, from start to the first line on stdout.
  let firstPage = NaN;
  await timeCli(['ocr', firstClean!.file], (s) => (firstPage = s));

  // Memory over a longer batch: one image-only PDF of many pages, 2 workers.
  const pageCount = quick ? 8 : 200;
  const dir = path.join(workDir, 'memory');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const page = await sharp(firstClean!.file).greyscale().jpeg({ quality: 70 }).toBuffer();
  const meta = await sharp(page).metadata();
  writeFileSync(path.join(dir, 'long.pdf'), writePdf(Array.from({ length: pageCount }, () => ({ jpeg: page, width: meta.width!, height: meta.height!, dpi: 300 }))));
  const batch = await timeCli(['run', path.join(dir, 'long.pdf'), '-o', path.join(dir, 'out'), '--jobs', String(JOBS), '--quiet']);

  return [
    {
      title: 'OCR on synthetic scans of held-out text (issue 2)',
      columns: ['scan quality', 'pages', 'CER', 'WER', 'CER after restoration', 'pages/min', 'CER without preprocessing', 'pages/min without', 'tesseract -l vie CER', 'tesseract pages/min', 'speed ratio (vnocr/tesseract)'],
      rows,
      notes: [
        `${JOBS} workers for both; native tesseract with OMP_THREAD_LIMIT=1, ${JOBS} pages at a time`,
        `first page's text out ${firstPage.toFixed(2)} s after start (fresh process, clean page)`,
        `${pageCount}-page image-only PDF through \`vnocr run --jobs ${JOBS}\`: ${(batch.seconds / 60).toFixed(1)} min, peak RSS ${mb(batch.peakRss)} (exit ${batch.code})`,
        'targets: CER <= 1% clean and <= 3% poor, never worse than native tesseract; speed >= 0.75x native; first page <= 3 s; 200-page RSS <= 1.5 GB',
      ],
    },
  ];
}
