// `npm run bench [-- --quick] [-- --only ocr,restore] [-- --split dev]`: runs each benchmark section and prints its tables
// as Markdown (the README's table is pasted from here). Sections live beside this file.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchTable } from '../src/types.js';

const SECTIONS = ['ocr', 'ocr-real', 'ocr-damage', 'restore', 'channel', 'structure', 'queue', 'archive', 'memory'] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

function markdown(table: BenchTable): string {
  const cell = (v: string | number) => (typeof v === 'number' ? formatNumber(v) : v);
  const lines = [
    `### ${table.title}`,
    '',
    `| ${table.columns.join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  if (table.notes?.length) lines.push('', ...table.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyArg = args.find((a) => a.startsWith('--only='))?.slice(7) ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
  // --split dev measures on the tuning split (sections that support it); the default test split is for reporting.
  const split = args.includes('--split') && args[args.indexOf('--split') + 1] === 'dev' ? 'dev' : 'test';
  const only = onlyArg ? onlyArg.split(',') : [...SECTIONS];
  const partial = only.length < SECTIONS.length;
  const kind = `${quick ? 'quick' : 'full'}${partial ? `, ${only.join(', ')} only` : ''}`;
  const out: string[] = [`## Benchmark (${new Date().toISOString().slice(0, 10)}, ${kind} run, node ${process.version})`, ''];
  process.stdout.write(`${out.join('\n')}\n`);
  for (const name of SECTIONS.filter((s) => only.includes(s))) {
    const file = path.join(here, `${name}.ts`);
    if (!existsSync(file)) continue;
    process.stderr.write(`bench: ${name}...\n`);
    const t0 = Date.now();
    const start = out.length;
    try {
      const section = (await import(pathToFileURL(file).href)) as { run(o: { quick: boolean; split: 'test' | 'dev' }): Promise<BenchTable[]> };
      for (const table of await section.run({ quick, split })) out.push(markdown(table));
    } catch (error) {
      out.push(`### ${name}\n\nfailed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    // Each section's tables as soon as they are ready: a long run keeps what it measured.
    process.stdout.write(`${out.slice(start).join('\n')}\n`);
    process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  }
  const text = out.join('\n');
  // Only a full run of every section replaces last.md, the record the README's tables come from.
  const file = split === 'dev' ? 'work/last-dev.md' : quick ? 'last-quick.md' : partial ? 'last-partial.md' : 'last.md';
  await writeFile(path.join(here, file), text);
}

await main();
