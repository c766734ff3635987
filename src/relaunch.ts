// glibc's malloc gives allocating threads their own arenas (up to eight per core) and keeps each one at its
// high-water mark. Over a long batch, sharp's, the OCR workers' and node's threads fragment them, and RSS creeps
// up with the pages. Two arenas keep it flat (and no slower). glibc reads MALLOC_ARENA_MAX only when a process
// starts, so `vnocr run` and `vnocr worker`, the commands for long unattended batches, start the CLI again with
// it set. That costs one more node start (about 0.1 s here), which `vnocr ocr`, whose first page is awaited at a
// prompt, does without.
import { spawn } from 'node:child_process';
import os from 'node:os';

const ARENAS = '2';
const BATCH_COMMANDS = new Set(['run', 'worker']);
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Set in the relaunched process, which then ends when the process that started it is gone. */
const RELAUNCHED = 'VNOCR_RELAUNCHED';

/** glibc's version on glibc-based Linux; undefined elsewhere (musl, macOS, Windows manage their own heaps). */
export function glibcVersion(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return header?.glibcVersionRuntime;
}

/**
 * The environment to start the CLI again with, or undefined when this process should do the work itself:
 * not a batch command, not glibc, already relaunched, or the user chose the arenas (MALLOC_ARENA_MAX, GLIBC_TUNABLES).
 */
export function relaunchEnv(argv: string[], env: NodeJS.ProcessEnv, glibc: () => string | undefined): NodeJS.ProcessEnv | undefined {
  if (!BATCH_COMMANDS.has(argv[2] ?? '')) return undefined;
  if (env[RELAUNCHED] || env.MALLOC_ARENA_MAX || env.GLIBC_TUNABLES?.includes('arena_max')) return undefined;
  // Asked last: a process report takes about 10 ms.
  if (!glibc()) return undefined;
  return { ...env, MALLOC_ARENA_MAX: ARENAS, [RELAUNCHED]: '1' };
}

/**
 * Runs the CLI in a child process with bounded malloc arenas when that helps, and returns its exit code;
 * returns undefined when this process should run the CLI itself. Signals are passed on, and a child whose
 * parent is killed ends too, so a killed run leaves nothing running behind it.
 */
export async function relaunchIfNeeded(script: string): Promise<number | undefined> {
  if (process.env[RELAUNCHED]) {
    // Processes this one starts are not relaunched children.
    delete process.env[RELAUNCHED];
    endWithParent();
    return undefined;
  }
  const env = relaunchEnv(process.argv, process.env, glibcVersion);
  if (!env) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    env,
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve([c, s]));
  });
  for (const s of FORWARDED_SIGNALS) process.off(s, forward);
  // Die of the same signal, so the caller sees what the child saw (130 after ^C, in a shell).
  if (signal) process.kill(process.pid, signal);
  return code ?? 1;
}

/**
 * The IPC channel closes when the parent dies, even of SIGKILL. End then, through process.exit so that exit
 * handlers remove temporary files (a signal could be taken by a listener and not end the process), with the
 * status of a SIGTERM.
 */
function endWithParent(): void {
  const end = () => {
    process.stderr.write('vnocr: stopped: the process that started this run has ended\n');
    process.exit(128 + os.constants.signals.SIGTERM);
  };
  // The parent may have died while this process was still loading: the channel is then already gone.
  if (!process.connected) return end();
  process.on('disconnect', end);
  // Not a reason to stay alive: the child exits when its work is done.
  process.channel?.unref();
}
