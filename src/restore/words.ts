// The boundary between the document model and the restorer, which works on text: the pages' text goes in as
// one string, and the changes it reports (line and column in that string) are written back onto the words.
import type { OcrWord, PageText, RestoreResult, Word } from '../types.js';

/** The text restoration reads: every page that was read, its trailing space cut, pages apart by a blank line. */
export function documentText(pages: readonly PageText[]): string {
  return pages
    .filter((p) => !p.skipped)
    .map((p) => p.text.replace(/\s+$/, ''))
    .join('\n\n');
}

/** Offsets of the start of each line of `text`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

interface Change {
  start: number;
  end: number;
  to: string;
  confidence: number;
}

/**
 * The pages with every word's restored form, restorer's confidence and alternatives set from `restoration`,
 * a restoration of documentText(pages). Words are found in their page's text in order; a change is applied to
 * the word it starts in (one spanning two words goes wholly to the first). A word not found in its page's text
 * (OCR's text and words disagree), or blank, keeps no restored form.
 */
export function restoreWords(pages: readonly PageText[], restoration: RestoreResult): PageText[] {
  const text = documentText(pages);
  const starts = lineStarts(text);
  const changes: Change[] = [];
  for (const c of restoration.changes) {
    const start = (starts[c.line] ?? Infinity) + c.column;
    // A change must be found where it says (text decoded from a legacy encoding is not the text given).
    if (text.startsWith(c.from, start)) changes.push({ start, end: start + c.from.length, to: c.to, confidence: c.confidence });
  }
  changes.sort((a, b) => a.start - b.start);
  let next = 0;
  let consumed = 0;
  let pageStart = 0;
  const restoreWord = (word: Word, cursor: { at: number; end: number }): Word => {
    // A blank word (tesseract boxes a picture as one) is in no text: looked for, it would match the next space and
    // carry the cursor past the words between.
    if (!word.text.trim()) return word;
    const s = text.indexOf(word.text, cursor.at);
    const e = s + word.text.length;
    if (s < 0 || e > cursor.end) return word;
    cursor.at = e;
    while (next < changes.length && changes[next]!.start < s) consumed = Math.max(consumed, changes[next++]!.end);
    let restored = '';
    let at = Math.max(s, consumed);
    let confidence: number | undefined;
    for (; next < changes.length && changes[next]!.start < e; next++) {
      const c = changes[next]!;
      restored += text.slice(at, c.start) + c.to;
      at = consumed = c.end;
      confidence = Math.min(confidence ?? 1, c.confidence);
    }
    if (at < e) restored += text.slice(at, e);
    // The word's own string, not the copy cut from the document's text: the same string object hashes and compares at once downstream.
    // Object.assign, not a spread: V8 reads the properties of objects cloned by spread some twenty times slower.
    if (restored === word.text) return Object.assign({}, word, { restored: word.text });
    return Object.assign({}, word, { restored, alternatives: [word.text] }, confidence === undefined ? {} : { restoredConfidence: confidence });
  };
  return pages.map((page) => {
    if (page.skipped) return page;
    const cursor = { at: pageStart, end: pageStart + page.text.replace(/\s+$/, '').length };
    pageStart = cursor.end + 2;
    // OCR'd pages list their words in reading order; text pages have them only in their lines.
    const restored = new Map<Word, Word>();
    const inOrder = page.words.length ? page.words : page.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    for (const w of inOrder) restored.set(w, restoreWord(w, cursor));
    const words = page.words.map((w) => restored.get(w) as OcrWord);
    const blocks = page.blocks.map((b) => ({ ...b, lines: b.lines.map((l) => ({ ...l, words: l.words.map((w) => restored.get(w) ?? w) })) }));
    return { ...page, blocks, words };
  });
}
