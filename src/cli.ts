import { Command, CommanderError } from 'commander';
import { EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, InputError, VnocrError } from './errors.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerOcr } from './commands/ocr.js';
import { register as registerRestore } from './commands/restore.js';
import { register as registerRun } from './commands/run.js';
import { register as registerStatus } from './commands/status.js';
import { register as registerStructure } from './commands/structure.js';
import { register as registerSubmit } from './commands/submit.js';
import { register as registerTrain } from './commands/train.js';
import { register as registerWorker } from './commands/worker.js';
import { VERSION } from './version.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  every input was processed (or was already up to date)
  1  some inputs failed or had warnings, an unreadable page or an output that could not be made (one line each on stderr, and in run-report.json), or a full
     disk stopped the batch; the others were written
  2  usage error: unknown option, bad option value, missing --model, unwritable output folder, an output folder
     that would overwrite inputs, or one in use by another run, or no Redis at --redis`;

/** Runs the command line and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  // A reader that stopped early (`vnocr restore big.txt | head`) wants no more: stop quietly, as cat does.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(EXIT_OK);
  });
  let exitCode = EXIT_OK;
  const program = new Command('vnocr')
    .description('Offline OCR, diacritic restoration and structuring of scanned Vietnamese reports')
    .version(VERSION)
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .showHelpAfterError('(run vnocr --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerRun(program, (code) => (exitCode = code));
  registerOcr(program);
  registerRestore(program);
  registerStructure(program);
  registerEval(program);
  registerTrain(program);
  registerWorker(program);
  registerSubmit(program, (code) => (exitCode = code));
  registerStatus(program);
  for (const sub of program.commands) sub.exitOverride().addHelpText('after', EXIT_CODES_HELP);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    if (error instanceof InputError) process.stderr.write(`vnocr: ${error.file}: ${error.message}\n`);
    else process.stderr.write(`vnocr: ${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof VnocrError ? error.exitCode : EXIT_SOME_FAILED;
  }
}
