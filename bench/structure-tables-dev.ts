// The layout-dev reports' tables through scans of other qualities than the office one structure-dev.ts reads
// (clean, poor, and office with another seed and skew the other way): cells right, and every row with a miss.
// Dev reports only. `npx tsx bench/structure-tables-dev.ts` (OCR cached under bench/work/structure-tables/)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { extractPages } from '../src/ocr/index.js';
import { loadRestorer } from '../src/restore/index.js';
import type { OcrWord } from '../src/types.js';
import { PRESETS, renderLayoutPages } from '../scripts/lib/render.js';
import { workDir } from './lib.js';
import { cellScore, lazyEngine, reportCases, structureAsRun } from './structure.js';

const QUALITIES = { clean: PRESETS.clean, poor: PRESETS.poor, 'office, seed 7': { ...PRESETS.office, seed: 7, rotationDeg: -1 } };

const restorer = await loadRestorer();
const engine = lazyEngine();
const dir = path.join(workDir, 'structure-tables');
mkdirSync(dir, { recursive: true });
const withTables = reportCases('layout-dev').filter((c) => ((c.expected._tables ?? []) as unknown[]).length);
for (const [quality, options] of Object.entries(QUALITIES)) {
  const scored = [];
  for (const c of withTables) {
    const key = `${createHash('sha1').update(`layout\n${c.text}`).digest('hex').slice(0, 16)}.${quality.replace(/\W+/g, '-')}`;
    const cache = path.join(dir, `${key}.json`);
    let ocr: { text: string; words: OcrWord[] };
    if (existsSync(cache)) ocr = JSON.parse(readFileSync(cache, 'utf8'));
    else {
      const texts: string[] = [];
      const words: OcrWord[] = [];
      for (const [i, p] of (await renderLayoutPages(c.text, { ...options, fontSizePt: 12 })).slice(0, 3).entries()) {
        const file = path.join(dir, `${key}.${i + 1}.${options.jpegQuality ? 'jpg' : 'png'}`);
        writeFileSync(file, p.image);
        const page = (await extractPages(file, async () => engine.get(), { textLayer: 'never', preprocess: true }))[0]!;
        texts.push(page.text);
        words.push(...page.words.map((w) => ({ ...w, page: i + 1 })));
      }
      ocr = { text: texts.join('\n'), words };
      writeFileSync(cache, JSON.stringify(ocr));
    }
    const report = structureAsRun(restorer, restorer.restore(ocr.text, { source: 'ocr' }).text, ocr.words);
    scored.push({ report, expected: c.expected });
    (c.expected._tables as string[][][]).forEach((table, t) =>
      table.forEach((row, r) => {
        const got = report.tables[t]?.rows[r];
        if (row.some((cell, k) => (got?.[k] ?? '').trim().toLowerCase() !== cell.toLowerCase())) console.log(`  ${c.name}: ${JSON.stringify(got)}, expected ${JSON.stringify(row)}`);
      }),
    );
  }
  const s = cellScore(scored);
  console.log(`layout-dev tables, ${quality} scans: ${s.ok}/${s.total} cells`);
}
await engine.close();
