import type { Command } from 'commander';
import { oneOf, RESTORE_MODES, TONE_STYLES } from '../pipeline/options.js';
import type { InputMode, ToneStyle } from '../types.js';
import { readInput } from './io.js';

export function register(program: Command): void {
  program
    .command('restore')
    .description('restore diacritics and fix OCR errors in text; line i in is line i out')
    .argument('[file]', 'UTF-8 text file, or - for standard input', '-')
    .option('--model <path>', 'language model built with `vnocr train`')
    .option('--tone-style <style>', 'old (hóa, ủy) | new (hoá, uỷ)', 'old')
    .option('--mode <mode>', 'auto|correct|unaccented|ocr-eng|ocr-vie', 'auto')
    .option('--explain', 'list each change with its confidence on stderr', false)
    .option('--json', 'print the tokens changed, the mode and the text as JSON', false)
    .action(async (file: string, flags: { model?: string; toneStyle: string; mode: string; explain: boolean; json: boolean }) => {
      const toneStyle = oneOf<ToneStyle>('--tone-style', TONE_STYLES, flags.toneStyle);
      const mode = oneOf<InputMode | 'auto'>('--mode', RESTORE_MODES, flags.mode);
      const { loadRestorer } = await import('../restore/index.js');
      const restorer = await loadRestorer({ modelPath: flags.model, toneStyle });
      const result = restorer.restore(await readInput(file), { mode, textOnly: !flags.json && !flags.explain });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      process.stdout.write(result.text);
      if (flags.explain) {
        process.stderr.write(`mode: ${result.mode}, ${result.changes.length} change(s)\n`);
        for (const c of result.changes) process.stderr.write(`${c.line + 1}:${c.column + 1}\t${c.from} -> ${c.to}\t${c.confidence.toFixed(3)}\n`);
      }
    });
}
