// Dev timing of OCR readers on a few dense A4 pages (dev-split text), in the same run as native tesseract, so a
// shared machine's load falls on all alike: `npx tsx bench/ocr-speed-dev.ts [pages per quality]`. Ratios only;
// the reporting figure is `npm run bench -- --only ocr`. Engines are warmed on one page first, so the ratio is
// of throughput, not of start-up.
import pLimit from 'p-limit';
import { evaluate } from '../src/eval/index.js';
import { createOcrEngine, pagesInFlight, type OcrEngine, type OcrModel } from '../src/ocr/engine.js';
import { extractPages } from '../src/ocr/index.js';
import type { PresetName } from '../scripts/lib/render.js';
import { heldoutParagraphs, nativeTesseract, pct, scans, type ScanPage } from './lib.js';

const JOBS = 2;
const pagesPer = Number(process.argv[2] ?? 6);
const models: OcrModel[] = ['best', 'fast'];

interface Tally {
  seconds: number;
  texts: string[];
}

async function readAll(engine: OcrEngine, pages: ScanPage[]): Promise<string[]> {
  const limit = pLimit(pagesInFlight(JOBS));
  return Promise.all(pages.map((p) => limit(async () => (await extractPages(p.file, async () => engine, { textLayer: 'never', preprocess: true }))[0]!.text)));
}

const text = heldoutParagraphs(pagesPer * 14 + 14, 12, 'dev').join('\n');
const engines = Object.fromEntries(models.map((m) => [m, createOcrEngine({ jobs: JOBS, model: m, startNow: JOBS })])) as Record<OcrModel, OcrEngine>;
try {
  for (const preset of ['clean', 'office', 'poor'] as PresetName[]) {
    const all = await scans('ocr-speed-dev', text, preset, pagesPer + 1);
    const [warm, ...pages] = all;
    for (const m of models) await readAll(engines[m], [warm!, warm!]);
    const tallies: Record<string, Tally> = Object.fromEntries([...models, 'native'].map((r) => [r, { seconds: 0, texts: [] }]));
    // Turns of two pages, every other turn in reverse order.
    for (let from = 0, turn = 0; from < pages.length; from += JOBS, turn++) {
      const batch = pages.slice(from, from + JOBS);
      const readers = [
        ...models.map((m) => async () => {
          const t0 = performance.now();
          tallies[m]!.texts.push(...(await readAll(engines[m], batch)));
          tallies[m]!.seconds += (performance.now() - t0) / 1000;
        }),
        async () => {
          const { texts, seconds } = await nativeTesseract(batch.map((p) => p.file), JOBS);
          tallies.native!.texts.push(...texts);
          tallies.native!.seconds += seconds;
        },
      ];
      if (turn % 2) readers.reverse();
      for (const r of readers) await r();
    }
    const truth = pages.map((p) => p.truth).join('\n');
    const row = Object.entries(tallies).map(([r, t]) => `${r} ${((pages.length / t.seconds) * 60).toFixed(1)} p/min (${(tallies.native!.seconds / t.seconds).toFixed(2)}x native) CER ${pct(evaluate(truth, t.texts.join('\n')).cer)}`);
    console.log(`${preset}: ${row.join(' | ')}`);
  }
} finally {
  await Promise.all(models.map((m) => engines[m].terminate()));
}
