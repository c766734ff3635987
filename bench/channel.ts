// English-model OCR of held-out text (the seed 001 situation), before and after restoration.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alignWords, evaluate } from '../src/eval/index.js';
import { createOcrEngine, extractPages } from '../src/ocr/index.js';
import { loadRestorer } from '../src/restore/index.js';
import type { BenchTable } from '../src/types.js';
import { seedText } from '../scripts/lib/corpus.js';
import type { PresetName } from '../scripts/lib/render.js';
import { heldoutParagraphs, oldStyle, pct, scans, workDir } from './lib.js';

/**
 * Each page read as `vnocr run` reads it (preprocessed, English model), text and word confidences cached
 * beside the page so reruns are quick.
 */
async function englishOcr(files: string[]): Promise<{ text: string; confidences: number[] }[]> {
  const engine = createOcrEngine({ jobs: 2, lang: 'eng' });
  try {
    return await Promise.all(
      files.map(async (file) => {
        const cache = `${file}.eng.json`;
        if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as { text: string; confidences: number[] };
        const [page] = await extractPages(file, async () => engine, { textLayer: 'never', preprocess: true });
        const result = { text: page!.text, confidences: page!.words.map((w) => w.confidence) };
        writeFileSync(cache, JSON.stringify(result));
        return result;
      }),
    );
  } finally {
    await engine.terminate();
  }
}

export async function run({ quick, split = 'test' }: { quick: boolean; split?: 'test' | 'dev' }): Promise<BenchTable[]> {
  const restorer = await loadRestorer();
  const dev = split === 'dev';
  // The dev split (for tuning) gets twice the pages, and its errors are listed in bench/work/channel-dev/errors.txt.
  const text = heldoutParagraphs(quick ? 8 : dev ? 60 : 30, 15, split).join('\n');
  const errors: string[] = [];
  const rows: (string | number)[][] = [];
  const presets: PresetName[] = ['clean', 'office', 'poor'];
  let speed = 0;
  for (const preset of presets) {
    const pages = await scans(dev ? 'channel-dev' : 'channel', text, preset, quick ? 1 : dev ? 6 : 3);
    const ocr = await englishOcr(pages.map((p) => p.file));
    const truth = oldStyle(pages.map((p) => p.truth).join('\n'));
    const garbled = ocr.map((o) => o.text).join('\n');
    const t0 = performance.now();
    const result = restorer.restore(garbled, { source: 'ocr', confidences: ocr.flatMap((o) => o.confidences) });
    speed = Math.max(speed, garbled.split(/\s+/).length / ((performance.now() - t0) / 1000));
    const before = evaluate(truth, garbled);
    const after = evaluate(truth, result.text);
    if (dev) errors.push(...wordErrors(truth, garbled, result.text, preset));
    rows.push([preset, pages.length, result.mode, pct(before.syllableAccuracy), pct(after.syllableAccuracy), pct(before.cer), pct(after.cer)]);
  }
  if (dev) writeFileSync(path.join(workDir, 'channel-dev/errors.txt'), `${errors.join('\n')}\n`);
  const seed = seedText('001');
  const seedResult = restorer.restore(seed);
  const notes = [
    `seed 001 (real English-model OCR, no aligned truth): detected as ${seedResult.mode}; ${seedResult.changes.length} words changed`,
    `restoration speed on English-model OCR text: ${Math.round(speed).toLocaleString('en-US')} syllables/s (first run, candidates not yet cached)`,
    'word accuracy = share of truth words reproduced exactly (syllable accuracy); target >= 90% after restoration',
  ];
  return [
    {
      title: 'OCR-error correction: English-model OCR of held-out text (issue 4)',
      columns: ['scan quality', 'pages', 'detected mode', 'word accuracy before', 'word accuracy after', 'CER before', 'CER after'],
      rows,
      notes,
    },
  ];
}

/** Words the restoration got wrong: preset, truth word, OCR'd word, restored word (tab-separated). */
function wordErrors(truth: string, ocr: string, restored: string, preset: string): string[] {
  const words = (t: string) => t.split(/\s+/).filter(Boolean);
  const t = words(truth);
  const after = alignWords(t, words(restored));
  const before = alignWords(t, words(ocr));
  // The OCR'd word aligned with each truth word, by truth position.
  const seen: (string | undefined)[] = [];
  for (const [a, b] of before) if (a !== undefined) seen.push(b);
  const out: string[] = [];
  let i = 0;
  for (const [a, b] of after) {
    if (a !== b) out.push([preset, a ?? '-', a === undefined ? '-' : (seen[i] ?? '-'), b ?? '-'].join('\t'));
    if (a !== undefined) i++;
  }
  return out;
}
