// Builds fonts/NotoSerif-vi.ttf: Noto Serif Regular (from the @expo-google-fonts/noto-serif devDependency)
// cut down to the characters of Vietnamese and Latin text, so that a searchable PDF can embed a Unicode font
// with every letter it writes while the repository ships some tens of kilobytes, not the whole family.
// Usage: npx tsx scripts/make-font.ts
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.dirname(require.resolve('@expo-google-fonts/noto-serif/package.json'));

const ranges: [number, number][] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0x17f], // Latin-1 and Latin Extended-A (Ă ă, Đ đ, Ĩ ĩ, Ũ ũ)
  [0x1a0, 0x1a1], // Ơ ơ
  [0x1af, 0x1b0], // Ư ư
  [0x300, 0x323], // combining accents, for text that is not NFC
  [0x1ea0, 0x1ef9], // Vietnamese letters with tone marks
  [0x2010, 0x2030], // dashes, quotes, bullets, ellipsis, per mille
  [0x20ab, 0x20ac], // đồng and euro signs
  [0x2116, 0x2116], // numero sign
  [0x2122, 0x2122],
];
const text = ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
const source = readFileSync(path.join(pkg, '400Regular/NotoSerif_400Regular.ttf'));
const subset = await subsetFont(source, text, { targetFormat: 'truetype' });
writeFileSync(path.join(root, 'fonts/NotoSerif-vi.ttf'), subset);
copyFileSync(path.join(pkg, 'LICENSE_FONT'), path.join(root, 'fonts/OFL.txt'));
console.log(`fonts/NotoSerif-vi.ttf: ${subset.length} bytes, ${text.length} characters`);
