import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readTextFile } from '../ingest/text.js';
import { writeFileAtomic } from '../pipeline/atomic.js';
import { discoverInputs } from '../pipeline/inputs.js';

export function register(program: Command): void {
  program
    .command('train')
    .description('build a language model from your own correctly accented text (.txt files or folders)')
    .argument('<inputs...>', 'UTF-8 .txt files or folders of them')
    .requiredOption('-o, --output <model>', 'model file to write (use it with --model)')
    .option('--min-count <n>', 'syllables seen fewer times are unknown', '2')
    .action(async (inputs: string[], flags: { output: string; minCount: string }) => {
      const minWordCount = Number(flags.minCount);
      if (!Number.isInteger(minWordCount) || minWordCount < 1) throw new UsageError(`--min-count must be a whole number from 1 (got "${flags.minCount}")`);
      const { inputs: found, failed } = await discoverInputs(inputs);
      if (failed.length) throw new UsageError(`${failed[0]!.file}: ${failed[0]!.reason}`);
      const files = found.map((f) => f.file).filter((f) => f.toLowerCase().endsWith('.txt'));
      if (files.length === 0) throw new UsageError(`no .txt input found in ${inputs.join(', ')}`);
      const paragraphs: string[] = [];
      for (const f of files) paragraphs.push(...(await readTextFile(f, { maxBytes: Infinity })).split(/\r?\n/));
      const { trainModel } = await import('../restore/index.js');
      const model = trainModel(() => paragraphs, { minWordCount, minTrigramCount: 1, meta: { builtFrom: `${files.length} file(s)` } });
      await writeFileAtomic(path.resolve(flags.output), model);
      process.stderr.write(`vnocr: wrote ${flags.output} (${(model.length / 1e6).toFixed(2)} MB) from ${files.length} file(s)\n`);
    });
}
