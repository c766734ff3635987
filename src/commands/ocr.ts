import type { Command } from 'commander';
import { invalidOption } from '../errors.js';
import { createOcrEngine, extractPages } from '../ocr/index.js';
import { oneOf, TEXT_LAYER_POLICIES } from '../pipeline/options.js';

/** "1-3,5" -> [1, 2, 3, 5]. */
export function parsePages(spec: string): number[] {
  const pages = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || from < 1 || to < from) throw invalidOption('--pages', 'page numbers and ranges such as 1-3,5', spec);
    for (let p = from; p <= to; p++) pages.add(p);
  }
  return [...pages].sort((a, b) => a - b);
}

export function register(program: Command): void {
  program
    .command('ocr')
    .description('print the raw OCR text of a PDF or image (no restoration)')
    .argument('<file>', 'PDF, PNG, JPEG, TIFF or WebP')
    .option('--pages <list>', 'pages to read, e.g. 1-3,5')
    .option('--text-layer <policy>', 'auto|always|never', 'never')
    .option('--no-preprocess', 'OCR the page images as they are')
    .action(async (file: string, flags: { pages?: string; textLayer: string; preprocess: boolean }) => {
      const pages = flags.pages ? parsePages(flags.pages) : undefined;
      const textLayer = oneOf('--text-layer', TEXT_LAYER_POLICIES, flags.textLayer);
      const engine = createOcrEngine({ jobs: 1 });
      try {
        const result = await extractPages(file, async () => engine, { textLayer, preprocess: flags.preprocess, pages });
        process.stdout.write(result.map((p) => p.text.trimEnd()).join('\n\f\n') + '\n');
      } finally {
        await engine.terminate();
      }
    });
}
