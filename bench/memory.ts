// Peak memory and time of one hostile-size input of each kind, each through its own `vnocr run` process (default
// formats, restoration on): the 1.5 GB target of issue 17. The inputs are made here, just under each limit.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { MAX_PIXELS } from '../src/ingest/image.js';
import { RENDER_DPI } from '../src/ingest/pdf.js';
import { MAX_TEXT_BYTES } from '../src/ingest/text.js';
import { foldDiacritics } from '../src/text/fold.js';
import type { BenchTable } from '../src/types.js';
import { projectRoot } from '../scripts/lib/corpus.js';
import { writePdf } from '../scripts/lib/pdf.js';
import { workDir } from './lib.js';

const TARGET_MB = 1536;
/** English-model OCR's commonest damage of Vietnamese letters (as in "Ké hoach s6 ciia Tinh iy"). */
const GARBLE: Record<string, string> = { ố: '6', ủ: 'ii', ư: 'u', ơ: 'o', ạ: 'a', ế: 'é', ờ: 'o', ệ: 'é', đ: 'd', Đ: 'D', ộ: 'Q', ả: 'a' };

/** Text repeated to just under the .txt limit. */
function fill(unit: string, join = '\n'): string {
  const copies = Math.floor((MAX_TEXT_BYTES - 1024) / (Buffer.byteLength(unit) + join.length));
  return Array.from({ length: copies }, () => unit).join(join);
}

async function makeInputs(dir: string): Promise<[string, string][]> {
  const reports = path.join(projectRoot, 'fixtures/reports/dev');
  const report = readdirSync(reports).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(reports, f), 'utf8')).join('\n\n');
  const texts: [string, string][] = [
    ['.txt 2 MB, reports (accented)', fill(report)],
    ['.txt 2 MB, reports unaccented', fill(foldDiacritics(report))],
    ['.txt 2 MB, English-model OCR garble', fill([...report].map((c) => GARBLE[c] ?? foldDiacritics(c)).join(''))],
    ['.txt 2 MB, one line', fill(report).replace(/\n+/g, ' ')],
    ['.txt 2 MB, one line, unaccented, no punctuation', fill(foldDiacritics(report).replace(/[^\p{L}\p{N}]+/gu, ' '), ' ')],
    ['.txt 2 MB, one word', 'a'.repeat(MAX_TEXT_BYTES - 1024)],
  ];
  const inputs: [string, string][] = [];
  texts.forEach(([kind, text], i) => {
    const file = path.join(dir, `text-${i}.txt`);
    writeFileSync(file, text);
    inputs.push([kind, file]);
  });
  // A page image just under the pixel limit: the test line drawn in rows down a white page.
  const side = Math.floor(Math.sqrt(MAX_PIXELS * 0.93));
  const line = await sharp(path.join(projectRoot, 'fixtures/pages/line.png')).greyscale().png().toBuffer();
  const { width: lineWidth = 2000, height: lineHeight = 100 } = await sharp(line).metadata();
  // A white square with the test line drawn over it in rows (a blank line between) and columns.
  const page = (size: number) => {
    const columns = Math.floor(size / lineWidth);
    const rows = Math.floor(size / (2 * lineHeight));
    return sharp({ create: { width: size, height: size, channels: 3, background: '#ffffff' } }).composite(
      Array.from({ length: rows * columns }, (_, i) => ({ input: line, top: Math.floor(i / columns) * 2 * lineHeight, left: (i % columns) * lineWidth })),
    );
  };
  const big = path.join(dir, 'page-140mpx.png');
  await page(side).greyscale().png({ compressionLevel: 1 }).toFile(big);
  inputs.push([`page image ${side}×${side} (${((side * side) / 1e6).toFixed(0)} Mpx), lines of text over it`, big]);
  // A PDF page that renders as large at 300 DPI: a square scan at a low DPI, so the page is a metre a side.
  const square = await page(lineWidth).greyscale().jpeg().toBuffer();
  const pdf = path.join(dir, 'pdf-page-140mpx.pdf');
  writeFileSync(pdf, writePdf([{ jpeg: square, width: lineWidth, height: lineWidth, dpi: (lineWidth * RENDER_DPI) / side }]));
  inputs.push([`PDF page rendering to ${side}×${side} at ${RENDER_DPI} DPI`, pdf]);
  return inputs;
}

export async function run(): Promise<BenchTable[]> {
  const dir = path.join(workDir, 'memory');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const rows: (string | number)[][] = [];
  for (const [kind, file] of await makeInputs(dir)) {
    const rss = path.join(dir, 'rss');
    rmSync(rss, { force: true });
    const t0 = Date.now();
    // MALLOC_ARENA_MAX set: vnocr runs in this one process instead of relaunching itself.
    const result = spawnSync(process.execPath, [path.join(projectRoot, 'bin/vnocr.js'), 'run', file, '-o', path.join(dir, 'out'), '--force', '-q'], {
      env: { ...process.env, MALLOC_ARENA_MAX: '2', VNOCR_MAX_RSS: rss, NODE_OPTIONS: `--import=${path.join(projectRoot, 'bench/max-rss.mjs')}` },
      encoding: 'utf8',
      timeout: 30 * 60_000,
    });
    const seconds = (Date.now() - t0) / 1000;
    let peak = Number.NaN;
    try {
      peak = Number(readFileSync(rss, 'utf8')) / 1024;
    } catch {
      // killed or crashed before its exit handler ran
    }
    const outcome = result.status === 0 ? 'done' : `exit ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').pop()}`;
    rows.push([kind, Math.round(peak), seconds, Number.isNaN(peak) ? '?' : peak <= TARGET_MB ? 'yes' : 'no', outcome]);
  }
  return [
    {
      title: 'Peak memory of one hostile-size input (each its own `vnocr run` process)',
      columns: ['input', 'peak RSS (MB)', 'time (s)', `≤ ${TARGET_MB / 1024} GB`, 'outcome'],
      rows,
      notes: ['Inputs made at run time, each just under its limit (2 MB of text, 150 megapixels); default formats (txt, json), restoration on.'],
    },
  ];
}
