// Shared pieces of the benchmark sections: held-out text, synthetic scans, the native tesseract peer.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pLimit from 'p-limit';
import { applyToneStyle } from '../src/text/syllable.js';
import { tokenize } from '../src/text/tokenize.js';
import { corpusSplit, projectRoot } from '../scripts/lib/corpus.js';
import { PRESETS, renderLayoutPages, renderPages, type PresetName, type RenderOptions } from '../scripts/lib/render.js';

const run = promisify(execFile);
export const workDir = path.join(projectRoot, 'bench/work');

/** Paragraphs of the held-out test split (never used to build or tune a model), or of the dev split for tuning. */
export function heldoutParagraphs(count: number, minWords = 12, split: 'test' | 'dev' = 'test'): string[] {
  return corpusSplit(split)
    .filter((p) => p.split(/\s+/).length >= minWords && !/[|…]{3,}|\.{5,}/.test(p))
    .filter((_, i) => i % 7 === 0)
    .slice(0, count);
}

export interface ScanPage {
  file: string;
  truth: string;
  preset: PresetName;
}

/**
 * Renders text into page images under bench/work/<name>/ and returns them with their truth; `layout`: see
 * renderLayoutPages; `options`: the preset varied (another seed or skew).
 */
export async function scans(name: string, text: string, preset: PresetName, maxPages: number, layout = false, options: RenderOptions = PRESETS[preset]): Promise<ScanPage[]> {
  const dir = path.join(workDir, name);
  mkdirSync(dir, { recursive: true });
  // A laid-out text (columns placed with spaces) is drawn as the page it stands for, at the 12 pt of real reports.
  const pages = (await (layout ? renderLayoutPages(text, { ...options, fontSizePt: 12 }) : renderPages(text, options))).slice(0, maxPages);
  return pages.map((p, i) => {
    const file = path.join(dir, `${preset}-${i + 1}.${options.jpegQuality ? 'jpg' : 'png'}`);
    writeFileSync(file, p.image);
    return { file, truth: p.lines.join('\n'), preset };
  });
}

const cli = path.join(projectRoot, 'bin/vnocr.js');

/** RSS of a process and all its descendants (`vnocr run` does its work in a child process), in bytes. */
function treeRss(pid: number): number {
  try {
    const own = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    return children.reduce((sum, c) => sum + treeRss(c), own);
  } catch {
    return 0; // The process has just ended.
  }
}

/**
 * Runs the CLI as its own process: seconds, peak RSS of its process tree (sampled from /proc every 100 ms), and the peak in each
 * quarter of the run's time, which shows whether memory keeps growing with the pages read.
 */
export function timeCli(
  args: string[],
  onFirstOutput?: (seconds: number) => void,
): Promise<{ seconds: number; peakRss: number; peakRssByQuarter: number[]; code: number | null }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    const samples: { at: number; rss: number }[] = [];
    let first = true;
    const timer = setInterval(() => {
      const rss = treeRss(child.pid!);
      if (rss > 0) samples.push({ at: performance.now() - t0, rss });
    }, 100);
    child.stdout.on('data', () => {
      if (first) onFirstOutput?.((performance.now() - t0) / 1000);
      first = false;
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const elapsed = performance.now() - t0;
      const peak = (from: number, to: number) => Math.max(0, ...samples.filter((s) => s.at >= from && s.at < to).map((s) => s.rss));
      const peakRssByQuarter = [0, 1, 2, 3].map((q) => peak((elapsed * q) / 4, q === 3 ? Infinity : (elapsed * (q + 1)) / 4));
      resolve({ seconds: elapsed / 1000, peakRss: peak(0, Infinity), peakRssByQuarter, code });
    });
  });
}

export async function hasNativeTesseract(): Promise<boolean> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs']);
    return /^vie$/m.test(stdout);
  } catch {
    return false;
  }
}

/**
 * Native `tesseract -l vie` over the pages, `jobs` at a time, one thread each; with `tessdataDir`, reading
 * the traineddata found there instead of the one installed with tesseract.
 */
export async function nativeTesseract(files: string[], jobs: number, tessdataDir?: string): Promise<{ texts: string[]; seconds: number }> {
  const limit = pLimit(jobs);
  const model = tessdataDir ? ['--tessdata-dir', tessdataDir] : [];
  const t0 = performance.now();
  const texts = await Promise.all(
    files.map((f) => limit(async () => (await run('tesseract', [f, 'stdout', '-l', 'vie', ...model], { env: { ...process.env, OMP_THREAD_LIMIT: '1' } })).stdout)),
  );
  return { texts, seconds: (performance.now() - t0) / 1000 };
}

/** Text in the old tone style (hòa, thủy), the restorer's default, so a truth in the new style (hoà) still counts. */
export const oldStyle = (text: string) => tokenize(text).map((t) => (t.kind === 'word' ? applyToneStyle(t.text, 'old') : t.text)).join('');

export const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** Samples this process's RSS while fn runs (OCR workers are threads of this process). */
export async function peakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const result = await fn();
    return { result, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}
