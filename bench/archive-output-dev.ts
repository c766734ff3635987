// Dev probe: memory of the end of a run's output step (pdf, alto, hocr rendered and written atomically, as a run does)
// on a model of N copies of one OCR'd page over an N-page image-only PDF, without OCR: `node --expose-gc --import tsx bench/archive-output-dev.ts [pages]`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { writePdf } from '../scripts/lib/pdf.js';
import { renderModel } from '../src/output/index.js';
import { writeFilesAtomic } from '../src/pipeline/atomic.js';
import { processDocument } from '../src/pipeline/document.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import { createStages } from '../src/pipeline/stages.js';
import type { PageText } from '../src/types.js';
import { heldoutParagraphs, scans, workDir } from './lib.js';

const pages = Number(process.argv[2] ?? 200);
const dir = path.join(workDir, 'archive-output-dev');
mkdirSync(dir, { recursive: true });
const [scan] = await scans('archive-memory-scan', heldoutParagraphs(20, 15).join('\n'), 'clean', 1);
const cached = path.join(dir, 'page.json');
if (!existsSync(cached)) {
  const options = resolveRunOptions({ formats: ['txt'], jobs: 2 });
  const stages = createStages(options, 1);
  writeFileSync(cached, JSON.stringify((await processDocument(scan!.file, stages, options)).pages[0]));
  await stages.close();
}
const input = path.join(dir, `long-${pages}.pdf`);
if (!existsSync(input)) {
  const jpeg = await sharp(scan!.file).greyscale().jpeg({ quality: 70 }).toBuffer();
  const { width, height } = await sharp(jpeg).metadata();
  writeFileSync(input, writePdf(Array.from({ length: pages }, () => ({ jpeg, width: width!, height: height!, dpi: 300 }))));
}
const page = JSON.parse(readFileSync(cached, 'utf8')) as PageText;
const model = { file: input, pages: Array.from({ length: pages }, (_, i) => ({ ...structuredClone(page), page: i + 1 })) };
const out = path.join(dir, 'out');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
(globalThis as { gc?: () => void }).gc?.();
const start = process.memoryUsage();
let peak = start.rss;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
const t0 = performance.now();
const files = [];
for (const format of ['pdf', 'alto', 'hocr'] as const) {
  const parts = (await renderModel(format, model))!;
  files.push({ file: path.join(out, `long.${format}`), data: parts.map((p) => (p instanceof Uint8Array ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p)) });
}
await writeFilesAtomic(files as never);
clearInterval(timer);
const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
console.log(`${pages} pages: RSS ${mb(start.rss)} at the start, peak ${mb(peak)} (+${mb(peak - start.rss)}), heap ${mb(start.heapUsed)} -> ${mb(process.memoryUsage().heapUsed)}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
