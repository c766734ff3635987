// Dev measurement for restoring vie-model OCR (issue 4): dev-split text and dev report fixtures rendered,
// OCR'd once the way the pipeline does (cached under bench/work/vie-dev/), then restored as `vnocr run` does.
// Lists the words restoration broke and fixed. Dev split only: tune here, never on the test split.
//   npx tsx bench/vie-dev.ts [--ocr] [--words]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alignWords, evaluate } from '../src/eval/index.js';
import { extractPages } from '../src/ocr/index.js';
import { createOcrEngine } from '../src/ocr/engine.js';
import { loadRestorer } from '../src/restore/index.js';
import { projectRoot } from '../scripts/lib/corpus.js';
import type { PresetName } from '../scripts/lib/render.js';
import { heldoutParagraphs, oldStyle, pct, scans, workDir } from './lib.js';

interface Cached {
  name: string;
  preset: PresetName;
  truth: string;
  text: string;
  confidences: number[];
}

const cacheFile = path.join(workDir, 'vie-dev/cache.json');
const presets: PresetName[] = ['clean', 'office', 'poor'];

async function ocrAll(): Promise<Cached[]> {
  const engine = createOcrEngine({ jobs: 2 });
  const out: Cached[] = [];
  try {
    const read = async (name: string, text: string, preset: PresetName, maxPages: number) => {
      const pages = await scans(`vie-dev/${name}`, text, preset, maxPages);
      const results = await Promise.all(
        pages.map(async (p) => (await extractPages(p.file, async () => engine, { textLayer: 'never', preprocess: true, concurrency: 2 }))[0]!),
      );
      results.forEach((r, i) => out.push({ name: `${name}-${i + 1}`, preset, truth: pages[i]!.truth, text: r.text, confidences: r.words.map((w) => w.confidence) }));
      console.error(`${name} ${preset}: ${pages.length} page(s)`);
    };
    const text = heldoutParagraphs(24, 12, 'dev').join('\n');
    const reportDir = path.join(projectRoot, 'fixtures/reports/dev');
    const reports = readdirSync(reportDir).filter((f) => f.endsWith('.txt'));
    for (const preset of presets) {
      await read('text', text, preset, 4);
      for (const f of reports) await read(`report-${f.replace(/\.txt$/, '')}`, readFileSync(path.join(reportDir, f), 'utf8'), preset, 2);
    }
  } finally {
    await engine.terminate();
  }
  mkdirSync(path.dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(out));
  return out;
}

const words = (s: string) => s.normalize('NFC').split(/\s+/).filter(Boolean);

async function main() {
  const args = process.argv.slice(2);
  const cached: Cached[] = args.includes('--ocr') || !existsSync(cacheFile) ? await ocrAll() : JSON.parse(readFileSync(cacheFile, 'utf8'));
  const restorer = await loadRestorer();
  const rows: string[] = [];
  const broken = new Map<string, number>();
  const fixed = new Map<string, number>();
  let worse = 0;
  for (const kind of ['text', 'report'] as const) {
    for (const preset of presets) {
      const docs = cached.filter((d) => d.preset === preset && d.name.startsWith(kind));
      let chars = 0;
      let rawErr = 0;
      let outErr = 0;
      let nBroken = 0;
      let nFixed = 0;
      let t = 0;
      let correctWords = 0;
      let correctChanged = 0;
      for (const d of docs) {
        // The restorer writes the old tone style; the truth is compared in it too.
        const truth = oldStyle(d.truth);
        const raw = oldStyle(d.text);
        const t0 = performance.now();
        const restored = restorer.restore(d.text, { source: 'ocr', confidences: d.confidences, textOnly: true }).text;
        t += performance.now() - t0;
        const a = evaluate(truth, raw);
        const b = evaluate(truth, restored);
        chars += a.truthChars;
        rawErr += a.cer * a.truthChars;
        outErr += b.cer * b.truthChars;
        if (b.cer > a.cer) worse++;
        // Correct text restored as if OCR had read it perfectly: what share of its words is left alone.
        const tw0 = words(truth);
        const tw1 = words(restorer.restore(d.truth, { source: 'ocr', textOnly: true }).text);
        correctWords += tw0.length;
        correctChanged += tw1.length === tw0.length ? tw0.filter((w, i) => w !== tw1[i]).length : tw0.length;
        // Word pairs where raw and restored OCR differ, judged against the truth word aligned to the raw one.
        const rw = words(raw);
        const ow = words(restored);
        if (rw.length !== ow.length) continue;
        const truthOf: (string | undefined)[] = [];
        for (const [tw, hw] of alignWords(words(truth), rw)) if (hw !== undefined) truthOf.push(tw);
        rw.forEach((w, i) => {
          if (w === ow[i]) return;
          const tw = truthOf[i];
          const key = `${w} -> ${ow[i]} (truth ${tw ?? '-'}, conf ${Math.round(d.confidences[i] ?? -1)}) [${d.name} ${preset}]`;
          if (tw === w) (nBroken++, broken.set(key, (broken.get(key) ?? 0) + 1));
          else if (tw === ow[i]) (nFixed++, fixed.set(key, (fixed.get(key) ?? 0) + 1));
          else broken.set(`~ ${key}`, (broken.get(`~ ${key}`) ?? 0) + 1);
        });
      }
      rows.push(`| ${kind} | ${preset} | ${docs.length} | ${pct(rawErr / chars)} | ${pct(outErr / chars)} | ${nBroken} | ${nFixed} | ${(t / docs.length).toFixed(0)} ms | ${pct(1 - correctChanged / correctWords)} |`);
    }
  }
  console.log('| input | scan | pages | CER raw OCR | CER restored | words broken | words fixed | restore/page | truth kept |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(`pages where restoration raised CER: ${worse}`);
  if (args.includes('--words')) {
    console.log('\nBROKEN (~ = wrong before and after):');
    for (const [k, n] of broken) console.log(`  ${n > 1 ? `${n}x ` : ''}${k}`);
    console.log('\nFIXED:');
    for (const [k, n] of fixed) console.log(`  ${n > 1 ? `${n}x ` : ''}${k}`);
  }
}

await main();
