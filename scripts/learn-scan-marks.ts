// Learns how often OCR of real scans misreads one mark of a letter (loses the tone of "ổ", reads its hook as an
// acute), which the channel learned from rendered pages hardly sees: a real page's small print and 1-bit noise
// lose the tone set above a circumflex, breve or horn far more often than any other. Counted on the real dev
// documents only (fixtures/real/dev against their scans → OCR, as the bench reads them), by kind of tone and
// whether the vowel carries a second mark; writes dictionaries/channel-vie-scans.json, which overlays the learned
// table for pages vnocr OCRs. Usage: npx tsx scripts/learn-scan-marks.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { lazyEngine, realCases, scannedReal } from '../bench/structure.js';
import { alignWords } from '../src/eval/index.js';
import { loadRestorer } from '../src/restore/index.js';
import { foldKey } from '../src/text/fold.js';
import { projectRoot } from './lib/corpus.js';

const TONES: Record<string, string> = { '\u0300': 'grave', '\u0301': 'acute', '\u0303': 'tilde', '\u0309': 'hook', '\u0323': 'dot' };
const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
const SHAPES = /[\u0302\u0306\u031b]/;
/**
 * A kind of misreading counts when seen this often and at least this share of the time (three times the channel's
 * floor for a reading never seen, 0.1%); rarer ones stay unseen. At 1% "cung cập" (an acute over a hat read as a
 * dot, 7 of 748 on dev) and "thành phó" (a hat lost under a tone, 11 of 2,558) stayed as read; at 0.3% they are
 * mended on the real dev pages, with no right word broken more.
 */
const MIN_SEEN = 5;
const MIN_RATE = 0.003;

const letters = (w: string) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').toLowerCase();
const withTone = (c: string, mark: string) => (c.normalize('NFD').replace(TONE_MARK, '') + mark).normalize('NFC');
const withoutShape = (c: string) => c.normalize('NFD').replace(SHAPES, '').normalize('NFC');
/** Every toned or hatted vowel letter, so a kind of misreading applies to all its letters, seen on dev or not. */
const VOWELS = [...'aăâeêioôơuưy'].flatMap((v) => [v, ...Object.keys(TONES).map((t) => withTone(v, t))]);

/**
 * The kinds of one-mark misreading a toned or hatted letter can suffer, each with the letter it leaves: its tone
 * lost or read as another, its hat lost. A kind is named by the tone and whether the letter has a second mark.
 */
function misreadings(c: string): [kind: string, left: string][] {
  const marks = c.normalize('NFD');
  const stacked = SHAPES.test(marks);
  const mark = [...marks].find((m) => TONES[m]);
  if (!mark) return stacked ? [['hat lost', withoutShape(c)]] : [];
  const tone = `${TONES[mark]}${stacked ? ' over a second mark' : ''}`;
  const out: [string, string][] = [[`${tone} lost`, withTone(c, '')]];
  for (const other of Object.keys(TONES)) if (other !== mark) out.push([`${tone} read as ${TONES[other]}`, withTone(c, other)]);
  if (stacked) out.push(['hat lost under a tone', withoutShape(c)]);
  return out;
}

const seen = new Map<string, number>();
const misread = new Map<string, number>();
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

const engine = lazyEngine();
const restorer = await loadRestorer();
for (const c of realCases('dev')) {
  if (c.text === null) continue;
  const ocr = await scannedReal(c.doc, c.pages, engine.get, restorer);
  if (!ocr) throw new Error(`${c.doc}: scan not found under ../shared/real-scans/scans`);
  const truth = c.text.normalize('NFC').split(/\s+/).map(letters);
  const read = ocr.text.normalize('NFC').split(/\s+/).map(letters);
  for (const [t, o] of alignWords(truth, read)) {
    // Only words whose letters OCR got right: a mark misread is then the only difference.
    if (!t || !o || foldKey(t) !== foldKey(o) || t.length !== o.length) continue;
    const a = [...t];
    const b = [...o];
    a.forEach((ch, i) => {
      for (const [kind, left] of misreadings(ch)) {
        bump(seen, kind);
        if (b[i] === left) bump(misread, kind);
      }
    });
  }
}
await engine.close();

const chars: Record<string, [string, number][]> = {};
const report: string[] = [];
for (const [kind, total] of [...seen].sort()) {
  const n = misread.get(kind) ?? 0;
  const rate = n / total;
  const kept = n >= MIN_SEEN && rate >= MIN_RATE;
  if (n > 0) report.push(`${kind}: ${n}/${total} (${(rate * 100).toFixed(1)}%)${kept ? '' : ', left unseen'}`);
  if (!kept) continue;
  for (const ch of VOWELS) {
    for (const [k, left] of misreadings(ch)) if (k === kind) (chars[ch] ??= []).push([left, Math.round(Math.log10(rate) * 100) / 100]);
  }
}
const out = path.join(projectRoot, 'dictionaries/channel-vie-scans.json');
writeFileSync(out, `${JSON.stringify({ lang: 'vie', source: 'real dev scans (fixtures/real/dev)', chars })}\n`);
console.log(`${report.join('\n')}\n${out}: ${Object.keys(chars).length} letters`);
