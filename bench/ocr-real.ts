// OCR on real scans that the project did not make: pages transcribed by hand (fixtures/real/<split>/<doc>.p<N>.txt),
// read from ../shared/real-scans/scans/<doc>.pdf at bench time only. vnocr as `vnocr run` reads them, the same
// without preprocessing, and native `tesseract -l vie` on the page rendered at its scan's own resolution.
// The dev split is for tuning (per page); the test split is reported only in aggregate.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { evaluate } from '../src/eval/index.js';
import { extractPages } from '../src/ocr/index.js';
import { createOcrEngine, pagesInFlight, type OcrEngine } from '../src/ocr/engine.js';
import { loadRestorer, type Restorer } from '../src/restore/index.js';
import type { BenchTable } from '../src/types.js';
import { projectRoot, sharedDir } from '../scripts/lib/corpus.js';
import { hasNativeTesseract, oldStyle, pct, workDir } from './lib.js';

const exec = promisify(execFile);
const JOBS = 2;
export const scansDir = path.join(sharedDir, 'real-scans/scans');

export type RealSplit = 'dev' | 'test';

export interface RealPage {
  doc: string;
  page: number;
  truth: string;
  pdf: string;
}

/** The transcribed pages of a split whose scan is in ../shared. */
export function realPages(split: RealSplit): RealPage[] {
  const dir = path.join(projectRoot, 'fixtures/real', split);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^(.+)\.p(\d+)\.txt$/.exec(f))
    .filter((m) => m !== null)
    .map((m) => ({ doc: m[1]!, page: Number(m[2]), truth: readFileSync(path.join(dir, m[0]), 'utf8'), pdf: path.join(scansDir, `${m[1]}.pdf`) }))
    .filter((p) => existsSync(p.pdf))
    .sort((a, b) => a.doc.localeCompare(b.doc) || a.page - b.page);
}

export interface ScanImage {
  /** Pixels per inch of the page's scan (its largest image). */
  ppi: number;
  kind: string;
}

/** The page's largest image, as poppler's pdfimages lists it: its resolution and what kind of scan it is. */
export async function scanImage(p: RealPage): Promise<ScanImage> {
  const { stdout } = await exec('pdfimages', ['-list', '-f', String(p.page), '-l', String(p.page), p.pdf]);
  const rows = stdout
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c.length >= 14);
  const largest = rows.sort((a, b) => Number(b[3]) * Number(b[4]) - Number(a[3]) * Number(a[4]))[0]!;
  const ppi = Number(largest[12]);
  const kind = p.doc.startsWith('H14.1999') ? 'aged (1999)' : largest[8] === 'ccitt' ? '1-bit CCITT' : ppi < 200 ? '100-150 ppi colour' : 'colour 300 ppi, seals';
  return { ppi, kind };
}

/** Native tesseract on the page rendered (poppler) at its scan's own resolution. */
export async function nativeReading(p: RealPage, ppi: number): Promise<string> {
  const dir = path.join(workDir, 'real');
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${p.doc}.p${p.page}`);
  await exec('pdftoppm', ['-r', String(ppi), '-f', String(p.page), '-l', String(p.page), '-singlefile', '-png', p.pdf, base]);
  const { stdout } = await exec('tesseract', [`${base}.png`, 'stdout', '-l', 'vie'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 });
  return stdout;
}

export interface VnocrReading {
  text: string;
  confidences: number[];
}

/** vnocr reading the page out of the PDF, as `vnocr run` reads it (text layer ignored: these are scans). */
export async function vnocrReading(p: RealPage, engine: OcrEngine, preprocess: boolean): Promise<VnocrReading> {
  const [page] = await extractPages(p.pdf, async () => engine, { textLayer: 'never', preprocess, pages: [p.page] });
  return { text: page!.text, confidences: page!.words.map((w) => w.confidence) };
}

export const restored = (restorer: Restorer, r: VnocrReading) => restorer.restore(r.text, { source: 'ocr', confidences: r.confidences, textOnly: true }).text;

export interface PageScores {
  page: RealPage;
  kind: string;
  chars: number;
  /** Edits (CER x truth characters) of each reading. */
  edits: Record<Reader, number>;
  confidence: number;
}

export const READERS = ['run', 'ocr', 'bare', 'native', 'nativeRestored'] as const;
export type Reader = (typeof READERS)[number];

/** Reads every page each way and scores it; restored text is scored in the restorer's tone style (old), as elsewhere. */
export async function scorePages(pages: RealPage[], native: boolean, onPage?: (s: PageScores) => void): Promise<PageScores[]> {
  const restorer = await loadRestorer();
  const engine = createOcrEngine({ jobs: JOBS });
  const limit = pLimit(pagesInFlight(JOBS));
  try {
    return await Promise.all(
      pages.map((p) =>
        limit(async () => {
          const { ppi, kind } = await scanImage(p);
          const mine = await vnocrReading(p, engine, true);
          const bare = await vnocrReading(p, engine, false);
          const stock = native ? await nativeReading(p, ppi) : '';
          const old = oldStyle(p.truth);
          const edits = (truth: string, text: string) => {
            const s = evaluate(truth, text);
            return s.cer * s.truthChars;
          };
          const scores: PageScores = {
            page: p,
            kind,
            chars: evaluate(p.truth, p.truth).truthChars,
            edits: {
              run: edits(old, restored(restorer, mine)),
              ocr: edits(p.truth, mine.text),
              bare: edits(old, restored(restorer, bare)),
              native: native ? edits(p.truth, stock) : NaN,
              nativeRestored: native ? edits(old, restored(restorer, { text: stock, confidences: [] })) : NaN,
            },
            confidence: mine.confidences.length ? mine.confidences.reduce((a, b) => a + b, 0) / mine.confidences.length : 0,
          };
          onPage?.(scores);
          return scores;
        }),
      ),
    );
  } finally {
    await engine.terminate();
  }
}

const cer = (scores: PageScores[], reader: Reader) => scores.reduce((s, p) => s + p.edits[reader], 0) / Math.max(1, scores.reduce((s, p) => s + p.chars, 0));

const row = (label: string, scores: PageScores[]) => {
  const native = cer(scores, 'native');
  const vnocr = cer(scores, "run");
  return [label, scores.length, pct(vnocr), pct(cer(scores, 'ocr')), pct(cer(scores, 'bare')), Number.isNaN(native) ? 'not installed' : pct(native), Number.isNaN(native) ? '-' : pct(cer(scores, 'nativeRestored')), Number.isNaN(native) ? '-' : (vnocr / native).toFixed(2)];
};

const COLUMNS = ['kind of scan', 'pages', 'CER, vnocr run', 'CER, vnocr OCR before restoration', 'CER, --no-preprocess (restored)', 'CER, tesseract -l vie', 'CER, tesseract -l vie + vnocr restore', 'vnocr run / tesseract'];

/** One row per kind of scan and one for all pages. */
export function kindRows(scores: PageScores[]): (string | number)[][] {
  const kinds = [...new Set(scores.map((s) => s.kind))].sort();
  return [...kinds.map((k) => row(k, scores.filter((s) => s.kind === k))), row('all', scores)];
}

export async function run({ split }: { quick: boolean; split?: 'test' | 'dev' }): Promise<BenchTable[]> {
  if (!existsSync(scansDir)) return [{ title: 'OCR on real scans (issue 13)', columns: ['note'], rows: [[`${scansDir} not found`]] }];
  const native = await hasNativeTesseract();
  // The default (reporting) run measures both splits; --split dev only the tuning split.
  const splits: RealSplit[] = split === 'dev' ? ['dev'] : ['dev', 'test'];
  const tables: BenchTable[] = [];
  for (const s of splits) {
    const pages = realPages(s);
    const scores = await scorePages(pages, native);
    const docs = new Set(pages.map((p) => p.doc)).size;
    tables.push({
      title: `OCR on real scans, ${s} split (${pages.length} pages of ${docs} documents; issue 13)`,
      columns: COLUMNS,
      rows: kindRows(scores),
      notes: [
        'CER over the pages of each kind (edits over truth characters); truth transcribed by hand from ../shared/real-scans (fixtures/real); seals, signatures and signature boxes are not in the truth, so every reader pays for what it reads of them',
        '"vnocr run": OCR and restoration as `vnocr run` does them; restored text is scored against the truth in the restorer\'s tone style (old: hóa, ủy), raw OCR against the truth as printed',
        'tesseract -l vie: the native binary (Debian, tessdata_fast) on the page rendered by pdftoppm at its scan\'s own resolution; "+ vnocr restore": its text restored as vnocr restores OCR',
        ...(s === 'test' ? ['test split: documents never looked at while tuning; aggregates only', 'target: vnocr run at most 0.75x tesseract\'s CER'] : []),
      ],
    });
    if (s === 'dev') {
      tables.push({
        title: 'OCR on real scans, dev split, per page (for tuning)',
        columns: ['page', 'kind of scan', 'characters', 'vnocr run', 'vnocr OCR', '--no-preprocess', 'tesseract', 'vnocr mean word confidence'],
        rows: scores.map((p) => [
          `${p.page.doc} p${p.page.page}`,
          p.kind,
          p.chars,
          pct(p.edits.run / p.chars),
          pct(p.edits.ocr / p.chars),
          pct(p.edits.bare / p.chars),
          Number.isNaN(p.edits.native) ? '-' : pct(p.edits.native / p.chars),
          p.confidence.toFixed(1),
        ]),
      });
    }
  }
  return tables;
}
