// How a batch tells the user what it does: a progress bar on a terminal, plain lines in a log,
// JSON lines for machines. Errors always reach stderr, one line each.
import cliProgress from 'cli-progress';
import type { RunEntry } from './manifest.js';

export interface Summary {
  done: number;
  /** Written with pages that could not be read. */
  warnings?: number;
  unchanged: number;
  failed: number;
  seconds: number;
}

export type LogStyle = 'bar' | 'plain' | 'json' | 'quiet';

export interface Progress {
  start(files: number): void;
  page(file: string, page: number): void;
  done(entry: RunEntry): void;
  notice(message: string): void;
  finish(summary: Summary): void;
}

export function chooseLogStyle(opts: { quiet?: boolean; jsonLog?: boolean }, stream: NodeJS.WriteStream = process.stderr): LogStyle {
  if (opts.jsonLog) return 'json';
  if (opts.quiet) return 'quiet';
  return stream.isTTY ? 'bar' : 'plain';
}

const errorLine = (entry: RunEntry) => `vnocr: ${entry.input}: ${entry.error}`;
/** One line per page that could not be read, so an input with holes never passes for a whole one. */
const warningLines = (entry: RunEntry) => (entry.warnings ?? []).map((w) => `vnocr: ${entry.input}: ${w}`);
const summaryLine = (s: Summary) =>
  `vnocr: ${s.done} done, ${s.warnings ? `${s.warnings} with warnings, ` : ''}${s.unchanged} unchanged, ${s.failed} failed in ${s.seconds.toFixed(1)} s`;

export function createProgress(style: LogStyle, write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Progress {
  switch (style) {
    case 'json':
      return jsonProgress((event) => process.stdout.write(`${JSON.stringify(event)}\n`));
    case 'bar':
      return barProgress();
    default:
      return lineProgress(write, style === 'quiet');
  }
}

function lineProgress(write: (line: string) => void, quiet: boolean): Progress {
  return {
    start: (files) => quiet || write(`vnocr: ${files} input(s)`),
    page: () => {},
    done: (entry) => {
      if (entry.status === 'failed') write(errorLine(entry));
      warningLines(entry).forEach(write);
      if (entry.status !== 'failed' && !quiet) write(`vnocr: ${entry.status} ${entry.input} (${entry.pages} page(s), ${entry.seconds.toFixed(1)} s)`);
    },
    notice: (message) => quiet || write(`vnocr: ${message}`),
    finish: (s) => quiet || write(summaryLine(s)),
  };
}

function jsonProgress(emit: (event: Record<string, unknown>) => void): Progress {
  return {
    start: (files) => emit({ event: 'start', files }),
    page: (file, page) => emit({ event: 'page', file, page }),
    done: (entry) => emit({ event: 'file', ...entry }),
    notice: (message) => emit({ event: 'notice', message }),
    finish: (summary) => emit({ event: 'finish', ...summary }),
  };
}

function barProgress(): Progress {
  // MultiBar, even for one bar, because only it can print a line above the bar without breaking it.
  const bars = new cliProgress.MultiBar(
    {
      format: 'files {value}/{total} | pages {pages} | {duration_formatted} elapsed | ETA {eta_formatted} | {current}',
      hideCursor: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  let pages = 0;
  const say = (line: string) => bars.log(`${line}\n`);
  return {
    start: (files) => {
      bar = bars.create(files, 0, { pages, current: '' });
    },
    page: (file) => bar?.update({ pages: ++pages, current: file }),
    done: (entry) => {
      if (entry.status === 'failed') say(errorLine(entry));
      warningLines(entry).forEach(say);
      bar?.increment(1, { current: entry.input });
    },
    notice: (message) => say(`vnocr: ${message}`),
    finish: (s) => {
      bars.stop();
      process.stderr.write(`${summaryLine(s)}\n`);
    },
  };
}
