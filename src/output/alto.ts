// The document model as ALTO XML 4.4 (<name>.alto.xml): pages, print space, text blocks, lines and strings at
// their boxes in pixels. CONTENT is the restored word, WC its confidence, and <ALTERNATIVE> the OCR's own
// reading where restoration changed it. Text-layer and .txt pages have lines without positions. Written as UTF-8
// parts, one a page: a 200-page document's ALTO built as one string held some 100 MB at the end of a run.
import path from 'node:path';
import { VERSION } from '../version.js';
import type { Box, DocumentModel, PageText } from '../types.js';
import { readingIfChanged, shownWords, wordConfidence, wordText } from './model.js';
import { xmlAttributes, xmlEscape } from './xml.js';

const position = (box: Box | undefined) => (box ? { HPOS: box.x0, VPOS: box.y0, WIDTH: box.x1 - box.x0, HEIGHT: box.y1 - box.y0 } : {});
const round = (n: number | undefined) => (n === undefined ? undefined : Math.round(n * 1000) / 1000);

function page(p: PageText): Buffer {
  const id = `P${p.page}`;
  const size = p.width && p.height ? { HEIGHT: p.height, WIDTH: p.width } : {};
  const out = [`    <Page${xmlAttributes({ ID: id, PHYSICAL_IMG_NR: p.page, ...size })}>`, `      <PrintSpace${xmlAttributes({ ID: `${id}_PS`, HPOS: p.width ? 0 : undefined, VPOS: p.height ? 0 : undefined, ...size })}>`];
  p.blocks.forEach((block, b) => {
    const lines = block.lines.map((l) => ({ line: l, words: shownWords(l) })).filter((l) => l.words.length);
    if (!lines.length) return;
    const blockId = `${id}_B${b + 1}`;
    out.push(`        <TextBlock${xmlAttributes({ ID: blockId, ...position(block.box) })}>`);
    lines.forEach(({ line, words }, l) => {
      const lineId = `${blockId}_L${l + 1}`;
      out.push(`          <TextLine${xmlAttributes({ ID: lineId, ...position(line.box) })}>`);
      words.forEach((word, w) => {
        if (w > 0) out.push('            <SP/>');
        const attributes = xmlAttributes({ ID: `${lineId}_S${w + 1}`, ...position(word.box), CONTENT: wordText(word), WC: round(wordConfidence(word)) });
        const reading = readingIfChanged(word);
        if (reading === undefined) out.push(`            <String${attributes}/>`);
        else out.push(`            <String${attributes}>`, `              <ALTERNATIVE PURPOSE="OCR">${xmlEscape(reading)}</ALTERNATIVE>`, '            </String>');
      });
      out.push('          </TextLine>');
    });
    out.push('        </TextBlock>');
  });
  out.push('      </PrintSpace>', '    </Page>', '');
  return Buffer.from(out.join('\n'), 'utf8');
}

export function renderAlto(doc: DocumentModel): Buffer[] {
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<alto xmlns="http://www.loc.gov/standards/alto/ns-v4#" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/standards/alto/v4/alto-4-4.xsd" SCHEMAVERSION="4.4">',
    '  <Description>',
    '    <MeasurementUnit>pixel</MeasurementUnit>',
    '    <sourceImageInformation>',
    `      <fileName>${xmlEscape(path.basename(doc.file))}</fileName>`,
    '    </sourceImageInformation>',
    '    <Processing ID="OCR">',
    '      <processingCategory>contentGeneration</processingCategory>',
    '      <processingStepDescription>OCR (tesseract.js, Vietnamese model) and diacritic restoration</processingStepDescription>',
    '      <processingSoftware>',
    '        <softwareName>vnocr</softwareName>',
    `        <softwareVersion>${xmlEscape(VERSION)}</softwareVersion>`,
    '      </processingSoftware>',
    '    </Processing>',
    '  </Description>',
    '  <Layout>',
    '',
  ];
  return [Buffer.from(head.join('\n'), 'utf8'), ...doc.pages.map(page), Buffer.from('  </Layout>\n</alto>\n', 'utf8')];
}
