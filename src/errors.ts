// Typed errors, each with the process exit code it maps to (documented in the README).

export const EXIT_OK = 0;
export const EXIT_SOME_FAILED = 1;
export const EXIT_USAGE = 2;

export class VnocrError extends Error {
  readonly exitCode: number = EXIT_SOME_FAILED;
}

/** Bad command line or option value. The message names the option and the allowed values. */
export class UsageError extends VnocrError {
  override readonly exitCode = EXIT_USAGE;
}

/** An input file that cannot be processed. The message is one line: the reason; `file` names the file. */
export class InputError extends VnocrError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** An option value outside its allowed set: `--tone-style must be one of old, new (got "x")`. */
export function invalidOption(name: string, allowed: readonly string[] | string, got: unknown): UsageError {
  const what = typeof allowed === 'string' ? allowed : `one of ${allowed.join(', ')}`;
  return new UsageError(`${name} must be ${what} (got ${JSON.stringify(got)})`);
}

/** One line, whatever was thrown: a batch's log shows one line per failed input. */
export function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'unknown error';
}

/** An output format an input cannot have (the searchable PDF of an encrypted PDF): the input's other outputs are written, this one line says why. */
export class OutputUnavailable extends VnocrError {}
