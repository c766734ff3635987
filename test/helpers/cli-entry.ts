// The same start as bin/vnocr.js, from source.
import { fileURLToPath } from 'node:url';
import { relaunchIfNeeded } from '../../src/relaunch.js';

process.exitCode = (await relaunchIfNeeded(fileURLToPath(import.meta.url))) ?? (await (await import('../../src/cli.js')).main(process.argv));
