#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { relaunchIfNeeded } from '../dist/relaunch.js';

// Imported only where the work is done: a relaunching parent loads nothing else.
process.exitCode = (await relaunchIfNeeded(fileURLToPath(import.meta.url))) ?? (await (await import('../dist/cli.js')).main(process.argv));
