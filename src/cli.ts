import { Command } from 'commander';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('vnocr');
  program.description('Offline OCR and diacritic restoration for scanned Vietnamese reports');
  await program.parseAsync(argv);
  return 0;
}
