// Memory of a long image-only PDF through `vnocr run`, with the archive formats and without them, in the same run:
// the searchable PDF, ALTO and hOCR are written at the end, so their cost shows as a last quarter above the others.
// Used by the archive section; as a dev probe on fewer pages: `npx tsx bench/archive-memory.ts [pages] [--parallel]`.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { writePdf } from '../scripts/lib/pdf.js';
import { heldoutParagraphs, mb, scans, timeCli, workDir } from './lib.js';

export const WITH_FORMATS = 'txt,json,pdf,alto,hocr';
export const WITHOUT_FORMATS = 'txt,json';

export interface LongRun {
  formats: string;
  seconds: number;
  peakRss: number;
  peakRssByQuarter: number[];
  code: number | null;
  outputBytes: number;
}

/**
 * A `pageCount`-page PDF of one scan through `vnocr run --jobs 2`, once with the archive formats and once without
 * (one after the other, or at once with `parallel`: each process's memory is its own, only their time is shared).
 */
export async function longPdfMemory(scan: string, pageCount: number, parallel = false): Promise<{ pages: number; inputBytes: number; runs: LongRun[] }> {
  const dir = path.join(workDir, 'archive-memory');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const page = await sharp(scan).greyscale().jpeg({ quality: 70 }).toBuffer();
  const meta = await sharp(page).metadata();
  const input = path.join(dir, 'long.pdf');
  writeFileSync(input, writePdf(Array.from({ length: pageCount }, () => ({ jpeg: page, width: meta.width!, height: meta.height!, dpi: 300 }))));
  const once = async (formats: string, out: string): Promise<LongRun> => {
    const result = await timeCli(['run', input, '-o', path.join(dir, out), '--jobs', '2', '--formats', formats, '--quiet']);
    const outputBytes = formats.split(',').reduce((sum, f) => sum + statSync(path.join(dir, out, `long.${f === 'alto' ? 'alto.xml' : f}`), { throwIfNoEntry: false })!.size, 0);
    return { formats, ...result, outputBytes };
  };
  const runs = parallel
    ? await Promise.all([once(WITHOUT_FORMATS, 'without'), once(WITH_FORMATS, 'with')])
    : [await once(WITHOUT_FORMATS, 'without'), await once(WITH_FORMATS, 'with')];
  const inputBytes = readFileSync(input).length;
  rmSync(dir, { recursive: true, force: true });
  return { pages: pageCount, inputBytes, runs };
}

export function describeRun(r: LongRun): string {
  return `\`--formats ${r.formats}\`: ${(r.seconds / 60).toFixed(1)} min, peak ${mb(r.peakRss)}, by quarter ${r.peakRssByQuarter.map(mb).join(', ')} (exit ${r.code}, outputs ${mb(r.outputBytes)})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pages = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 60);
  const [scan] = await scans('archive-memory-scan', heldoutParagraphs(20, 15).join('\n'), 'clean', 1);
  const result = await longPdfMemory(scan!.file, pages, process.argv.includes('--parallel'));
  console.log(`${result.pages} pages, input ${mb(result.inputBytes)}`);
  for (const r of result.runs) console.log(describeRun(r));
}
