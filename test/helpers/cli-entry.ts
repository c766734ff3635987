import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv);
