// What PDF/A-2b asks of a file beyond embedded fonts: an output intent with an ICC profile, XMP metadata that
// says which part and level it claims and agrees with the document information, and a file identifier.
import { createHash } from 'node:crypto';
import { PDFArray, PDFDocument, PDFHexString, PDFName, PDFString } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { VERSION } from '../version.js';
import { xmlEscape } from './xml.js';

let srgb: Promise<Uint8Array> | undefined;

/** The sRGB profile libvips carries (so no profile file is shipped): read off a one-pixel PNG it tags with it. */
function srgbProfile(): Promise<Uint8Array> {
  srgb ??= (async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } }).withIccProfile('srgb').png().toBuffer();
    const { icc } = await sharp(png).metadata();
    if (!icc) throw new Error('sharp gave no sRGB profile');
    return new Uint8Array(icc);
  })();
  return srgb;
}

/** XMP dates: ISO 8601 in UTC, to the second. */
const xmpDate = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

function xmp(title: string, date: Date): string {
  const producer = `vnocr ${VERSION}`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(title)}</rdf:li></rdf:Alt></dc:title>
   <xmp:CreateDate>${xmpDate(date)}</xmp:CreateDate>
   <xmp:ModifyDate>${xmpDate(date)}</xmp:ModifyDate>
   <xmp:CreatorTool>${producer}</xmp:CreatorTool>
   <pdf:Producer>${producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Marks the document as PDF/A-2b: document information and XMP that agree, sRGB output intent, file identifier. */
export async function markPdfA(pdf: PDFDocument, title: string): Promise<void> {
  // Whole seconds, so the information dictionary and the XMP give the same instant.
  const date = new Date(Math.floor(Date.now() / 1000) * 1000);
  const producer = `vnocr ${VERSION}`;
  pdf.setTitle(title);
  pdf.setProducer(producer);
  pdf.setCreator(producer);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  const { context, catalog } = pdf;
  const metadata = context.stream(Buffer.from(xmp(title, date), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));
  const profile = context.flateStream(await srgbProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(profile),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]) as PDFArray);
  const id = PDFHexString.of(createHash('md5').update(`${title}\n${date.toISOString()}\n${pdf.getPageCount()}`).digest('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
}
