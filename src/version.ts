import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version; part of the resume key, so a new release redoes earlier outputs. */
export const VERSION: string = (require('../package.json') as { version: string }).version;
