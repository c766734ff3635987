// The run report as a journal that several processes can write at once.
//
//   <outdir>/.vnocr/entries/<key>.json   one file per input (key: a hash of its path), written atomically
//   <outdir>/run-report.json             the merged view: every entry of the journal, rewritten after each input
//
// Recording an entry touches only that input's file, so entries of finished inputs survive any kill, and
// processes (a batch, queue workers on other machines) recording different inputs never drop each other's.
// The journal is the truth: readRunReport merges it with run-report.json (which may lag while several processes
// write, or come from a version before the journal), so a reader always sees every recorded entry.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { realIo, writeFileAtomic, type WriteIo } from './atomic.js';
import type { RunOptions } from './options.js';

export const RUN_REPORT_NAME = 'run-report.json';
/** vnocr's own files in an output folder. Hidden, so a folder walk never takes them for inputs. */
export const STATE_DIR = '.vnocr';
const ENTRIES_DIR = path.join(STATE_DIR, 'entries');

export const ENTRY_STATUSES = ['done', 'done-with-warnings', 'failed', 'unchanged'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface RunEntry {
  input: string;
  status: EntryStatus;
  /** Output files, relative to the output folder. */
  outputs: string[];
  pages: number;
  seconds: number;
  error?: string;
  /** Problems of a `done-with-warnings` input: `page 3: unreadable image (...)`, an output that could not be made. */
  warnings?: string[];
  inputHash?: string;
  optionsHash: string;
  /** When the entry was recorded (ISO time): the later of two entries for one input wins. */
  recordedAt?: string;
}

export interface RunReport {
  tool: 'vnocr';
  version: string;
  startedAt: string;
  finishedAt?: string;
  options: Record<string, unknown>;
  entries: RunEntry[];
  skipped: { file: string; reason: string }[];
}

/** The report without its entries: what a run (or a queue worker) says about itself in the merged view. */
export type RunHeader = Omit<RunReport, 'entries'>;

export type Warn = (message: string) => void;

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Only the options that change what is written; --jobs or --force do not. */
export function hashOptions(options: RunOptions, version: string): string {
  const { formats, textLayer, preprocess, restore, toneStyle, mode, model } = options;
  const relevant = { version, formats: [...formats].sort(), textLayer, preprocess, restore, toneStyle, mode, model: model ?? null };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}

const isStringArray = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

/** The entry if `x` is a well-formed one (a hand-edited or damaged report can hold anything), else undefined. */
export function validEntry(x: unknown): RunEntry | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const e = x as Record<string, unknown>;
  if (typeof e.input !== 'string' || !path.isAbsolute(e.input)) return undefined;
  if (!(ENTRY_STATUSES as readonly unknown[]).includes(e.status)) return undefined;
  if (!isStringArray(e.outputs) || e.outputs.some((o) => path.isAbsolute(o) || o.split(/[\\/]/).includes('..'))) return undefined;
  if (typeof e.pages !== 'number' || typeof e.seconds !== 'number' || typeof e.optionsHash !== 'string') return undefined;
  if (e.error !== undefined && typeof e.error !== 'string') return undefined;
  if (e.warnings !== undefined && !isStringArray(e.warnings)) return undefined;
  if (e.inputHash !== undefined && typeof e.inputHash !== 'string') return undefined;
  if (e.recordedAt !== undefined && typeof e.recordedAt !== 'string') return undefined;
  return e as unknown as RunEntry;
}

/** The journal file of one input. */
export function entryFile(outDir: string, input: string): string {
  return path.join(outDir, ENTRIES_DIR, `${createHash('sha256').update(input).digest('hex').slice(0, 32)}.json`);
}

/** Records (or replaces) one input's entry: the call a queue worker makes when it finishes an input. */
export async function recordEntry(outDir: string, entry: RunEntry, io: WriteIo = realIo): Promise<RunEntry> {
  const stamped = { ...entry, recordedAt: entry.recordedAt ?? new Date().toISOString() };
  await mkdir(path.join(outDir, ENTRIES_DIR), { recursive: true });
  await writeFileAtomic(entryFile(outDir, entry.input), `${JSON.stringify(stamped)}\n`, io);
  return stamped;
}

function later(a: RunEntry | undefined, b: RunEntry): boolean {
  return !a || (b.recordedAt ?? '') >= (a.recordedAt ?? '');
}

/** Moves a damaged file aside (name + `.damaged-<time>`) so that it is kept for a person to look at. */
async function setAside(file: string, warn: Warn, why: string): Promise<void> {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, aside).then(
    () => warn(`${file} ${why}: set aside as ${path.basename(aside)}; the run goes on`),
    () => warn(`${file} ${why}: ignored`),
  );
}

interface ReadOptions {
  /** Set damaged files aside (a run does; a plain reader only ignores them). */
  repair?: boolean;
  warn?: Warn;
}

/** run-report.json's header and well-formed entries; damaged parts are ignored (or set aside with `repair`). */
async function readMergedView(outDir: string, { repair = false, warn = () => {} }: ReadOptions): Promise<{ header?: RunHeader; entries: RunEntry[]; found: boolean }> {
  const file = path.join(outDir, RUN_REPORT_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { entries: [], found: false };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    if (repair) await setAside(file, warn, 'is not valid JSON');
    return { entries: [], found: true };
  }
  const report = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Partial<RunReport>;
  const raw = Array.isArray(report.entries) ? (report.entries as unknown[]) : [];
  const entries = raw.map(validEntry).filter((e): e is RunEntry => e !== undefined);
  if (repair && (!Array.isArray(report.entries) || entries.length < raw.length)) {
    await setAside(file, warn, `is damaged (${raw.length - entries.length} malformed entr${raw.length - entries.length === 1 ? 'y' : 'ies'} or no entry list)`);
  }
  const { entries: _, ...header } = report;
  return { header: header as RunHeader, entries, found: true };
}

/**
 * Reads the journal's entries, keyed by file name. `cache` (name -> size, mtime, entry) lets a long run re-read
 * only the files that changed since it last looked.
 */
async function readJournal(outDir: string, { repair = false, warn = () => {} }: ReadOptions, cache = new Map<string, JournalFile>()): Promise<Map<string, JournalFile>> {
  const dir = path.join(outDir, ENTRIES_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const seen = new Map<string, JournalFile>();
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const full = path.join(dir, name);
    const info = await lstat(full).catch(() => undefined);
    if (!info?.isFile()) continue;
    const cached = cache.get(name);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
      seen.set(name, cached);
      continue;
    }
    const entry = await readFile(full, 'utf8').then(
      (t) => validEntry(JSON.parse(t)),
      () => undefined,
    ).catch(() => undefined);
    if (entry) seen.set(name, { size: info.size, mtimeMs: info.mtimeMs, entry });
    else if (repair) await setAside(full, warn, 'is a damaged journal entry');
  }
  return seen;
}

interface JournalFile {
  size: number;
  mtimeMs: number;
  entry: RunEntry;
}

function mergeEntries(...lists: RunEntry[][]): RunEntry[] {
  const byInput = new Map<string, RunEntry>();
  for (const list of lists) for (const e of list) if (later(byInput.get(e.input), e)) byInput.set(e.input, e);
  return [...byInput.values()].sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}

/**
 * The merged report of an output folder: every recorded entry (journal and run-report.json, the later entry of
 * an input winning), under run-report.json's header. Undefined when the folder holds no report at all.
 */
export async function readRunReport(outDir: string, options: ReadOptions = {}): Promise<RunReport | undefined> {
  const view = await readMergedView(outDir, options);
  const journal = await readJournal(outDir, options);
  if (!view.header && journal.size === 0) return undefined;
  const header: RunHeader = view.header ?? { tool: 'vnocr', version: '', startedAt: '', options: {}, skipped: [] };
  return { ...header, skipped: Array.isArray(header.skipped) ? header.skipped : [], entries: mergeEntries(view.entries, [...journal.values()].map((f) => f.entry)) };
}

/** True when an earlier run wrote every output of this input from the same bytes and options. */
export async function isUpToDate(previous: RunEntry | undefined, inputHash: string, optionsHash: string, outDir: string): Promise<boolean> {
  if (!previous || (previous.status !== 'done' && previous.status !== 'unchanged')) return false;
  if (previous.inputHash !== inputHash || previous.optionsHash !== optionsHash) return false;
  // Outputs must still be there as regular files: a deleted (or replaced by a link) output is redone.
  const present = await Promise.all(previous.outputs.map((o) => lstat(path.join(outDir, o)).then((s) => s.isFile(), () => false)));
  return present.every(Boolean);
}

const RESCAN_MS = 1000;

/**
 * One process's view of an output folder's journal: records entries and rewrites the merged run-report.json
 * after each (one write at a time; entries finish concurrently). Opening it sets aside a damaged report and
 * copies the entries of a report from before the journal into it, so nothing already done is forgotten.
 */
export class RunJournal {
  private pending: Promise<void> = Promise.resolve();
  private cache = new Map<string, JournalFile>();
  private legacy: RunEntry[] = [];
  private lookedAt = 0;

  private constructor(
    readonly outDir: string,
    readonly header: RunHeader,
    private readonly io: WriteIo,
  ) {}

  static async open(outDir: string, header: RunHeader, warn: Warn = () => {}, io: WriteIo = realIo): Promise<RunJournal> {
    const journal = new RunJournal(outDir, header, io);
    const view = await readMergedView(outDir, { repair: true, warn });
    journal.cache = await readJournal(outDir, { repair: true, warn });
    const inJournal = new Map([...journal.cache.values()].map((f) => [f.entry.input, f.entry]));
    // Entries only the merged view holds (an older version's report, or salvaged from a damaged one).
    journal.legacy = view.entries.filter((e) => {
      const recorded = inJournal.get(e.input);
      return !recorded || (e.recordedAt ?? '') > (recorded.recordedAt ?? '');
    });
    for (const e of journal.legacy) await recordEntry(outDir, e, io);
    return journal;
  }

  /** Every entry recorded so far, by any process, the later one of an input winning. */
  entries(): RunEntry[] {
    return mergeEntries(this.legacy, [...this.cache.values()].map((f) => f.entry));
  }

  /** The entry of one input, as last read or recorded here. */
  entry(input: string): RunEntry | undefined {
    const recorded = this.cache.get(path.basename(entryFile(this.outDir, input)))?.entry;
    const legacy = this.legacy.find((e) => e.input === input);
    return legacy && later(recorded, legacy) ? legacy : recorded;
  }

  /** Records one input's entry in the journal (the merged view is left as it is). */
  async add(entry: RunEntry): Promise<void> {
    const stamped = await recordEntry(this.outDir, entry, this.io);
    // Known here at once; size -1 makes the next look at the folder read it back.
    this.cache.set(path.basename(entryFile(this.outDir, entry.input)), { size: -1, mtimeMs: -1, entry: stamped });
  }

  /** Records one input's entry, then rewrites the merged view. */
  async record(entry: RunEntry): Promise<void> {
    await this.add(entry);
    await this.flush();
  }

  /**
   * Rewrites run-report.json from the journal: this process's entries, and other processes' as of the last look
   * at the folder (at most once a second, so that a batch of thousands does not read the folder after each input).
   */
  flush(): Promise<void> {
    // A failed write (a full disk) must not block the writes after it.
    this.pending = this.pending.catch(() => undefined).then(async () => {
      if (Date.now() - this.lookedAt >= RESCAN_MS) {
        const read = await readJournal(this.outDir, {}, this.cache);
        // An entry recorded here while the folder was read (size -1) may be missing from what was read.
        for (const [name, file] of this.cache) {
          const onDisk = read.get(name)?.entry;
          if (file.size === -1 && (!onDisk || !later(file.entry, onDisk))) read.set(name, file);
        }
        this.cache = read;
        this.lookedAt = Date.now();
      }
      const report: RunReport = { ...this.header, entries: this.entries() };
      await writeFileAtomic(path.join(this.outDir, RUN_REPORT_NAME), `${JSON.stringify(report, null, 2)}\n`, this.io);
    });
    return this.pending;
  }
}
