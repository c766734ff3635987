import os from 'node:os';
import type { Command } from 'commander';
import { invalidOption } from '../errors.js';
import { oneOf, TEXT_LAYER_POLICIES } from '../pipeline/options.js';
import type { PageText } from '../types.js';

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

/**
 * Writes each page's text as soon as it and every page before it are read, so the first page shows while
 * later ones are still in OCR. Pages are separated by a form feed line.
 */
function pagePrinter(wanted: number[] | undefined): (page: PageText) => void {
  const ready = new Map<number, string>();
  let index = 0;
  const nextPage = () => wanted?.[index] ?? index + 1;
  return (page) => {
    ready.set(page.page, page.text.trimEnd());
    for (let text = ready.get(nextPage()); text !== undefined; text = ready.get(nextPage())) {
      ready.delete(nextPage());
      process.stdout.write(`${index > 0 ? '\f\n' : ''}${text}\n`);
      index++;
    }
  };
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
      const { createOcrEngine, extractPages, pagesInFlight } = await import('../ocr/index.js');
      const jobs = os.availableParallelism();
      // Every worker starts now: a single page is spread over all of them.
      const engine = createOcrEngine({ jobs, startNow: jobs });
      const print = pagePrinter(pages);
      try {
        await extractPages(file, async () => engine, { textLayer, preprocess: flags.preprocess, pages, concurrency: pagesInFlight(jobs), workersPerPage: jobs, onPage: print });
      } finally {
        await engine.terminate();
      }
    });
}
