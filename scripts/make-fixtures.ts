// Regenerates the committed fixture scans from fixtures/text/: the bundled sample (fixtures/sample/) and
// small test pages and bad inputs (fixtures/pages/, fixtures/bad/). Run: npx tsx scripts/make-fixtures.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { projectRoot } from './lib/corpus.js';
import { writePdf } from './lib/pdf.js';
import { PRESETS, renderPages } from './lib/render.js';

const dir = (name: string) => {
  const d = path.join(projectRoot, 'fixtures', name);
  mkdirSync(d, { recursive: true });
  return d;
};
const report = readFileSync(path.join(projectRoot, 'fixtures/reports/dev/party-weekly.txt'), 'utf8');

// The bundled sample: the report as a two-page office-quality scan (JPEG pages) and as an image-only PDF.
const office = { ...PRESETS.office, dpi: 200, fontSizePt: 16, noise: 4, jpegQuality: 55 };
const pages = await renderPages(report, office);
const sample = dir('sample');
const pdfPages = [];
writeFileSync(path.join(sample, 'report-page1.jpg'), pages[0]!.image);
for (const p of pages) {
  const meta = await sharp(p.image).metadata();
  pdfPages.push({ jpeg: p.image, width: meta.width!, height: meta.height!, dpi: office.dpi });
}
writeFileSync(path.join(sample, 'report.pdf'), writePdf(pdfPages));

// A small test page: three lines, cropped, clean.
const line = 'Sở Khoa học và Công nghệ tổ chức tập huấn chuyển đổi số\ncho cán bộ, công chức trên địa bàn tỉnh Thanh Hóa.';
const [small] = await renderPages(line, { ...PRESETS.clean, dpi: 200 });
const cropped = await sharp(small!.image).extract({ left: 0, top: 0, width: 1654, height: 420 }).png().toBuffer();
const pagesDir = dir('pages');
writeFileSync(path.join(pagesDir, 'line.png'), cropped);
writeFileSync(path.join(projectRoot, 'fixtures/text/line.txt'), `${line}\n`);
const tilted = await sharp(cropped).rotate(4, { background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
writeFileSync(path.join(pagesDir, 'line-tilted.jpg'), tilted);
await sharp(cropped).tiff().toFile(path.join(pagesDir, 'line.tiff'));
const meta = await sharp(cropped).metadata();
const jpeg = await sharp(cropped).jpeg({ quality: 80 }).toBuffer();
writeFileSync(
  path.join(pagesDir, 'text-layer.pdf'),
  writePdf([{ jpeg, width: meta.width!, height: meta.height!, dpi: 200, textLines: ['So Khoa hoc va Cong nghe to chuc tap huan chuyen doi so', 'cho can bo, cong chuc tren dia ban tinh Thanh Hoa.'] }]),
);
writeFileSync(path.join(pagesDir, 'blank.png'), await sharp({ create: { width: 600, height: 800, channels: 3, background: '#ffffff' } }).png().toBuffer());

// Bad inputs, one per failure the batch must report.
const bad = dir('bad');
const pdf = readFileSync(path.join(pagesDir, 'text-layer.pdf'));
writeFileSync(path.join(bad, 'truncated.pdf'), pdf.subarray(0, Math.floor(pdf.length / 3)));
writeFileSync(path.join(bad, 'corrupt.png'), Buffer.concat([cropped.subarray(0, 64), Buffer.alloc(200, 7)]));
writeFileSync(path.join(bad, 'empty.jpg'), '');
writeFileSync(path.join(bad, 'tiny.png'), await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000000' } }).png().toBuffer());
writeFileSync(path.join(bad, 'binary.txt'), Buffer.from([0x00, 0x9d, 0xff, 0xfe, 0x81, 0x00, 0x8f, 0x90]));
writeFileSync(
  path.join(bad, 'encrypted.pdf'),
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    '3 0 obj << /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (0123456789abcdef0123456789abcdef) /P -4 >> endobj\n' +
    'trailer << /Root 1 0 R /Encrypt 3 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>\n%%EOF\n',
);
writeFileSync(path.join(bad, 'notes.docx'), 'PK not really a docx');
console.log('fixtures written');
