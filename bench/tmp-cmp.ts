import { readFileSync, existsSync } from 'node:fs';
import { loadRestorer } from '../src/restore/index.js';
import { structureReport } from '../src/structure/index.js';
import { layoutFromWords } from '../src/structure/layout.js';
import { realCases, score } from './structure.js';
const r = await loadRestorer();
const cases = realCases('dev');
const withW = [], without = [];
for (const c of cases) {
  const f = `bench/work/structure-ocr/real-${c.doc}-p${c.pages.join(',')}.json`;
  if (!existsSync(f)) continue;
  const o = JSON.parse(readFileSync(f, 'utf8'));
  const t = r.restore(o.text, { source: 'ocr' }).text;
  if (process.argv[2] === c.doc) console.log(layoutFromWords(t, o.words));
  withW.push({ name: c.doc, report: structureReport(t, { words: o.words }), expected: c.expected });
  without.push({ name: c.doc, report: structureReport(t), expected: c.expected });
}
const a = score(withW), b = score(without);
console.log('with words', a.ok, a.total, 'without', b.ok, b.total);
if (process.argv[3]) console.log((process.argv[3] === "w" ? a : b).misses.join('\n'));
