// English-model OCR of held-out text (the seed 001 situation), before and after restoration.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { evaluate } from '../src/eval/index.js';
import { createOcrEngine } from '../src/ocr/engine.js';
import { loadRestorer } from '../src/restore/index.js';
import type { BenchTable } from '../src/types.js';
import { seedText } from '../scripts/lib/corpus.js';
import type { PresetName } from '../scripts/lib/render.js';
import { heldoutParagraphs, pct, scans } from './lib.js';

/** OCR text of each page with the English model, cached beside the page so reruns are quick. */
async function englishOcr(files: string[]): Promise<string[]> {
  const engine = createOcrEngine({ jobs: 2, lang: 'eng' });
  try {
    return await Promise.all(
      files.map(async (file) => {
        const cache = `${file}.eng.txt`;
        if (existsSync(cache)) return readFileSync(cache, 'utf8');
        const { text } = await engine.recognize(readFileSync(file), 1);
        writeFileSync(cache, text);
        return text;
      }),
    );
  } finally {
    await engine.terminate();
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchTable[]> {
  const restorer = await loadRestorer();
  const text = heldoutParagraphs(quick ? 8 : 30, 15).join('\n');
  const rows: (string | number)[][] = [];
  const presets: PresetName[] = ['clean', 'office', 'poor'];
  let speed = 0;
  for (const preset of presets) {
    const pages = await scans('channel', text, preset, quick ? 1 : 3);
    const ocr = await englishOcr(pages.map((p) => p.file));
    const truth = pages.map((p) => p.truth).join('\n');
    const garbled = ocr.join('\n');
    const t0 = performance.now();
    const result = restorer.restore(garbled);
    speed = Math.max(speed, garbled.split(/\s+/).length / ((performance.now() - t0) / 1000));
    const before = evaluate(truth, garbled);
    const after = evaluate(truth, result.text);
    rows.push([preset, pages.length, result.mode, pct(before.syllableAccuracy), pct(after.syllableAccuracy), pct(before.cer), pct(after.cer)]);
  }
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
