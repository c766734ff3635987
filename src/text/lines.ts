// Plain text (a .txt file, a PDF text layer) as blocks of lines of words, without boxes: blocks are runs of
// lines between blank lines, words the runs of non-space characters.
import type { TextBlock } from '../types.js';

export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let block: TextBlock | undefined;
  for (const line of text.split('\n')) {
    const words = line.match(/\S+/g)?.map((w) => ({ text: w })) ?? [];
    if (words.length === 0) {
      block = undefined;
      continue;
    }
    if (!block) blocks.push((block = { lines: [] }));
    block.lines.push({ words });
  }
  return blocks;
}
