// The numbers the parser is tuned on: dev reports (clean and through cached scans), the real-layout dev reports,
// and the seeds, every miss listed. `npx tsx bench/structure-dev.ts`
import { loadRestorer } from '../src/restore/index.js';
import { structureReport } from '../src/structure/index.js';
import { seedText } from '../scripts/lib/corpus.js';
import { breakdown, cellScore, digitalRuns, layoutRuns, realRuns, lazyEngine, reportCases, scannedText, score, SEED_FIELDS } from './structure.js';

const restorer = await loadRestorer();
const dev = reportCases('dev');
const print = (name: string, s: ReturnType<typeof score>) => console.log(`${name}: ${s.ok}/${s.total} = ${((100 * s.ok) / s.total).toFixed(2)}% (${breakdown(s)})\n${s.misses.map((m) => `  ${m}`).join('\n')}`);
const cells = (name: string, s: ReturnType<typeof cellScore>) => console.log(`${name}: ${s.ok}/${s.total} cells`);

print('dev clean', score(dev.map((c) => ({ name: c.name, report: structureReport(c.text), expected: c.expected }))));
print('seeds restored', score((['000', '001'] as const).map((id) => ({ name: id, report: structureReport(restorer.restore(seedText(id)).text), expected: SEED_FIELDS[id] }))));
const engine = lazyEngine();
const scanned = [];
for (const c of dev) scanned.push({ name: c.name, report: structureReport(restorer.restore(await scannedText(c.text, engine.get), { source: 'ocr' }).text), expected: c.expected });
const layout = await layoutRuns('layout-dev', restorer, engine.get);
const real = await realRuns('dev', restorer, engine.get);
const digital = await digitalRuns('dev', restorer, engine.get);
await engine.close();
print('dev scans → OCR → restore', score(scanned));
print('layout-dev laid-out text', score(layout.text));
print('layout-dev flattened', score(layout.flat));
print('layout-dev scans → OCR → restore', score(layout.scan));
print('real dev documents, transcribed text', score(real.text));
print('real dev documents, scans → OCR → restore', score(real.scan));
print('real dev decisions (fields only), scans → OCR → restore', score(real.fieldsOnly));
print('real born-digital dev documents, text layer', score(digital.layer));
print('real born-digital dev documents, rendered → OCR → restore', score(digital.scan));
cells('layout-dev tables, text', cellScore(layout.text));
cells('layout-dev tables, scans', cellScore(layout.scan));
