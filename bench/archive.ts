// Archive outputs (issue 15): ALTO validity, the searchable PDF's text and boxes, repaired English-engine text layers,
// and what writing pdf, alto and hocr adds to a run. Pages are held-out text rendered as scans (scripts/lib/render.ts).
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { validateXML } from 'xmllint-wasm';
import { evaluate } from '../src/eval/index.js';
import { openPdf } from '../src/ingest/pdf.js';
import { createOcrEngine, extractPages } from '../src/ocr/index.js';
import { renderAlto, renderHocr, renderPdf } from '../src/output/index.js';
import { processDocument } from '../src/pipeline/document.js';
import { resolveRunOptions } from '../src/pipeline/options.js';
import { createStages } from '../src/pipeline/stages.js';
import type { BenchTable, DocumentModel } from '../src/types.js';
import { projectRoot } from '../scripts/lib/corpus.js';
import { heldoutParagraphs, oldStyle, pct, scans, workDir } from './lib.js';

const exec = promisify(execFile);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function altoValid(xml: string): Promise<boolean> {
  const schemas = path.join(projectRoot, 'test/schemas');
  const result = await validateXML({
    xml: [{ fileName: 'bench.alto.xml', contents: xml }],
    schema: [readFileSync(path.join(schemas, 'alto-4-4.xsd'), 'utf8')],
    preload: [{ fileName: 'xlink.xsd', contents: readFileSync(path.join(schemas, 'xlink.xsd'), 'utf8') }],
  });
  return result.valid;
}

/** pdf.js's text of each page, and the left edges (points) of its runs of text. */
async function pdfText(file: string): Promise<{ pages: string[]; lefts: { str: string; x: number }[][]; widths: number[] }> {
  const doc = await openPdf(file);
  try {
    const pages: string[] = [];
    const lefts: { str: string; x: number }[][] = [];
    const widths: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      widths.push(page.getViewport({ scale: 1 }).width);
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i);
      pages.push(items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''));
      lefts.push(items.filter((i) => i.str.trim()).map((i) => ({ str: i.str.trim(), x: i.transform[4] })));
    }
    return { pages, lefts, widths };
  } finally {
    await doc.destroy();
  }
}

/** `pdftotext` and `qpdf --check` where poppler and qpdf are installed; undefined where they are not. */
async function tool(cmd: string, args: string[]): Promise<{ ok: boolean; out: string } | undefined> {
  try {
    const { stdout } = await exec(cmd, args, { maxBuffer: 1 << 26 });
    return { ok: true, out: stdout };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string };
    return e.code === 'ENOENT' ? undefined : { ok: false, out: e.stdout ?? '' };
  }
}

const time = async <T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> => {
  const t0 = performance.now();
  const result = await fn();
  return { result, seconds: (performance.now() - t0) / 1000 };
};

export async function run({ quick, split = 'test' }: { quick: boolean; split?: 'test' | 'dev' }): Promise<BenchTable[]> {
  const dir = path.join(workDir, `archive${split === 'dev' ? '-dev' : ''}`);
  mkdirSync(dir, { recursive: true });
  const text = heldoutParagraphs(quick ? 8 : 20, 15, split).join('\n');
  const perPreset = quick ? 1 : 2;
  const pages = [...(await scans(path.basename(dir), text, 'clean', perPreset)), ...(await scans(path.basename(dir), text, 'office', perPreset))];
  const options = resolveRunOptions({ formats: ['txt', 'json'], jobs: 2 });
  const stages = createStages(options, 1);
  const english = createOcrEngine({ jobs: 2, lang: 'eng' });
  const rows: (string | number)[][] = [];
  const repairRows: (string | number)[][] = [];
  let runSeconds = 0;
  let writeSeconds = 0;
  const within2px: number[] = [];
  let altoDocs = 0;
  let altoOk = 0;
  let firstWrite = 0;
  try {
    // The first PDF of a process loads pdf-lib, fontkit and the font: paid once per run, timed apart.
    const warm = await processDocument(pages[0]!.file, stages, options);
    firstWrite = (await time(() => renderPdf({ file: pages[0]!.file, pages: warm.pages }))).seconds;
    for (const page of pages) {
      const name = path.basename(page.file).replace(/\.\w+$/, '');
      // 1. The scan itself: vnocr run, then its pdf, alto and hocr from the same model.
      const { result: doc, seconds } = await time(() => processDocument(page.file, stages, options));
      runSeconds += seconds;
      const model: DocumentModel = { file: page.file, pages: doc.pages };
      const written = await time(async () => ({ pdf: Buffer.concat((await renderPdf(model))!), alto: renderAlto(model), hocr: renderHocr(model) }));
      writeSeconds += written.seconds;
      const { pdf, alto } = written.result;
      const pdfFile = path.join(dir, `${name}.out.pdf`);
      writeFileSync(pdfFile, pdf);
      altoDocs++;
      if (await altoValid(alto)) altoOk++;
      const restored = squash(doc.pages.flatMap((p) => p.words.map((w) => w.restored ?? w.text)).join(' '));
      const extracted = await pdfText(pdfFile);
      const poppler = await tool('pdftotext', ['-enc', 'UTF-8', pdfFile, '-']);
      const qpdf = await tool('qpdf', ['--check', pdfFile]);
      const txt = doc.outputs.txt as string;
      const txtWords = new Set(squash(txt).split(' '));
      const shared = restored.split(' ').filter((w) => txtWords.has(w)).length / Math.max(restored.split(' ').length, 1);
      // Word boxes: where pdf.js finds each line's first word against its OCR box, in the pixels OCR read (the
      // rendered scans are 300 DPI). pdf.js joins a line's words into one run, so only run starts are placed.
      const p = doc.pages[0]!;
      const words = p.words.filter((w) => (w.restored ?? w.text).trim());
      const toPixels = (p.width ?? 0) / extracted.widths[0]!;
      let cursor = 0;
      for (const item of extracted.lefts[0] ?? []) {
        const first = item.str.split(/\s+/)[0];
        const at = words.findIndex((w, i) => i >= cursor && (w.restored ?? w.text).trim() === first);
        if (at < 0) continue;
        within2px.push(Math.abs(item.x * toPixels - words[at]!.box.x0));
        cursor = at + item.str.split(/\s+/).length;
      }
      rows.push([
        name,
        squash(extracted.pages.join('\n')) === restored ? 'yes' : 'no',
        poppler === undefined ? 'n/a' : squash(poppler.out) === restored ? 'yes' : 'no',
        pct(shared),
        qpdf === undefined ? 'n/a' : qpdf.ok ? 'no error' : 'errors',
      ]);

      // 2. The same scan as an English-engine searchable PDF (its layer the English model's OCR at its boxes), repaired.
      const garbledFile = path.join(dir, `${name}.eng.pdf`);
      const [engPage] = await extractPages(page.file, async () => english, { textLayer: 'never', preprocess: true });
      writeFileSync(garbledFile, Buffer.concat((await renderPdf({ file: page.file, pages: [engPage!] }))!));
      const repaired = await processDocument(garbledFile, stages, options);
      const repairedFile = path.join(dir, `${name}.repaired.pdf`);
      writeFileSync(repairedFile, Buffer.concat((await renderPdf({ file: garbledFile, pages: repaired.pages }))!));
      const repairedAlto = renderAlto({ file: garbledFile, pages: repaired.pages });
      altoDocs++;
      if (await altoValid(repairedAlto)) altoOk++;
      const truth = oldStyle(page.truth);
      const before = evaluate(truth, (await pdfText(garbledFile)).pages.join('\n'));
      const after = evaluate(truth, (await pdfText(repairedFile)).pages.join('\n'));
      repairRows.push([name, repaired.pages[0]!.source, pct(before.syllableAccuracy), pct(after.syllableAccuracy), pct(before.cer), pct(after.cer)]);
    }
  } finally {
    await english.terminate();
    await stages.close();
  }
  const sorted = [...within2px].sort((a, b) => a - b);
  return [
    {
      title: 'Searchable PDF and ALTO from the model (issue 15)',
      columns: ['page', 'pdf.js text = restored words', 'pdftotext = restored words', 'restored words found in the .txt', 'qpdf --check'],
      rows,
      notes: [
        `ALTO valid against the 4.4 schema: ${altoOk} of ${altoDocs} documents (every scan and every repaired PDF)`,
        `word boxes in the PDF layer against the OCR boxes (left edge of each run pdf.js reads, px at 300 DPI): median ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(2)}, within 2 px ${pct(sorted.filter((d) => d <= 2).length / Math.max(sorted.length, 1))} of ${sorted.length} words`,
        `writing pdf + alto + hocr: ${writeSeconds.toFixed(2)} s against ${runSeconds.toFixed(1)} s of OCR, restoration and txt+json for ${pages.length} pages (${pct(writeSeconds / runSeconds)} added), plus ${firstWrite.toFixed(2)} s once per run for the first PDF (loading pdf-lib, fontkit, the font); target <= 10%; shared 2-core machine, noisy`,
        'the .txt is the structured report (header fields reordered, "Số" prefixed), so it is compared as a bag of words; the PDF text is compared with the restored words exactly, up to whitespace',
      ],
    },
    {
      title: 'Repaired text layers: English-engine searchable PDFs of held-out text (issue 15)',
      columns: ['page', 'text taken from', 'layer word accuracy before', 'after', 'CER before', 'after'],
      rows: repairRows,
      notes: ['before: the English model\'s OCR as the PDF\'s invisible layer; after: `vnocr run --formats pdf` of that PDF (--text-layer auto: the repaired layer or a fresh OCR, whichever the language model finds likelier); target >= 90% after'],
    },
  ];
}
