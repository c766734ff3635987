// The document model as hOCR 1.2 (<name>.hocr): ocr_page, ocr_carea, ocr_par, ocr_line and ocrx_word with their
// bbox and x_wconf, holding the restored words. Where restoration changed a word, the word holds both readings as
// hOCR's alternatives: the restored one as <ins>, the OCR's as <del>, each with its negative log probability (nlp)
// when the restorer gave a confidence. Text-layer and .txt pages have lines without boxes. Written as UTF-8 parts,
// one a page, as the ALTO is.
import path from 'node:path';
import { VERSION } from '../version.js';
import type { Box, DocumentModel, PageText, TextLine, Word } from '../types.js';
import { readingIfChanged, shownWords, wordConfidence, wordText } from './model.js';
import { xmlEscape } from './xml.js';

const bbox = (box: Box | undefined) => (box ? [`bbox ${box.x0} ${box.y0} ${box.x1} ${box.y1}`] : []);
const title = (parts: string[]) => (parts.length ? ` title="${xmlEscape(parts.join('; '))}"` : '');

/** -ln p to 3 decimals, as hOCR's nlp property takes it; none for a probability of 0 or unknown. */
const nlp = (p: number | undefined) => (p === undefined || p <= 0 ? [] : [`nlp ${Math.round(-Math.log(Math.min(p, 1)) * 1000) / 1000}`]);

/** The word's text: its restored form, with the OCR's reading beside it as the less likely alternative where they differ. */
function wordContent(word: Word): string {
  const reading = readingIfChanged(word);
  if (reading === undefined) return xmlEscape(wordText(word));
  const p = word.restoredConfidence;
  return `<span class="alternatives"><ins class="alt"${title(nlp(p))}>${xmlEscape(wordText(word))}</ins><del class="alt"${title(nlp(p === undefined ? undefined : 1 - p))}>${xmlEscape(reading)}</del></span>`;
}

/** Runs of consecutive lines of one paragraph. */
function paragraphs(lines: TextLine[]): TextLine[][] {
  const runs: TextLine[][] = [];
  for (const line of lines) {
    const run = runs.at(-1);
    if (run && run[0]!.paragraph === line.paragraph) run.push(line);
    else runs.push([line]);
  }
  return runs;
}

function page(p: PageText, image: string): Buffer {
  const id = `page_${p.page}`;
  const size = p.width && p.height ? [`bbox 0 0 ${p.width} ${p.height}`] : [];
  const resolution = p.dpi ? [`scan_res ${p.dpi} ${p.dpi}`] : [];
  const out = [`  <div class="ocr_page" id="${id}"${title([`image "${image.replace(/"/g, '')}"`, ...size, `ppageno ${p.page - 1}`, ...resolution])}>`];
  let words = 0;
  let lines = 0;
  p.blocks.forEach((block, b) => {
    const shown = block.lines.filter((l) => shownWords(l).length);
    if (!shown.length) return;
    out.push(`   <div class="ocr_carea" id="block_${p.page}_${b + 1}"${title(bbox(block.box))}>`);
    paragraphs(shown).forEach((run, r) => {
      out.push(`    <p class="ocr_par" id="par_${p.page}_${b + 1}_${r + 1}" lang="vie">`);
      for (const line of run) {
        out.push(`     <span class="ocr_line" id="line_${p.page}_${++lines}"${title(bbox(line.box))}>`);
        const spans = shownWords(line).map((word) => {
          const confidence = wordConfidence(word);
          const conf = confidence === undefined ? [] : [`x_wconf ${Math.round(confidence * 100)}`];
          return `      <span class="ocrx_word" id="word_${p.page}_${++words}"${title([...bbox(word.box), ...conf])}>${wordContent(word)}</span>`;
        });
        out.push(spans.join('\n'), '     </span>');
      }
      out.push('    </p>');
    });
    out.push('   </div>');
  });
  out.push('  </div>', '');
  return Buffer.from(out.join('\n'), 'utf8');
}

export function renderHocr(doc: DocumentModel): Buffer[] {
  const image = path.basename(doc.file);
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">',
    ' <head>',
    `  <title>${xmlEscape(image)}</title>`,
    '  <meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>',
    `  <meta name="ocr-system" content="vnocr ${xmlEscape(VERSION)}"/>`,
    '  <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf ocrp_nlp"/>',
    ' </head>',
    ' <body>',
    '',
  ];
  return [Buffer.from(head.join('\n'), 'utf8'), ...doc.pages.map((p) => page(p, image)), Buffer.from(' </body>\n</html>\n', 'utf8')];
}
