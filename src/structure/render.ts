// Report -> json / md / txt.
import { tableText } from './parse.js';
import type { Report } from './types.js';

export type ReportFormat = 'json' | 'md' | 'txt';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'md', 'txt'];

const headingLine = (s: Report['sections'][number]) => (s.heading ? `${s.number}${s.level === 3 ? ')' : '.'} ${s.heading}` : null);

/** The header as printed; built from its fields when there are no printed lines (a report built by hand). */
function headerLines(r: Report): string[] {
  const h = r.header;
  if (h.lines?.length) return h.lines;
  return [
    h.partyHeader ?? h.nationalHeader,
    h.motto,
    h.parentBodyPrinted ?? h.parentBody,
    h.issuingBodyPrinted ?? h.issuingBody,
    h.number ? `Số ${h.number}` : null,
    h.place || h.date ? [h.place, h.datePrinted ?? h.date].filter(Boolean).join(', ') : null,
  ].filter((l): l is string => Boolean(l));
}

/** The block as printed; the parsed fields when there is none (a report built by hand). */
const signatureLines = (r: Report): string[] =>
  r.signature.lines?.length ? r.signature.lines : [r.signature.authority, r.signature.position, r.signature.name].filter((x): x is string => Boolean(x));

/** The document's text as printed, in reading order: header (left column, then right), type and title, addressees, body, "Nơi nhận", signature, footnotes, an attached document. */
function renderText(r: Report): string {
  const out: string[] = [...headerLines(r)];
  if (out.length) out.push('');
  // A Công văn's title is its V/v summary, already among the header's printed lines.
  const letter = r.documentType === 'CÔNG VĂN' && r.header.lines?.length;
  if (r.documentType && !letter) out.push(r.documentType);
  if (r.title && !letter) out.push(r.title);
  // The period's line as printed; none when the title names it. A report built by hand has only the label.
  if (r.period && r.period.printed !== null) out.push(r.period.printed ?? `(${r.period.label})`);
  if ((r.documentType || r.title) && !letter) out.push('');
  const addressees = r.addresseeLines?.length ? r.addresseeLines : r.addressees;
  if (addressees.length) out.push(addressees.length === 1 ? `Kính gửi: ${addressees[0]}` : ['Kính gửi:', ...addressees.map((a) => `- ${a}`)].join('\n'), '');
  for (const s of r.sections) {
    const h = headingLine(s);
    if (h) out.push(h);
    out.push(...s.paragraphs);
  }
  const items = r.recipientLines?.length ? r.recipientLines : r.recipients;
  if (items.length) out.push('', 'Nơi nhận:', ...items.map((x) => `- ${x}`));
  const sig = signatureLines(r);
  if (sig.length) out.push('', ...sig);
  if (r.footnotes.length) out.push('', ...r.footnotes);
  if (r.annex) out.push('', r.annex);
  return `${out.join('\n').trim()}\n`;
}

const cell = (c: string) => c.replace(/\|/g, '\\|') || ' ';
function markdownTable(rows: readonly string[][]): string[] {
  const [head = [], ...body] = rows;
  return [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...body.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function renderMarkdown(r: Report): string {
  const meta: [string, string | null | undefined][] = [
    ['Loại văn bản', r.documentType],
    ['Cơ quan ban hành', [r.header.issuingBody, r.header.parentBody].filter(Boolean).join(' — ') || null],
    ['Số, ký hiệu', r.header.number],
    ['Địa danh, ngày', [r.header.place, r.header.datePrinted ?? r.header.date].filter(Boolean).join(', ') || null],
    ['Kỳ báo cáo', r.period ? `${r.period.label}${r.period.from ? ` (${r.period.from} – ${r.period.to})` : ''}` : null],
  ];
  const out: string[] = [`# ${r.title ?? r.documentType ?? 'Văn bản'}`, ''];
  const rows = meta.filter(([, v]) => v);
  if (rows.length) out.push('| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  for (const s of r.sections) {
    const h = headingLine(s);
    if (h) out.push(`${'#'.repeat(Math.min(s.level + 1, 6))} ${h}`, '');
    for (const p of s.paragraphs) {
      const table = r.tables?.find((t) => tableText(t.rows) === p);
      if (table) out.push(...markdownTable(table.rows), '');
      else out.push(/^[-–•+]\s/.test(p) ? `- ${p.replace(/^[-–•+]\s+/, '')}` : p, '');
    }
  }
  if (r.recipients.length) out.push('**Nơi nhận:**', '', ...r.recipients.map((x) => `- ${x}`), '');
  const sig = signatureLines(r);
  if (sig.length) out.push(`**Ký:** ${sig.join(' — ')}`, '');
  const d = r.digitalSignature;
  if (d) out.push(`**Ký số:** ${[d.signer, d.agency, d.email, d.timePrinted].filter(Boolean).join(' — ')}`, '');
  if (r.footnotes.length) out.push(...r.footnotes.map((f) => `> ${f}`), '');
  if (r.annex) out.push('---', '', ...r.annex.split('\n').flatMap((p) => [p, '']));
  return `${out.join('\n').trim()}\n`;
}

export function renderReport(report: Report, format: ReportFormat, extras: Record<string, unknown> = {}): string {
  if (format === 'json') return `${JSON.stringify({ ...report, ...extras }, null, 2)}\n`;
  return format === 'md' ? renderMarkdown(report) : renderText(report);
}
