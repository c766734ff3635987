// The layout-dev reports' tables through scans of other qualities than the office one structure-dev.ts reads
// (clean, poor, and office with another seed and skew the other way): cells right, and every row with a miss.
// Dev reports only. `npx tsx bench/structure-tables-dev.ts` (OCR cached under bench/work/structure-ocr/)
import { loadRestorer } from '../src/restore/index.js';
import { PRESETS } from '../scripts/lib/render.js';
import { cellScore, lazyEngine, reportCases, scannedLayout, readAsRun, type ScanQuality } from './structure.js';

const QUALITIES: ScanQuality[] = [
  { name: 'clean', preset: 'clean', options: PRESETS.clean },
  { name: 'poor', preset: 'poor', options: PRESETS.poor },
  { name: 'office, seed 7', preset: 'office', options: { ...PRESETS.office, seed: 7, rotationDeg: -1 } },
];

const restorer = await loadRestorer();
const engine = lazyEngine();
const withTables = reportCases('layout-dev').filter((c) => ((c.expected._tables ?? []) as unknown[]).length);
for (const quality of QUALITIES) {
  const scored = [];
  for (const c of withTables) {
    const ocr = await scannedLayout(c.text, engine.get, quality);
    const report = readAsRun(restorer, ocr);
    scored.push({ report, expected: c.expected });
    (c.expected._tables as string[][][]).forEach((table, t) =>
      table.forEach((row, r) => {
        const got = report.tables[t]?.rows[r];
        if (row.some((cell, k) => (got?.[k] ?? '').trim().toLowerCase() !== cell.toLowerCase())) console.log(`  ${c.name}: ${JSON.stringify(got)}, expected ${JSON.stringify(row)}`);
      }),
    );
  }
  const s = cellScore(scored);
  console.log(`layout-dev tables, ${quality.name} scans: ${s.ok}/${s.total} cells`);
}
await engine.close();
