// Reading a command's text input: a file, or standard input for "-" or no argument.
import { readTextFile } from '../ingest/text.js';

export async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readTextFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').normalize('NFC');
}
