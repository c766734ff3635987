import type { Command } from 'commander';
import { oneOf } from '../pipeline/options.js';
import { REPORT_FORMATS, type ReportFormat } from '../structure/render.js';
import { readInput } from './io.js';

export function register(program: Command): void {
  program
    .command('structure')
    .description("parse a report's text into its canonical parts")
    .argument('[file]', 'UTF-8 text file, or - for standard input', '-')
    .option('--format <format>', 'json|md|txt', 'json')
    .action(async (file: string, flags: { format: string }) => {
      const format = oneOf<ReportFormat>('--format', REPORT_FORMATS, flags.format);
      const { renderReport, structureReport } = await import('../structure/index.js');
      process.stdout.write(renderReport(structureReport(await readInput(file)), format));
    });
}
