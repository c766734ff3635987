// Report -> json / md / txt.
import type { Report } from './types.js';

export type ReportFormat = 'json' | 'md' | 'txt';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'md', 'txt'];

const headingLine = (s: Report['sections'][number]) => (s.heading ? `${s.number}${s.level === 3 ? ')' : '.'} ${s.heading}` : null);

function headerLines(r: Report): string[] {
  const h = r.header;
  return [
    h.partyHeader ?? h.nationalHeader,
    h.motto,
    h.parentBody,
    h.issuingBody,
    h.number ? `Số ${h.number}` : null,
    h.place || h.date ? [h.place, h.date].filter(Boolean).join(', ') : null,
  ].filter((l): l is string => Boolean(l));
}

/** The block as printed; the parsed fields when there is none (a report built by hand). */
const signatureLines = (r: Report): string[] =>
  r.signature.lines?.length ? r.signature.lines : [r.signature.authority, r.signature.position, r.signature.name].filter((x): x is string => Boolean(x));

function renderText(r: Report): string {
  const out: string[] = [...headerLines(r)];
  if (out.length) out.push('');
  if (r.documentType) out.push(r.documentType);
  if (r.title) out.push(r.title);
  if (r.period) out.push(`(${r.period.label})`);
  if (r.documentType || r.title) out.push('');
  for (const s of r.sections) {
    const h = headingLine(s);
    if (h) out.push(h);
    out.push(...s.paragraphs);
  }
  if (r.recipients.length) out.push('', 'Nơi nhận:', ...r.recipients.map((x) => `- ${x}`));
  const sig = signatureLines(r);
  if (sig.length) out.push('', ...sig);
  if (r.footnotes.length) out.push('', ...r.footnotes);
  return `${out.join('\n').trim()}\n`;
}

function renderMarkdown(r: Report): string {
  const meta: [string, string | null | undefined][] = [
    ['Loại văn bản', r.documentType],
    ['Cơ quan ban hành', [r.header.issuingBody, r.header.parentBody].filter(Boolean).join(' — ') || null],
    ['Số, ký hiệu', r.header.number],
    ['Địa danh, ngày', [r.header.place, r.header.date].filter(Boolean).join(', ') || null],
    ['Kỳ báo cáo', r.period ? `${r.period.label}${r.period.from ? ` (${r.period.from} – ${r.period.to})` : ''}` : null],
  ];
  const out: string[] = [`# ${r.title ?? r.documentType ?? 'Văn bản'}`, ''];
  const rows = meta.filter(([, v]) => v);
  if (rows.length) out.push('| | |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '');
  for (const s of r.sections) {
    const h = headingLine(s);
    if (h) out.push(`${'#'.repeat(Math.min(s.level + 1, 6))} ${h}`, '');
    for (const p of s.paragraphs) out.push(/^[-–•+]\s/.test(p) ? `- ${p.replace(/^[-–•+]\s+/, '')}` : p, '');
  }
  if (r.recipients.length) out.push('**Nơi nhận:**', '', ...r.recipients.map((x) => `- ${x}`), '');
  const sig = signatureLines(r);
  if (sig.length) out.push(`**Ký:** ${sig.join(' — ')}`, '');
  return `${out.join('\n').trim()}\n`;
}

export function renderReport(report: Report, format: ReportFormat, extras: Record<string, unknown> = {}): string {
  if (format === 'json') return `${JSON.stringify({ ...report, ...extras }, null, 2)}\n`;
  return format === 'md' ? renderMarkdown(report) : renderText(report);
}
