import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { readTextFile } from '../ingest/text.js';
import { writeFileAtomic } from '../pipeline/atomic.js';
import { discoverInputs } from '../pipeline/inputs.js';

export function register(program: Command): void {
  program
    .command('train')
    .description('build a language model from your own correctly accented text (.txt files or folders), or adapt the shipped one to it')
    .argument('<inputs...>', 'UTF-8 .txt files or folders of them')
    .requiredOption('-o, --output <model>', 'model file to write (use it with --model)')
    .option('--min-count <n>', 'syllables seen fewer times are unknown', '2')
    .option('--adapt [base]', "mix your text's model into a base model (default: the shipped one) instead of replacing it")
    .option('--weight <w>', 'with --adapt: the weight of your text, 0..1', '0.5')
    .action(async (inputs: string[], flags: { output: string; minCount: string; adapt?: string | true; weight: string }) => {
      const minWordCount = Number(flags.minCount);
      if (!Number.isInteger(minWordCount) || minWordCount < 1) throw new UsageError(`--min-count must be a whole number from 1 (got "${flags.minCount}")`);
      const weight = Number(flags.weight);
      if (!(weight > 0 && weight < 1)) throw new UsageError(`--weight must be a number between 0 and 1 (got "${flags.weight}")`);
      const { inputs: found, failed } = await discoverInputs(inputs);
      if (failed.length) throw new UsageError(`${failed[0]!.file}: ${failed[0]!.reason}`);
      const files = found.map((f) => f.file).filter((f) => f.toLowerCase().endsWith('.txt'));
      if (files.length === 0) throw new UsageError(`no .txt input found in ${inputs.join(', ')}`);
      const paragraphs: string[] = [];
      for (const f of files) paragraphs.push(...(await readTextFile(f, { maxBytes: Infinity })).split(/\r?\n/));
      const { trainModel, adaptModel, loadModel, LanguageModel } = await import('../restore/index.js');
      let model = trainModel(() => paragraphs, { minWordCount, minTrigramCount: 1, meta: { builtFrom: `${files.length} file(s)` } });
      if (flags.adapt) {
        const base = loadModel(flags.adapt === true ? undefined : flags.adapt);
        model = adaptModel(base, LanguageModel.fromBuffer(model), weight);
      }
      // Read in place when plain; a .gz name asks for the smaller file, inflated on every load.
      if (flags.output.endsWith('.gz')) model = gzipSync(model);
      await writeFileAtomic(path.resolve(flags.output), model);
      const how = flags.adapt ? `, adapted from ${flags.adapt === true ? 'the shipped model' : flags.adapt} with weight ${weight}` : '';
      process.stderr.write(`vnocr: wrote ${flags.output} (${(model.length / 1e6).toFixed(2)} MB) from ${files.length} file(s)${how}\n`);
    });
}
