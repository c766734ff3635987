import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareFields } from '../src/eval/fields.js';
import { reflow, renderReport, structureReport } from '../src/structure/index.js';
import { projectRoot, runCli } from './helpers/cli.js';

const dev = path.join(projectRoot, 'fixtures/reports/dev');

describe('reflow', () => {
  it('joins wrapped lines, keeps bullets and headings apart, drops page numbers', () => {
    const lines = ['1. Kết quả', '- Ban hành Báo cáo số 142-', 'BC/BTGDVTU ngày 16/10/2025 về tình hình', 'triển khai.', '', '- 3 -', '- Ý thứ hai'];
    expect(reflow(lines)).toEqual(['1. Kết quả', '- Ban hành Báo cáo số 142-BC/BTGDVTU ngày 16/10/2025 về tình hình triển khai.', '- Ý thứ hai']);
  });

  it('keeps a hyphen between words that are not one code', () => {
    expect(reflow(['Phong trào thi đua -', 'khen thưởng'])).toEqual(['Phong trào thi đua - khen thưởng']);
  });
});

describe('structureReport', () => {
  it.each(readdirSync(dev).filter((f) => f.endsWith('.txt')))('finds every expected field of %s', (file) => {
    const expected = JSON.parse(readFileSync(path.join(dev, file.replace(/\.txt$/, '.json')), 'utf8'));
    const results = compareFields(structureReport(readFileSync(path.join(dev, file), 'utf8')), expected);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('separates a merged two-column header line of unaccented OCR text', () => {
    const r = structureReport('TINH UY THANH HOA PANG CONG SAN VIET NAM\nBAN TUYEN GIAO VA DAN VAN\n, * Thanh Hoa, ngay 27 thang 11 nam 2025\nS6 60-BC/BTGDVTU\n\nBAO CAO\nTinh hinh trien khai\n(Tuan 48 nam 2025, tu ngay 24/11 den 30/11)\n');
    expect(r.header).toMatchObject({ partyHeader: 'ĐẢNG CỘNG SẢN VIỆT NAM', number: '60-BC/BTGDVTU', date: '2025-11-27', place: 'Thanh Hoa' });
    expect(r.header.parentBody?.toLowerCase()).toBe('tinh uy thanh hoa');
    expect(r.documentType).toBe('BÁO CÁO');
    expect(r.period).toMatchObject({ from: '2025-11-24', to: '2025-11-30' });
  });

  it('takes the year of a period that crosses into the next year', () => {
    const r = structureReport('BÁO CÁO\nTình hình\n(Tuần 1 năm 2025, từ ngày 30/12 đến 05/01)\n');
    expect(r.period).toMatchObject({ from: '2024-12-30', to: '2025-01-05' });
  });

  it.each([[''], ['một dòng chữ bất kỳ không phải báo cáo'], ['BÁO CÁO'], ['Nơi nhận:\n-']])('never crashes on %j and leaves missing parts null', (text) => {
    const r = structureReport(text);
    expect(r.header.number).toBeNull();
    expect(r.signature.name).toBeNull();
    for (const format of ['json', 'md', 'txt'] as const) expect(typeof renderReport(r, format)).toBe('string');
  });

  it('keeps non-report text, reflowed, with an empty structure', () => {
    const r = structureReport('Hôm nay trời đẹp,\nchúng tôi đi dạo.\n\nĐoạn thứ hai.');
    expect(r.documentType).toBeNull();
    expect(r.text).toBe('Hôm nay trời đẹp, chúng tôi đi dạo.\nĐoạn thứ hai.');
  });

  it('renders markdown with a metadata block and headings', () => {
    const md = renderReport(structureReport(readFileSync(path.join(dev, 'party-weekly.txt'), 'utf8')), 'md');
    expect(md).toMatch(/^# Kết quả triển khai/);
    expect(md).toContain('| Số, ký hiệu | 75-BC/BTGDVTU |');
    expect(md).toMatch(/^### 1\. Kết quả nổi bật trong tuần$/m);
  });

  it('parses seed report 001 (English-model OCR) when the shared seeds are present', async (ctx) => {
    const seeds = path.join(projectRoot, '../shared/seeds');
    if (!existsSync(seeds)) return ctx.skip();
    const file = readdirSync(seeds).find((f) => f.startsWith('001_'))!;
    const r = structureReport(readFileSync(path.join(seeds, file), 'utf8'));
    expect(r.header).toMatchObject({ number: '60-BC/BTGDVTU', date: '2025-11-27', partyHeader: 'ĐẢNG CỘNG SẢN VIỆT NAM' });
    expect(r.documentType).toBe('BÁO CÁO');
    expect(r.period).toMatchObject({ from: '2025-11-24', to: '2025-11-30' });
    expect(r.recipients.length).toBeGreaterThan(3);
  });
});

describe('vnocr structure', () => {
  it('validates --format and prints the chosen format', async () => {
    const file = path.join(dev, 'party-weekly.txt');
    const json = await runCli(['structure', file, '--format', 'json']);
    expect(JSON.parse(json.stdout).header.number).toBe('75-BC/BTGDVTU');
    const bad = await runCli(['structure', file, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of json, md, txt \(got "xml"\)/);
  });
});
