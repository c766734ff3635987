import { readFileSync } from 'node:fs';
import { loadRestorer } from '../src/restore/index.js';
const r = await loadRestorer();
const o = JSON.parse(readFileSync(`bench/work/structure-ocr/${process.argv[2]}`, 'utf8'));
console.log(r.restore(o.text, { source: 'ocr' }).text);
