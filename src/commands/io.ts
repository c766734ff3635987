// Reading a command's text input: a file, or standard input for "-" or no argument.
import { readTextFile, textOf } from '../ingest/text.js';

export async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readTextFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Decoded as a file is: legacy encodings recognised, binary refused, never a byte replaced unseen.
  return textOf('standard input', Buffer.concat(chunks));
}
