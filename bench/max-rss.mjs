// Preloaded into each `vnocr run` of the memory section (NODE_OPTIONS=--import): writes the process's peak RSS in KB,
// worker threads (OCR) included, to the file VNOCR_MAX_RSS names when the process exits.
import { writeFileSync } from 'node:fs';

const file = process.env.VNOCR_MAX_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
