// The real dev documents through worse scans than their own, to find the garbage a field can come out as before
// the test documents show it: each page rendered, then made worse (150 DPI; 150 DPI blurred and JPEG-compressed),
// OCR'd and restored as the pipeline does. Dev documents only; every miss that is wrong and not flagged is listed.
// `npx tsx bench/structure-stress-dev.ts`
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { openPdf, renderPdfPage } from '../src/ingest/pdf.js';
import { extractPages } from '../src/ocr/index.js';
import { loadRestorer } from '../src/restore/index.js';
import type { OcrWord } from '../src/types.js';
import { workDir } from './lib.js';
import { breakdown, lazyEngine, REAL_SCANS, realCases, score, readAsRun } from './structure.js';

const WORSE: Record<string, (page: ReturnType<typeof sharp>) => ReturnType<typeof sharp>> = {
  '150dpi': (p) => p,
  '150dpi-blur-jpeg': (p) => p.blur(0.9).jpeg({ quality: 30 }),
};

const restorer = await loadRestorer();
const engine = lazyEngine();
const dir = path.join(workDir, 'structure-stress');
mkdirSync(dir, { recursive: true });
for (const [kind, worsen] of Object.entries(WORSE)) {
  const scored = [];
  for (const c of realCases('dev')) {
    const pdf = path.join(REAL_SCANS, `${c.doc}.pdf`);
    if (!existsSync(pdf)) continue;
    const cache = path.join(dir, `${c.doc}.${kind}.json`);
    let ocr: { text: string; words: OcrWord[] };
    if (existsSync(cache)) ocr = JSON.parse(readFileSync(cache, 'utf8'));
    else {
      const doc = await openPdf(pdf);
      const texts: string[] = [];
      const words: OcrWord[] = [];
      for (const n of c.pages) {
        const page = await renderPdfPage(doc, n, pdf);
        const file = path.join(dir, `${c.doc}.p${n}.${kind}.${kind.includes('jpeg') ? 'jpg' : 'png'}`);
        const half = sharp(Buffer.from(page.data), { raw: { width: page.width, height: page.height, channels: 1 } }).resize(Math.round(page.width / 2)).withMetadata({ density: 150 });
        await worsen(half).toFile(file);
        const read = (await extractPages(file, async () => engine.get(), { textLayer: 'never', preprocess: true }))[0]!;
        texts.push(read.text);
        words.push(...read.words.map((w) => ({ ...w, page: n })));
      }
      ocr = { text: texts.join('\n'), words };
      writeFileSync(cache, JSON.stringify(ocr));
    }
    scored.push({ name: c.doc, report: readAsRun(restorer, ocr), expected: c.expected });
  }
  const s = score(scored);
  console.log(`real dev documents, ${kind} → OCR → restore: ${s.ok}/${s.total} = ${((100 * s.ok) / s.total).toFixed(2)}% (${breakdown(s)})`);
  for (const m of s.misses) console.log(`  ${m}`);
}
await engine.close();
