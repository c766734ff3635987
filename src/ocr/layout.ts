// OCR'd words -> the page's blocks and lines, as tesseract laid them out.
import type { Box, OcrWord, TextBlock, TextLine } from '../types.js';

/** The smallest box holding all the boxes. */
export function unionBox(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  const box = { ...boxes[0]! };
  for (const b of boxes) {
    box.x0 = Math.min(box.x0, b.x0);
    box.y0 = Math.min(box.y0, b.y0);
    box.x1 = Math.max(box.x1, b.x1);
    box.y1 = Math.max(box.y1, b.y1);
  }
  return box;
}

/** Words (in reading order) grouped by their block and line; each block and line boxed around its words. */
export function ocrBlocks(words: readonly OcrWord[]): TextBlock[] {
  const blocks: TextBlock[] = [];
  let line: TextLine | undefined;
  for (const word of words) {
    let block = blocks.at(-1);
    if (!block || block.number !== word.block) blocks.push((block = { number: word.block, lines: [] }));
    if (!line || line.number !== word.line || block.lines.at(-1) !== line) {
      block.lines.push((line = { number: word.line, paragraph: word.paragraph, words: [] }));
    }
    line.words.push(word);
  }
  for (const block of blocks) {
    for (const l of block.lines) l.box = unionBox(l.words.map((w) => w.box!));
    block.box = unionBox(block.lines.map((l) => l.box!));
  }
  return blocks;
}
