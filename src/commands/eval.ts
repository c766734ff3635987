import type { Command } from 'commander';
import { readTextFile } from '../ingest/text.js';

export function register(program: Command): void {
  program
    .command('eval')
    .description('compare a hypothesis text with the truth: CER, WER, syllable accuracy, diacritic error rate')
    .argument('<truth>', 'the correct text')
    .argument('<hypothesis>', 'the text to score')
    .option('--json', 'print JSON', false)
    .action(async (truth: string, hypothesis: string, flags: { json: boolean }) => {
      const { evaluate } = await import('../eval/index.js');
      const scores = evaluate(await readTextFile(truth), await readTextFile(hypothesis));
      if (flags.json) process.stdout.write(`${JSON.stringify(scores, null, 2)}\n`);
      else {
        const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
        process.stdout.write(
          `CER ${pct(scores.cer)}  WER ${pct(scores.wer)}  syllable accuracy ${pct(scores.syllableAccuracy)}  diacritic errors ${pct(scores.diacriticErrorRate)}  (${scores.truthWords} words)\n`,
        );
      }
    });
}
