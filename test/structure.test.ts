import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../scripts/lib/corpus.js';
import { compareFields } from '../src/eval/fields.js';
import { LOW_CONFIDENCE } from '../src/structure/confidence.js';
import { findTables } from '../src/structure/layout.js';
import { layoutFromWords } from '../src/structure/page-rebuild.js';
import { wordTable } from '../src/structure/word-table.js';
import { reflow, renderReport, structureReport } from '../src/structure/index.js';
import type { OcrWord } from '../src/types.js';
import { projectRoot, runCli } from './helpers/cli.js';

const dev = path.join(projectRoot, 'fixtures/reports/dev');

describe('reflow', () => {
  it('joins wrapped lines, keeps bullets and headings apart, drops page numbers', () => {
    const lines = ['1. Kết quả', '- Ban hành Báo cáo số 142-', 'BC/BTGDVTU ngày 16/10/2025 về tình hình', 'triển khai.', '', '- 3 -', '- Ý thứ hai'];
    expect(reflow(lines)).toEqual(['1. Kết quả', '- Ban hành Báo cáo số 142-BC/BTGDVTU ngày 16/10/2025 về tình hình triển khai.', '- Ý thứ hai']);
  });

  it('joins a line that a wrap began with the dash of a name, but keeps a list\'s dashes its own', () => {
    expect(reflow(['Tham dự có lãnh đạo Ban Văn hóa', '– Xã hội, Ban Dân tộc HĐND tỉnh.'])).toEqual(['Tham dự có lãnh đạo Ban Văn hóa – Xã hội, Ban Dân tộc HĐND tỉnh.']);
    expect(reflow(['Thành phần gồm:', '– Ban Văn hóa', '– Ban Dân tộc'])).toEqual(['Thành phần gồm:', '– Ban Văn hóa', '– Ban Dân tộc']);
  });

  it('keeps a hyphen between words that are not one code', () => {
    expect(reflow(['Phong trào thi đua -', 'khen thưởng'])).toEqual(['Phong trào thi đua - khen thưởng']);
    expect(reflow(['phát triển kinh tế-', 'xã hội'])).toEqual(['phát triển kinh tế- xã hội']);
  });

  it('joins a code split at its hyphen across a page break', () => {
    expect(reflow(['theo Kế hoạch số 31-', '', 'Trang 2', '', 'KH/ĐU ngày 02/3/2025.'])).toEqual(['theo Kế hoạch số 31-KH/ĐU ngày 02/3/2025.']);
  });

  it('drops a running header that comes back on every page', () => {
    const running = 'Báo cáo tuần - Đảng ủy phường Đông Sơn';
    expect(reflow([running, 'Đoạn văn bắt đầu ở trang một', '- 2 -', running, 'và kết thúc ở trang hai.'])).toEqual(['Đoạn văn bắt đầu ở trang một và kết thúc ở trang hai.']);
  });

  it('keeps a line that repeats inside running text', () => {
    const row = 'Tỷ lệ hoàn thành đạt 100% kế hoạch';
    const lines = ['Xã thứ nhất báo cáo:', row, 'so với cùng kỳ.', '', 'Xã thứ hai báo cáo:', row, 'so với cùng kỳ.'];
    expect(reflow(lines)).toEqual([`Xã thứ nhất báo cáo: ${row} so với cùng kỳ.`, `Xã thứ hai báo cáo: ${row} so với cùng kỳ.`]);
  });

  it('starts a paragraph at every kind of heading, a capitals line and "Điều N."', () => {
    const lines = ['I. KẾT QUẢ', 'a) Tuyên truyền', 'nội dung một', 'II NHIỆM VỤ', 'nội dung hai', 'Điều 2. Hiệu lực', 'thi hành.'];
    expect(reflow(lines)).toEqual(['I. KẾT QUẢ', 'a) Tuyên truyền nội dung một', 'II NHIỆM VỤ', 'nội dung hai', 'Điều 2. Hiệu lực thi hành.']);
  });

  it('starts a paragraph at a line indented past the one before it, as a laid-out page prints a first line', () => {
    const lines = [
      '      3. Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội',
      '      Vận động đoàn viên, hội viên tích cực tham gia các hoạt động',
      'kỷ niệm; thăm hỏi gia đình chính sách.',
      '      Tặng quà người có công.',
    ];
    expect(reflow(lines)).toEqual([
      '3. Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội',
      'Vận động đoàn viên, hội viên tích cực tham gia các hoạt động kỷ niệm; thăm hỏi gia đình chính sách.',
      'Tặng quà người có công.',
    ]);
    // Text without its layout (OCR's lines, flattened) joins as before: no indentation to go by.
    expect(reflow(lines.map((l) => l.trim())).length).toBe(1);
    // A page rebuilt from OCR's boxes sets a wrapped line a few columns off the margin: that is no first line.
    expect(reflow(['        - Tạo điều kiện cho các hộ tiếp cận vốn vay ưu đãi của', '   NHCSXH, nhất là các hộ ở buôn Ea Kly.', 'Thường vụ Huyện ủy.'])).toEqual([
      '- Tạo điều kiện cho các hộ tiếp cận vốn vay ưu đãi của NHCSXH, nhất là các hộ ở buôn Ea Kly. Thường vụ Huyện ủy.',
    ]);
  });

  it('carries a sentence on across a page break, its page number and the blank lines around it', () => {
    const lines = ['Thành phần gồm lãnh đạo Ủy ban Mặt', '', '                2', '', 'trận Tổ quốc huyện.', '', '- 3 -', '', 'Một đoạn mới.'];
    expect(reflow(lines)).toEqual(['Thành phần gồm lãnh đạo Ủy ban Mặt trận Tổ quốc huyện.', 'Một đoạn mới.']);
    // OCR'd pages read without their page number: the next page's first line carries the sentence on in lower case.
    expect(reflow(['Thành phần gồm lãnh đạo Ủy ban Mặt', '', 'trận Tổ quốc huyện.', '', 'Một đoạn mới.'])).toEqual(['Thành phần gồm lãnh đạo Ủy ban Mặt trận Tổ quốc huyện.', 'Một đoạn mới.']);
    expect(reflow(['Kết quả đạt được', '', 'Các xã đã triển khai.'])).toEqual(['Kết quả đạt được', 'Các xã đã triển khai.']);
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

  it('reads issuing bodies that OCR or restoration handed back in title case', () => {
    const r = structureReport('Đảng Bộ Tỉnh Thanh Hóa\nĐảng Ủy Xã Yên Trường\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 12-BC/ĐU\n\nBÁO CÁO\nTình hình');
    expect(r.header).toMatchObject({ parentBody: 'Đảng Bộ Tỉnh Thanh Hóa', issuingBody: 'Đảng Ủy Xã Yên Trường', number: '12-BC/ĐU' });
  });

  it('writes bodies in title case and keeps acronyms', () => {
    expect(structureReport('UBND TỈNH THANH HÓA\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 9/BC-SVHTTDL\nBÁO CÁO\nX').header).toMatchObject({ parentBody: 'UBND Tỉnh Thanh Hóa', issuingBody: 'Sở Văn Hóa, Thể Thao Và Du Lịch' });
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

  it('keeps every word of running text that mentions a number and a date near the top of the page', () => {
    // A page from the middle of a document: no header, but prose that cites "số …" and "ngày … tháng … năm".
    const page = [
      'Theo hướng dẫn của cơ quan cấp trên, các đơn vị tiếp tục rà soát hồ sơ',
      'đã tiếp nhận trong quý và báo cáo kết quả theo Công văn số 12/2024/CV-UBND',
      'trước ngày 15 tháng 3 năm 2025 để tổng hợp chung.',
      '',
      '3. Kết quả thực hiện',
      'Các xã đã hoàn thành việc cập nhật dữ liệu.',
    ].join('\n');
    const r = structureReport(page);
    expect(r.header.number).toBeNull();
    expect(r.header.date).toBeNull();
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    const rendered = new Set(words(renderReport(r, 'txt')));
    expect(words(page).filter((w) => !rendered.has(w) && !/^\d+\.$/.test(w))).toEqual([]);
  });

  it('renders markdown with a metadata block and headings', () => {
    const md = renderReport(structureReport(readFileSync(path.join(dev, 'party-weekly.txt'), 'utf8')), 'md');
    expect(md).toMatch(/^# Kết quả triển khai/);
    expect(md).toContain('| Số, ký hiệu | 75-BC/BTGDVTU |');
    expect(md).toMatch(/^### 1\. Kết quả nổi bật trong tuần$/m);
  });

  it('parses seed report 001 (English-model OCR) when the shared seeds are present', async (ctx) => {
    const seeds = path.join(sharedDir, 'seeds');
    if (!existsSync(seeds)) return ctx.skip();
    const file = readdirSync(seeds).find((f) => f.startsWith('001_'))!;
    const r = structureReport(readFileSync(path.join(seeds, file), 'utf8'));
    expect(r.header).toMatchObject({ number: '60-BC/BTGDVTU', date: '2025-11-27', partyHeader: 'ĐẢNG CỘNG SẢN VIỆT NAM' });
    expect(r.documentType).toBe('BÁO CÁO');
    expect(r.period).toMatchObject({ from: '2025-11-24', to: '2025-11-30' });
    expect(r.recipients.length).toBeGreaterThan(3);
  });
});

// A complete State report written for these tests: every key of the schema has a value.
const FULL = [
  'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'PHƯỜNG ĐÔNG SƠN Độc lập - Tự do - Hạnh phúc',
  'Số: 77/BC-UBND Đông Sơn, ngày 10 tháng 3 năm 2025',
  '',
  'BÁO CÁO',
  'Kết quả cấp căn cước cho công dân',
  '(Từ ngày 03/3 đến ngày 09/3)',
  '',
  'Thực hiện Kế hoạch số 12/KH-UBND ngày 06/01/2025 của UBND phường, UBND phường báo cáo như sau:',
  'I. KẾT QUẢ',
  '1. Cấp căn cước',
  'a) Tại trụ sở',
  '- Tiếp nhận 312 hồ sơ¹.',
  'II. ĐỀ XUẤT',
  'Đề nghị xem hướng dẫn tại https://dichvucong.gov.vn/cuoc-cuoc.',
  '',
  'Nơi nhận:',
  '- Công an tỉnh (để b/c);',
  '- Lưu: VT.',
  'TM. ỦY BAN NHÂN DÂN',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'Lò Văn Pọm',
  '',
  '¹ Gồm 40 hồ sơ cấp đổi.',
].join('\n');

describe('every key of the schema', () => {
  const r = structureReport(FULL);

  it('has exactly the documented keys', () => {
    expect(Object.keys(r)).toEqual([
      'schemaVersion', 'header', 'documentType', 'title', 'period', 'sections', 'addressees', 'addresseeLines', 'recipients', 'recipientLines', 'signature',
      'digitalSignature', 'digitalSignatures', 'tables', 'footnotes', 'footnoteLinks', 'references', 'urls', 'confidence', 'uncertain', 'text', 'annex',
    ]);
    expect(r.schemaVersion).toBe('1.8');
  });

  it('takes a merged two-column header apart', () => {
    expect(r.header).toEqual({
      partyHeader: null,
      nationalHeader: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      parentBody: 'Ủy Ban Nhân Dân',
      issuingBody: 'Phường Đông Sơn',
      number: '77/BC-UBND',
      place: 'Đông Sơn',
      date: '2025-03-10',
      datePrinted: 'ngày 10 tháng 3 năm 2025',
      parentBodyPrinted: 'ỦY BAN NHÂN DÂN',
      issuingBodyPrinted: 'PHƯỜNG ĐÔNG SƠN',
      lines: expect.any(Array),
    });
  });

  it('reads type, title and a period whose year is the document\'s', () => {
    expect(r.documentType).toBe('BÁO CÁO');
    expect(r.title).toBe('Kết quả cấp căn cước cho công dân');
    expect(r.period).toEqual({ label: 'Từ ngày 03/3 đến ngày 09/3', from: '2025-03-03', to: '2025-03-09', printed: '(Từ ngày 03/3 đến ngày 09/3)' });
    expect(renderReport(r, 'txt')).toContain('\n(Từ ngày 03/3 đến ngày 09/3)\n');
  });

  it('splits the body into numbered sections of three levels', () => {
    expect(r.sections.map((s) => [s.number, s.level, s.heading, s.paragraphs])).toEqual([
      [null, 0, null, ['Thực hiện Kế hoạch số 12/KH-UBND ngày 06/01/2025 của UBND phường, UBND phường báo cáo như sau:']],
      ['I', 1, 'KẾT QUẢ', []],
      ['1', 2, 'Cấp căn cước', []],
      ['a', 3, 'Tại trụ sở', ['- Tiếp nhận 312 hồ sơ¹.']],
      ['II', 1, 'ĐỀ XUẤT', ['Đề nghị xem hướng dẫn tại https://dichvucong.gov.vn/cuoc-cuoc.']],
    ]);
    expect(r.text.split('\n')[1]).toBe('I. KẾT QUẢ');
    expect(r.text).toContain('a) Tại trụ sở');
  });

  it('reads the bottom block: recipients, signature, footnotes', () => {
    expect(r.recipients).toEqual(['Công an tỉnh (để b/c)', 'Lưu: VT']);
    expect(r.signature).toMatchObject({ authority: 'TM.', position: 'PHÓ CHỦ TỊCH', name: 'Lò Văn Pọm' });
    // The block as printed: who the signer acts for and the delegation are not lost.
    expect(r.signature.lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lò Văn Pọm']);
    expect(r.footnotes).toEqual(['1 Gồm 40 hồ sơ cấp đổi.']);
  });

  it("reads OCR's comma for the stop of 'KT.' as an authority, in a merged line too", () => {
    const report = structureReport('BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Như Điều 4; KT, CHỦ TỊCH\n- CT, PCT UBND tỉnh; PHÓ CHỦ TỊCH\n- Lưu: VT.\nTrần Văn Bình');
    expect(report.recipients).toEqual(['Như Điều 4', 'CT, PCT UBND tỉnh', 'Lưu: VT']);
    expect(report.signature).toMatchObject({ authority: 'KT.', position: 'PHÓ CHỦ TỊCH', name: 'Trần Văn Bình', lines: ['KT, CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Trần Văn Bình'] });
  });

  it('reads a line ending in a semicolon between items as an item whose dash OCR lost', () => {
    const report = structureReport('BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Như Điều 3;\nVPUB: PCVP (NC);\nCổng TTĐT tỉnh;\n- Lưu: VT, NC.\nCHỦ TỊCH\nHoàng Văn An');
    expect(report.recipients).toEqual(['Như Điều 3', 'VPUB: PCVP (NC)', 'Cổng TTĐT tỉnh', 'Lưu: VT, NC']);
    expect(report.signature).toMatchObject({ position: 'CHỦ TỊCH', name: 'Hoàng Văn An', lines: ['CHỦ TỊCH', 'Hoàng Văn An'] });
  });

  it('lists references and web addresses', () => {
    expect(r.references).toEqual([{ type: 'Kế hoạch', number: '12/KH-UBND', date: '2025-01-06', text: 'Kế hoạch số 12/KH-UBND ngày 06/01/2025' }]);
    expect(r.urls).toEqual(['https://dichvucong.gov.vn/cuoc-cuoc']);
  });

  it('renders plain text as printed, in the order of the document', () => {
    const txt = renderReport(r, 'txt');
    // Lines OCR gave merged stay merged; case, the date and the list's punctuation as printed.
    expect(txt.split('\n').slice(0, 5)).toEqual(FULL.split('\n').slice(0, 5));
    expect(txt).toContain('(Từ ngày 03/3 đến ngày 09/3)\n');
    expect(txt).toMatch(/^a\) Tại trụ sở$/m);
    expect(txt).toContain('Nơi nhận:\n- Công an tỉnh (để b/c);\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLò Văn Pọm\n\n1 Gồm 40 hồ sơ cấp đổi.\n');
  });

  it('renders markdown with metadata, heading levels, lists and the signature', () => {
    const md = renderReport(r, 'md');
    expect(md).toMatch(/^# Kết quả cấp căn cước cho công dân\n/);
    expect(md).toContain('| Kỳ báo cáo | Từ ngày 03/3 đến ngày 09/3 (2025-03-03 – 2025-03-09) |');
    expect(md).toMatch(/^## I\. KẾT QUẢ$/m);
    expect(md).toMatch(/^### 1\. Cấp căn cước$/m);
    expect(md).toMatch(/^#### a\) Tại trụ sở$/m);
    expect(md).toContain('- Tiếp nhận 312 hồ sơ¹.');
    expect(md).toContain('**Ký:** TM. ỦY BAN NHÂN DÂN — KT. CHỦ TỊCH — PHÓ CHỦ TỊCH — Lò Văn Pọm');
  });
});

describe('titles', () => {
  it.each([
    ['a decision\'s first article', 'QUYẾT ĐỊNH\nVề việc thành lập Tổ kiểm tra\nĐiều 1. Thành lập Tổ kiểm tra gồm 5 thành viên.', 'Về việc thành lập Tổ kiểm tra'],
    ['a numbered heading', 'KẾ HOẠCH\nTổ chức Hội thi tin học\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao kỹ năng.', 'Tổ chức Hội thi tin học'],
    ['the issuer\'s line in capitals', 'QUYẾT ĐỊNH\nBan hành Quy chế làm việc\ncủa Ủy ban nhân dân xã\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ\nCăn cứ Luật Tổ chức chính quyền địa phương;', 'Ban hành Quy chế làm việc của Ủy ban nhân dân xã'],
    ['a body line after a blank', 'THÔNG BÁO\nLịch tiếp công dân\n\nỦy ban nhân dân xã thông báo lịch tiếp công dân như sau:\n- Thứ Hai hằng tuần.', 'Lịch tiếp công dân'],
    ['a separator', 'BÁO CÁO\nTình hình an ninh trật tự\n-----\nTrong tháng, tình hình ổn định.', 'Tình hình an ninh trật tự'],
  ])('stops at %s', (_, text, title) => {
    expect(structureReport(text).title).toBe(title);
  });

  it('keeps an anniversary in parentheses in the title and finds no period there', () => {
    const r = structureReport('KẾ HOẠCH\nkỷ niệm 80 năm Ngày Cách mạng tháng Tám\n(19/8/1945 - 19/8/2025)\n\nI. MỤC ĐÍCH');
    expect(r.title).toBe('kỷ niệm 80 năm Ngày Cách mạng tháng Tám (19/8/1945 - 19/8/2025)');
    expect(r.period).toBeNull();
  });

  it('keeps a header whose number and day were left blank in one column, and says so of both', () => {
    const header = ['ỦY BAN NHÂN DÂN', 'TỈNH QUẢNG NGÃI', 'Số:     /UBND-VP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Ngãi, ngày    tháng    năm 2025'];
    const r = structureReport([...header, '', 'Kính gửi: Các sở, ban, ngành tỉnh.', '', 'Đề nghị các sở rà soát, báo cáo trước ngày 30/6/2025.'].join('\n'));
    expect(r.header.lines).toEqual(header);
    expect(r.header).toMatchObject({ issuingBodyPrinted: 'TỈNH QUẢNG NGÃI', place: 'Quảng Ngãi', number: null, date: null });
    expect(r.uncertain.map((u) => u.field)).toEqual(['header.number', 'header.date']);
    expect(r.addressees).toEqual(['Các sở, ban, ngành tỉnh']);
    expect(r.sections[0]!.paragraphs).toEqual(['Đề nghị các sở rà soát, báo cáo trước ngày 30/6/2025.']);
    expect(renderReport(r, 'txt').match(/Độc lập/g)).toHaveLength(1);
  });

  it("flags a report's period that does not fit its date (a roman numeral's stroke lost), not a plan's", () => {
    const report = (type: string, period: string, date: string) =>
      structureReport(['ĐẢNG ỦY XÃ YÊN HÒA', 'Số 12-BC/ĐU', `Yên Hòa, ${date}`, '', type, `kết quả công tác phát triển đảng viên ${period}`, '', 'Nội dung.'].join('\n'));
    const lost = report('BÁO CÁO', 'quý II năm 2025', 'ngày 29 tháng 9 năm 2025');
    expect(lost.period).toMatchObject({ from: '2025-04-01', to: '2025-06-30' });
    expect(lost.confidence.period).toBeLessThan(LOW_CONFIDENCE);
    expect(report('BÁO CÁO', 'quý III năm 2025', 'ngày 29 tháng 9 năm 2025').confidence.period).toBe(1);
    expect(report('BÁO CÁO', 'quý II năm 2025', 'ngày 10 tháng 7 năm 2025').confidence.period).toBe(1);
    expect(report('KẾ HOẠCH', 'quý II năm 2026', 'ngày 29 tháng 9 năm 2025').confidence.period).toBe(1);
  });

  it('prints a text without a header once: its first lines are its body', () => {
    const r = structureReport('Báo cáo kết quả thực hiện');
    expect(r.header.lines).toEqual([]);
    expect(renderReport(r, 'txt')).toBe('Báo cáo kết quả thực hiện\n');
  });

  it('reads a Công văn\'s V/v summary over two lines', () => {
    const r = structureReport('UBND XÃ AN NÔNG\nSố: 45/UBND-VP\nV/v rà soát hộ nghèo\nnăm 2025\nAn Nông, ngày 02 tháng 6 năm 2025\n\nKính gửi: Các thôn.\n\nĐề nghị các thôn rà soát.');
    expect(r.documentType).toBe('CÔNG VĂN');
    expect(r.title).toBe('rà soát hộ nghèo năm 2025');
    expect(r.header).toMatchObject({ number: '45/UBND-VP', place: 'An Nông', date: '2025-06-02', issuingBody: 'UBND Xã An Nông' });
    expect(r.addressees).toEqual(['Các thôn']);
    expect(r.addresseeLines).toEqual(['Các thôn.']);
    expect(renderReport(r, 'txt')).toContain('Kính gửi: Các thôn.\n');
    expect(r.sections[0]!.paragraphs[0]).toBe('Đề nghị các thôn rà soát.');
  });
});

describe('an older decision\'s layout', () => {
  // As the 1999 decisions were typed: "QUYẾT ĐỊNH CỦA …" for the type line, a space after the number's slash, "năm:".
  const text = [
    'UỶ BAN NHÂN DÂN              CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ' TỈNH CAO BẰNG                   Độc lập - Tự do - Hạnh phúc',
    'Số: 157/ QĐ-NĐ-UB            Cao Bằng, ngày 22 tháng 2 năm: 1999',
    '',
    'QUYẾT ĐỊNH CỦA UỶ BAN NHÂN DÂN TỈNH',
    'Về việc: Giao quyền sử dụng đất ở',
    'UỶ BAN NHÂN DÂN TỈNH CAO BẰNG',
    '- Căn cứ Luật Đất đai ngày 14/7/1993;',
    'QUYẾT ĐỊNH:',
    'Điều 1: Giao quyền sử dụng đất ở.',
  ].join('\n');

  it('reads "<type> CỦA <authority>" as the type line, and the title after it', () => {
    const r = structureReport(text);
    expect(r.documentType).toBe('QUYẾT ĐỊNH');
    expect(r.title).toBe('Về việc: Giao quyền sử dụng đất ở');
    expect(r.header.issuingBody).toBe('Tỉnh Cao Bằng');
  });

  it('keeps the national header in its printed tone style, and gives a motto OCR misread a mark of ("Tự đo") its standard form', () => {
    expect(structureReport(text).header.nationalHeader).toBe('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const misread = structureReport(text.replace('Tự do', 'Tự đo'));
    expect(misread.header.motto).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(misread.header.lines.join('\n')).toContain('Tự đo');
  });

  it('reads a number with a space after its slash, and a date with "năm:"', () => {
    const r = structureReport(text);
    expect(r.header.number).toBe('157/QĐ-NĐ-UB');
    expect(r.header).toMatchObject({ place: 'Cao Bằng', date: '1999-02-22' });
  });

  it('reads a number whose label OCR read "Sá:" and whose gap it read as an underscore', () => {
    expect(structureReport('ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSá:542_ /TB-UBND\nQuảng Ngãi, ngày 06 tháng 11 năm 2024\nTHÔNG BÁO\nVề việc tham dự Hội nghị').header).toMatchObject({ number: '542/TB-UBND', issuingBody: 'Tỉnh Quảng Ngãi' });
    // A place called Sa is no label: the colon is wanted.
    expect(structureReport('UBND HUYỆN SA PA\nSa 12 tháng\nTHÔNG BÁO\nX').header.number).toBeNull();
  });

  it('reads a number after a rule OCR read before its digits, flagged, and leaves one after a "!" uncertain', () => {
    const numbered = (number: string) => structureReport(`ỦY BAN NHÂN DÂN\nXÃ TỊNH HÀ\nSố: ${number}\nTịnh Hà, ngày 05 tháng 12 năm 2024\nTỜ TRÌNH\nVề việc X`);
    const ruled = numbered('|57/TTr-UBND');
    expect(ruled.header.number).toBe('57/TTr-UBND');
    expect(ruled.confidence['header.number']).toBeLessThan(LOW_CONFIDENCE);
    const unsure = numbered('!57/QĐ-UBND');
    expect(unsure.header.number).toBeNull();
    expect(unsure.uncertain.map((u) => u.field)).toContain('header.number');
  });

  it('takes no sentence that starts with a type for the type line', () => {
    expect(structureReport('UBND XÃ AN NÔNG\nSố: 45/UBND-VP\n\nQuyết định của Ủy ban nhân dân tỉnh về việc giao đất\nđược thực hiện.').documentType).not.toBe('QUYẾT ĐỊNH');
  });
});

describe('periods', () => {
  const period = (line: string, date = '2025-07-01') => structureReport(`Số: 1/BC-UBND\nHà Nội, ngày ${date.slice(8)} tháng ${date.slice(5, 7)} năm ${date.slice(0, 4)}\nBÁO CÁO\nTình hình\n${line}\n`).period;
  it.each([
    ['(Tuần 27 năm 2025, từ ngày 30/6 đến 06/7)', '2025-06-30', '2025-07-06'],
    ['(Từ ngày 03/3 đến ngày 09/3/2025)', '2025-03-03', '2025-03-09'],
    ['(Số liệu tính từ ngày 15/5/2025 đến ngày 14/6/2025)', '2025-05-15', '2025-06-14'],
    ['Tháng 02/2024', '2024-02-01', '2024-02-29'],
    ['(Tháng 6 năm 2025)', '2025-06-01', '2025-06-30'],
    ['(Quý IV năm 2025)', '2025-10-01', '2025-12-31'],
    ['(Quý HI năm 2025)', '2025-07-01', '2025-09-30'],
    ['(6 tháng đầu năm 2025)', '2025-01-01', '2025-06-30'],
    ['Tuần 01 (từ ngày 30/12 đến ngày 05/01/2025)', '2024-12-30', '2025-01-05'],
    ['(Tuần 1 năm 2025, từ ngày 30/12 đến 05/01)', '2024-12-30', '2025-01-05'],
    ['(Tuần 52 năm 2025, từ ngày 29/12 đến 04/01)', '2025-12-29', '2026-01-04'],
  ])('%s', (line, from, to) => {
    expect(period(line)).toMatchObject({ from, to });
  });

  it('drops only the parentheses around a label, not one that closes inside it', () => {
    expect(period('(Tuần 12 năm 2025)')?.label).toBe('Tuần 12 năm 2025');
    expect(period('Tuần 12 (từ ngày 17/3 đến ngày 23/3/2025)')?.label).toBe('Tuần 12 (từ ngày 17/3 đến ngày 23/3/2025)');
    expect(period('(Tuần 12 (từ ngày 17/3 đến ngày 23/3/2025))')?.label).toBe('Tuần 12 (từ ngày 17/3 đến ngày 23/3/2025)');
  });

  it('takes a missing year from the document date', () => {
    expect(period('(Từ ngày 10/3 đến ngày 16/3)', '2024-03-17')).toMatchObject({ label: 'Từ ngày 10/3 đến ngày 16/3', from: '2024-03-10', to: '2024-03-16' });
  });

  it('finds the period named in a title', () => {
    const r = structureReport('BÁO CÁO\nKết quả công tác quý II năm 2025\n\n1. Kết quả');
    expect(r.period).toEqual({ label: 'quý II năm 2025', from: '2025-04-01', to: '2025-06-30', printed: null });
    // The title says it; txt adds no line the page does not have.
    expect(renderReport(r, 'txt')).toBe('BÁO CÁO\nKết quả công tác quý II năm 2025\n\n1. Kết quả\n');
  });
});

describe('the bottom block', () => {
  it('takes the signer\'s name off the "Lưu" item\'s line it ran onto, after the item\'s full stop', () => {
    const r = structureReport('SỞ Y TẾ\nSố: 12/TB-SYT\nTHÔNG BÁO\nLịch họp\nNội dung.\nNơi nhận: KT. GIÁM ĐỐC\n- Như trên; PHÓ GIÁM ĐỐC\n- Lưu: VT, VP. Nguyễn Thành Đạt');
    expect(r.signature).toMatchObject({ position: 'PHÓ GIÁM ĐỐC', name: 'Nguyễn Thành Đạt' });
    expect(r.recipients).toEqual(['Như trên', 'Lưu: VT, VP']);
    expect(structureReport('SỞ Y TẾ\nSố: 12/TB-SYT\nTHÔNG BÁO\nLịch họp\nNội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT, Văn Phòng\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Thành Đạt').recipients).toEqual(['Như trên', 'Lưu: VT, Văn Phòng']);
  });

  it('takes an authority line set a line above "Nơi nhận" for the signature\'s, laid out or not', () => {
    const body = 'ĐẢNG BỘ HUYỆN SƠN HÀ\nSố 18-KH/HU\nKẾ HOẠCH\nKỷ niệm ngày giải phóng\nI. MỤC ĐÍCH\nTổ chức thực hiện đạt kết quả.\n';
    const laidOut = `${body}                                 T/M BAN THƯỜNG VỤ\nNơi nhận:                           PHÓ BÍ THƯ\n- Các chi bộ,\n- Lưu VP.\n                                    Đinh Thị Hồng Nhung`;
    const flat = `${body}T/M BAN THƯỜNG VỤ\nNơi nhận:\n- Các chi bộ,\n- Lưu VP.\nPHÓ BÍ THƯ\nĐinh Thị Hồng Nhung`;
    for (const text of [laidOut, flat]) {
      const r = structureReport(text);
      expect(r.signature).toMatchObject({ authority: 'T/M', position: 'PHÓ BÍ THƯ', name: 'Đinh Thị Hồng Nhung' });
      expect(r.recipients).toEqual(['Các chi bộ', 'Lưu VP']);
      expect(r.sections.flatMap((s) => s.paragraphs).join(' ')).not.toContain('T/M');
    }
  });

  it('separates the signature column that OCR merged into the recipients', () => {
    const r = structureReport('Nơi nhận: K/T TRƯỞNG BAN\n- Thường trực Tỉnh ủy (để b/c), o) PHÓ TRƯỞNG BAN\n- Các ban, sở, ngành; MTTQ, các tổ chức\nchính trị - xã hội cấp tỉnh,\n- Lưu VP.\nNguyễn Văn An\n! Tại Quyết định số 09-QĐ/BCĐ ngày 26/9/2025 của Ban Chỉ đạo.');
    expect(r.recipients).toEqual(['Thường trực Tỉnh ủy (để b/c)', 'Các ban, sở, ngành; MTTQ, các tổ chức chính trị - xã hội cấp tỉnh', 'Lưu VP']);
    expect(r.signature).toMatchObject({ authority: 'K/T', position: 'PHÓ TRƯỞNG BAN', name: 'Nguyễn Văn An' });
    expect(r.footnotes).toEqual(['1 Tại Quyết định số 09-QĐ/BCĐ ngày 26/9/2025 của Ban Chỉ đạo.']);
    expect(r.references[0]).toMatchObject({ type: 'Quyết định', number: '09-QĐ/BCĐ', date: '2025-09-26' });
  });

  it.each([
    ['T/M BAN THƯỜNG VỤ\nBÍ THƯ', 'T/M', 'BÍ THƯ'],
    ['T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG', 'T/L', 'CHÁNH VĂN PHÒNG'],
    ['TL. CHỦ TỊCH\nKT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG', 'TL.', 'PHÓ CHÁNH VĂN PHÒNG'],
    ['TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG', 'TUQ.', 'CHÁNH VĂN PHÒNG'],
    ['Q. GIÁM ĐỐC', 'Q.', 'GIÁM ĐỐC'],
    ['GIÁM ĐỐC', null, 'GIÁM ĐỐC'],
  ])('reads the authority and position of %j', (block, authority, position) => {
    expect(structureReport(`Nơi nhận:\n- Lưu: VT.\n${block}\nTrần Văn Bình`).signature).toMatchObject({ authority, position, name: 'Trần Văn Bình' });
  });

  it('takes a sentence after the name for a footnote whose number OCR lost', () => {
    expect(structureReport('Nơi nhận:\n- Lưu VP.\nBÍ THƯ\nHà Văn Cường\n Trong đó có 3 đảng viên dự bị.').footnotes).toEqual(['Trong đó có 3 đảng viên dự bị.']);
  });
});

describe('OCR word boxes', () => {
  // Words as tesseract boxes them: 20 px a letter, a 12 px space, 40 px high, one OCR line per `line`.
  const words = (line: number, ...runs: [string, number][]): OcrWord[] =>
    runs.flatMap(([text, x]) => {
      let at = x;
      return text.split(' ').map((t) => {
        const box = { x0: at, y0: line * 60, x1: at + 20 * t.length, y1: line * 60 + 40 };
        at = box.x1 + 12;
        return { text: t, confidence: 90, page: 1, line, box };
      });
    });

  it('rebuild the page with its columns apart and words at their columns', () => {
    const text = 'BAN TỔ CHỨC Nông Cống, ngày 14 tháng 3 năm 2025\nBÁO CÁO';
    const ws = [...words(0, ['BAN TỔ CHỨC', 100], ['Nông Cống, ngày 14 tháng 3 năm 2025', 1300]), ...words(1, ['BÁO CÁO', 1000])];
    expect(layoutFromWords(text, wordTable(ws))).toBe(`BAN TỔ CHỨC${' '.repeat(56)}Nông Cống, ngày 14 tháng 3 năm 2025\n${' '.repeat(50)}BÁO CÁO`);
  });

  it('keep a heading row of many short words over the figures it heads (a ruled table, its rules read as "|")', () => {
    const heading = words(0, ['TT | Xã, thị trấn | Hộ nghèo | Hộ cận nghèo | Tỷ lệ (%)', 100]);
    const x = (k: number) => heading.filter((w) => w.text !== '|')[k]!.box.x0;
    const [xa, poor, near, share] = [x(1), x(4), x(6), x(9)];
    const ws = [
      ...heading,
      ...words(1, ['1', 100], ['Ba Tơ', xa], ['187', poor], ['204', near], ['8,81', share]),
      ...words(2, ['2', 100], ['Ba Vì', xa], ['296', poor], ['173', near], ['15,15', share]),
      ...words(3, ['Cộng', xa], ['483', poor], ['377', near], ['11,95', share]),
    ];
    const text = ['TT | Xã, thị trấn | Hộ nghèo | Hộ cận nghèo | Tỷ lệ (%)', '1 Ba Tơ 187 204 8,81', '2 Ba Vì 296 173 15,15', 'Cộng 483 377 11,95'].join('\n');
    const [t] = findTables(layoutFromWords(text, wordTable(ws)).split('\n'));
    expect(t!.rows.at(-1)).toEqual(['', 'Cộng', '483', '377', '11,95']);
  });

  it('leave out a mark in small type set within a word already laid out (a pen stroke read "À" over "Trần")', () => {
    const name = words(0, ['Trần Hoàng Tuấn', 100]);
    const mark = { text: 'À', confidence: 75, page: 1, line: 1, box: { x0: 130, y0: 0, x1: 148, y1: 20 } };
    expect(layoutFromWords('Trần Hoàng Tuấn\nÀ', wordTable([...name, mark])).trim()).toBe('Trần Hoàng Tuấn');
    // A short word of the line's own height is a word.
    const word = { ...mark, text: 'Xã', box: { x0: 1000, y0: 0, x1: 1040, y1: 40 } };
    expect(layoutFromWords('Trần Hoàng Tuấn\nXã', wordTable([...name, word])).trim()).toMatch(/Tuấn\s+Xã$/);
  });

  it('set a form feed between pages, so that a table the page broke reads on as one', () => {
    const row = (line: number, page: number, name: string, a: string, b: string) =>
      words(line, [name, 100], [a, 900], [b, 1300]).map((w) => ({ ...w, page }));
    const ws = [...row(0, 1, 'Thôn Đông', '46', '12'), ...row(1, 1, 'Thôn Tây', '38', '9'), ...row(2, 2, 'Thôn Nam', '29', '18'), ...row(3, 2, 'Thôn Bắc', '22', '4')];
    const laid = layoutFromWords('Thôn Đông 46 12\nThôn Tây 38 9\nThôn Nam 29 18\nThôn Bắc 22 4', wordTable(ws));
    expect(laid.split('\n').map((l) => l.trim().replace(/\s+/g, ' '))).toEqual(['Thôn Đông 46 12', 'Thôn Tây 38 9', '', 'Thôn Nam 29 18', 'Thôn Bắc 22 4']);
    expect(laid.split('\n')[2]).toBe('\f');
    const tables = findTables(laid.split('\n'));
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['Thôn Đông', 'Thôn Tây', 'Thôn Nam', 'Thôn Bắc']);
  });

  it('lay out each word as restored, a word split in two as two and one whose text a neighbour took as none', () => {
    const ws = words(0, ['2 Chithường xuyên nhung ngu ời dan', 100]);
    const restored = ['2', 'Chi thường', 'xuyên', 'nhưng', 'người', '', 'dân'];
    const laid = layoutFromWords('2 Chi thường xuyên nhưng người dân', wordTable(ws.map((w, k) => ({ ...w, restored: restored[k] }))));
    expect(laid.trim()).toBe('2 Chi thường xuyên nhưng người dân');
  });

  it('put words tesseract read in separate blocks back on the line they share', () => {
    const ws = [...words(0, ['TỈNH ỦY', 100]), ...words(1, ['ĐẢNG CỘNG SẢN', 1300])].map((w) => ({ ...w, box: { ...w.box, y0: 0, y1: 40 } }));
    expect(layoutFromWords('TỈNH ỦY\nĐẢNG CỘNG SẢN', wordTable(ws)).split('\n')).toHaveLength(1);
  });

  it('keep the words of a name in large type on one row, the one without a descender too', () => {
    // "Đặng Văn Minh" 70 px high, "Văn" boxed 25 px higher; beside it the list's lines, 40 px high, 60 apart.
    const list = [...words(0, ['- Ban Tuyên giáo;', 100]), ...words(1, ['- Ban Dân vận;', 100])];
    const name = words(2, ['Đặng Văn Minh', 1200]).map((w) => ({ ...w, box: { ...w.box, y0: w.text === 'Văn' ? 40 : 65, y1: w.text === 'Văn' ? 110 : 135 } }));
    const laid = layoutFromWords('- Ban Tuyên giáo;\n- Ban Dân vận;\nĐặng Văn Minh', wordTable([...list, ...name]));
    expect(laid.split('\n').some((l) => /Đặng Văn Minh$/.test(l))).toBe(true);
  });

  it('lay out the same whatever order the words come in, and with boxes off the whole pixel', () => {
    const text = 'BAN TỔ CHỨC Nông Cống, ngày 14 tháng 3 năm 2025\nBÁO CÁO';
    const ws = [...words(0, ['BAN TỔ CHỨC', 100], ['Nông Cống, ngày 14 tháng 3 năm 2025', 1300]), ...words(1, ['BÁO CÁO', 1000])];
    const laid = layoutFromWords(text, wordTable(ws));
    // Each OCR line's words backwards: sorted back left to right.
    const backwards = [...ws.filter((w) => w.line === 0).reverse(), ...ws.filter((w) => w.line === 1).reverse()];
    expect(layoutFromWords(text, wordTable(backwards))).toBe(laid);
    // Boxes of another engine, in fractions of a pixel: sorted all the same.
    const scale = (b: OcrWord['box']) => ({ x0: b.x0 * 1.25 + 0.3, y0: b.y0 * 1.25 + 0.3, x1: b.x1 * 1.25 + 0.3, y1: b.y1 * 1.25 + 0.3 });
    expect(layoutFromWords(text, wordTable(backwards.map((w) => ({ ...w, box: scale(w.box) }))))).toBe(laid);
  });

  it('leave text alone that is not the OCR of those words', () => {
    expect(layoutFromWords('một dòng\nhai dòng', wordTable(words(0, ['một dòng', 100], ['khác', 1500])))).toBe('một dòng\nhai dòng');
  });

  it("keep a list's dash on its line when the signature column's line sits between the list's lines", () => {
    // The dash 4 px high at the x-height; "Như trên;" boxed a little high, level with "KT. CHỦ TỊCH" beside it.
    const sign = words(0, ['KT. CHỦ TỊCH', 1500]);
    const item = words(1, ['- Như trên;', 100]).map((w, k) => ({ ...w, box: { ...w.box, ...[{ y0: 40, y1: 44 }, { y0: 16, y1: 56 }, { y0: 19, y1: 59 }][k] } }));
    const laid = layoutFromWords('KT. CHỦ TỊCH\n- Như trên;', wordTable([...sign, ...item]));
    expect(laid.split('\n').some((l) => /^- Như trên;/.test(l.trim()))).toBe(true);
  });

  it('separate a signature the text patterns cannot tell from the recipients', () => {
    const text = 'Nơi nhận:\n- Lưu: VT, NC. PHÓ CHỦ TỊCH\nNguyễn Văn An';
    const ws = [...words(0, ['Nơi nhận:', 100]), ...words(1, ['- Lưu: VT, NC.', 100], ['PHÓ CHỦ TỊCH', 1500]), ...words(2, ['Nguyễn Văn An', 1500])];
    expect(structureReport(text).signature.position).toBeNull();
    const r = structureReport(text, { words: ws });
    expect(r.recipients).toEqual(['Lưu: VT, NC']);
    expect(r.signature).toMatchObject({ authority: null, position: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Văn An' });
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
