// Reports laid out as real ones: columns side by side, the digital-signature box, tables, footnote markers,
// headings alone on their line, and the text rendered as printed.
import { describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../src/structure/confidence.js';
import { textQuality } from '../src/structure/quality.js';
import { signingTime, takeDigitalSignatures } from '../src/structure/digital.js';
import { findFlatTables } from '../src/structure/flat-tables.js';
import { findTables, piecesOf, splitBlock } from '../src/structure/layout.js';
import { renderReport, structureReport } from '../src/structure/index.js';

const LETTER = [
  '                                                    Ký bởi: Sở Tư pháp',
  '                                                    Email: stp@vidu.gov.vn',
  '                                                    Cơ quan: Tỉnh An Bình',
  '                                                    Thời gian ký: 02.06.2025 15:42:08 +07:00',
  '',
  ' UBND TỈNH AN BÌNH             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  '    SỞ TƯ PHÁP                      Độc lập - Tự do - Hạnh phúc',
  '',
  ' Số: 77    /STP-VP               An Bình, ngày 02 tháng 6 năm 2025',
  'V/v kiểm tra văn bản',
  'quy phạm pháp luật',
  '',
  '                    Kính gửi:',
  '                          - Các sở, ban, ngành tỉnh;',
  '                          - UBND các huyện.',
  '',
  '      Sở Tư pháp đề nghị các cơ quan gửi danh mục văn bản còn hiệu lực¹ trước',
  'ngày 30/6/2025./.',
  '',
  'Nơi nhận:                                          KT. GIÁM ĐỐC',
  '- Như trên;                                        PHÓ GIÁM ĐỐC',
  '- Các Sở: Tài chính, Nội vụ,',
  '  Xây dựng;',
  '- Lưu: VT.',
  '',
  '                                                  Trần Văn Bình',
  '',
  '¹ Theo danh mục năm 2024.',
].join('\n');

describe('laid-out text', () => {
  it('cuts a line into pieces at runs of spaces', () => {
    expect(piecesOf('  Số: 1/BC     Hà Nội, ngày 1')).toEqual([
      { col: 2, text: 'Số: 1/BC' },
      { col: 15, text: 'Hà Nội, ngày 1' },
    ]);
  });

  it('splits a two-column block into its left column, then its right', () => {
    expect(splitBlock(['ỦY BAN NHÂN DÂN        CỘNG HÒA', 'TỈNH AN BÌNH             Độc lập', '                        An Bình, ngày 1'])).toEqual({
      left: ['ỦY BAN NHÂN DÂN', 'TỈNH AN BÌNH'],
      right: ['CỘNG HÒA', 'Độc lập', 'An Bình, ngày 1'],
    });
    expect(splitBlock(['một cột', 'một cột nữa'])).toBeNull();
  });

  const r = structureReport(LETTER);
  it('reads a header whose columns sit side by side, the V/v summary under the number', () => {
    expect(r.header).toMatchObject({ parentBody: 'UBND Tỉnh An Bình', issuingBody: 'Sở Tư Pháp', number: '77/STP-VP', place: 'An Bình', date: '2025-06-02' });
    expect(r.header.issuingBodyPrinted).toBe('SỞ TƯ PHÁP');
    expect(r.header.datePrinted).toBe('ngày 02 tháng 6 năm 2025');
    expect(r.documentType).toBe('CÔNG VĂN');
    expect(r.title).toBe('kiểm tra văn bản quy phạm pháp luật');
  });

  it('lists the Kính gửi addressees apart from the body', () => {
    expect(r.addressees).toEqual(['Các sở, ban, ngành tỉnh', 'UBND các huyện']);
    expect(r.addresseeLines).toEqual(['Các sở, ban, ngành tỉnh;', 'UBND các huyện.']);
    expect(r.sections[0]!.paragraphs[0]).toMatch(/^Sở Tư pháp đề nghị/);
  });

  it('reads Nơi nhận beside the signature, wrapped items joined, and the footnote under them', () => {
    expect(r.recipients).toEqual(['Như trên', 'Các Sở: Tài chính, Nội vụ, Xây dựng', 'Lưu: VT']);
    expect(r.recipientLines).toEqual(['Như trên;', 'Các Sở: Tài chính, Nội vụ, Xây dựng;', 'Lưu: VT.']);
    expect(r.signature).toMatchObject({ authority: 'KT.', position: 'PHÓ GIÁM ĐỐC', name: 'Trần Văn Bình' });
    expect(r.footnotes).toEqual(['1 Theo danh mục năm 2024.']);
  });

  it('takes the notes whose numbers OCR read as "†" or "*" for the next numbers, "*" before them for a dash, and a recipient\'s marker apart', () => {
    const page = ['BÁO CÁO', 'Kết quả', '', 'Nội dung.', '', 'Nơi nhận:', '* Ban Tổ chức Tỉnh ủy;', '- Các chi bộ trực thuộc⁴;', '- Lưu: VT.', '', 'T/M ĐẢNG ỦY', 'BÍ THƯ', '', 'Lê Văn An'];
    const r = structureReport([...page, '', '† Danh sách gửi kèm.', '? Theo Quy định số 232-QĐ/TW.', '3 Gồm hai chi bộ.', '* Gồm 04 chi bộ thôn.'].join('\n'));
    expect(r.footnotes).toEqual(['1 Danh sách gửi kèm.', '2 Theo Quy định số 232-QĐ/TW.', '3 Gồm hai chi bộ.', '4 Gồm 04 chi bộ thôn.']);
    // A recipient's marker is split from it; the printed line keeps it.
    expect(r.recipients).toEqual(['Ban Tổ chức Tỉnh ủy', 'Các chi bộ trực thuộc', 'Lưu: VT']);
    expect(r.recipientLines).toContain('Các chi bộ trực thuộc⁴;');
  });

  it('links a footnote marker to its footnote, split from its word', () => {
    expect(r.footnoteLinks).toEqual([{ marker: '1', word: 'lực', footnote: 0 }]);
  });

  it('renders txt as printed: header left then right, addressees, body, Nơi nhận, signature', () => {
    const txt = renderReport(r, 'txt');
    expect(txt.split('\n').slice(0, 9)).toEqual([
      'UBND TỈNH AN BÌNH',
      'SỞ TƯ PHÁP',
      'Số: 77 /STP-VP',
      'V/v kiểm tra văn bản',
      'quy phạm pháp luật',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Bình, ngày 02 tháng 6 năm 2025',
      '',
    ]);
    expect(txt).toContain('Kính gửi:\n- Các sở, ban, ngành tỉnh;\n- UBND các huyện.\n');
    expect(txt).toContain('còn hiệu lực¹ trước ngày 30/6/2025./.');
    expect(txt).toContain('Nơi nhận:\n- Như trên;\n- Các Sở: Tài chính, Nội vụ, Xây dựng;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nTrần Văn Bình');
    expect(txt).not.toContain('Ký bởi');
  });
});

describe('digital-signature box', () => {
  it('takes a labelled box out of the header', () => {
    const r = structureReport(LETTER);
    expect(r.digitalSignature).toMatchObject({ signer: 'Sở Tư pháp', email: 'stp@vidu.gov.vn', agency: 'Tỉnh An Bình', time: '2025-06-02T15:42:08+07:00' });
    expect(r.header.lines.join(' ')).not.toMatch(/Ký bởi|Thời gian/);
  });

  it('takes a value wrapped onto the line under its label, but not a line of garbled labels', () => {
    const box = (second: string) =>
      takeDigitalSignatures(['                Ký bởi: Ban Quản lý Khu kinh tế Dung Quất', `                ${second}`, '                Email: bql@vidu.gov.vn', '                Thời gian ký: 05.09.2025 15:42:08 +07:00']).signatures[0]!;
    expect(box('và các Khu công nghiệp Quảng Ngãi').signer).toBe('Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi');
    expect(box('dân Thời tỉ nh gian Quản, ký: g Ngãi').signer).toBe('Ban Quản lý Khu kinh tế Dung Quất');
  });

  it('reads the unlabelled box (name in capitals, e-mail, time, zone) above the header', () => {
    const { lines, signatures } = takeDigitalSignatures(['TRUNG TÂM CÔNG BÁO', 'VÀ TIN HỌC', 'ttcb@vidu.gov.vn', '09.01.2025 10:21:11', '+07:00', 'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(signatures[0]).toMatchObject({ signer: 'TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', email: 'ttcb@vidu.gov.vn', agency: null, time: '2025-01-09T10:21:11+07:00' });
    expect(lines.filter(Boolean)).toEqual(['ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  });

  it('takes two boxes side by side at the top, and one by the signature', () => {
    const { lines, signatures } = takeDigitalSignatures([
      '                                      Ký bởi: Ủy ban nhân dân tỉnh',
      '   TRUNG TÂM CÔNG                    Cơ quan; Tỉnh An Bình',
      '   BÁO VÀ TIN HỌC                    Thời gian ký: 04/02/2025 16:42:36',
      '   e]ttcb(@vidu.gov.vn',
      '   47 05.02.2025 08:09:28',
      '   +07:00',
      'ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Nơi nhận:',
      'Ký bởi: Sở Tài chính',
      'Thời gian ký: 05/02/2025 08:00:00',
    ]);
    expect(signatures.map((s) => [s.signer, s.agency, s.time])).toEqual([
      ['Ủy ban nhân dân tỉnh', 'Tỉnh An Bình', '2025-02-04T16:42:36'],
      ['Sở Tài chính', null, '2025-02-05T08:00:00'],
      ['TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', null, '2025-02-05T08:09:28+07:00'],
    ]);
    expect(lines.filter((l) => l.trim())).toEqual(['ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Nơi nhận:']);
  });

  it('finds no box where there is none, and no time in a wrong one', () => {
    expect(takeDigitalSignatures(['ỦY BAN NHÂN DÂN', 'Số: 1/UBND', 'Email: a@b.vn']).signatures).toEqual([]);
    expect(signingTime('32.13.2025 10:00')).toBeNull();
  });
});

const TABLE_REPORT = [
  'BÁO CÁO',
  'Kết quả',
  '',
  'I. KẾT QUẢ',
  'Cụ thể theo từng xã:',
  '',
  '  Xã            Diện tích (ha)    Sản lượng (tấn)',
  '  Tịnh Bắc      812               4.701',
  '  Tịnh Hà       946               5.600',
  '                Cộng              10.301',
  '',
  'II. PHƯƠNG HƯỚNG',
  'Chuẩn bị vụ sau.',
].join('\n');

describe('tables', () => {
  it('finds a table from aligned columns, an empty cell under its own column', () => {
    const [t] = findTables(TABLE_REPORT.split('\n'));
    expect(t!.rows).toEqual([
      ['Xã', 'Diện tích (ha)', 'Sản lượng (tấn)'],
      ['Tịnh Bắc', '812', '4.701'],
      ['Tịnh Hà', '946', '5.600'],
      ['', 'Cộng', '10.301'],
    ]);
  });

  it('puts a right-aligned short number under the column it sits in, not the one whose start is nearest', () => {
    const [t] = findTables([
      'STT   Nội dung                   Dự toán 2024   Ước TH 2024',
      'A     Tổng thu ngân sách xã             8.412         9.035',
      '3     Dự phòng ngân sách                  168             0',
      '      Cộng                                                0',
    ]);
    expect(t!.rows.slice(2)).toEqual([
      ['3', 'Dự phòng ngân sách', '168', '0'],
      ['', 'Cộng', '', '0'],
    ]);
  });

  it('ends the table at a line of two pieces that runs across its columns (a heading whose number OCR set apart)', () => {
    const [t] = findTables([
      '  TT  Xã, thị trấn    Tổng số hộ  Hộ nghèo',
      '  1   Ba Động              1.142       296',
      '  2   Ba Thành               968       241',
      '      Cộng                 2.110       537',
      '      2.   Nguyên nhân tăng, giảm',
    ]);
    expect(t!.end).toBe(4);
  });

  it('keeps a heading row with a rule read as "|" between every two cells over the columns under it', () => {
    const at = (...cells: [number, string][]) => cells.reduce((l, [c, t]) => l.padEnd(c) + t, '');
    const [t] = findTables([
      'TT | Xã     | Nghèo | Cận nghèo | Tỷ lệ | Khẩu | Tỷ lệ',
      at([0, '1'], [5, 'Ba Tơ'], [14, '187'], [22, '204'], [34, '8,81'], [42, '512'], [49, '9,1']),
      at([0, '2'], [5, 'Ba Vì'], [14, '296'], [22, '173'], [33, '15,15'], [42, '498'], [49, '8,7']),
      at([5, 'Cộng'], [33, '11,95'], [47, '8,9']),
    ]);
    expect(t!.rows[3]).toEqual(['', 'Cộng', '', '', '11,95', '', '8,9']);
  });

  it("writes a figure with its column's separator where two others with as many digits after it all agree", () => {
    const [t] = findTables([
      'Xã          Số hộ    Tỷ lệ (%)   Diện tích',
      'Ba Động     1.142    25,92       3,5',
      'Ba Thành      968    24.90       12.5',
      'Ba Vinh     1,376    29,22       0,75',
      'Ba Điền     2.845    37,63       4,25',
    ]);
    expect(t!.rows.slice(1)).toEqual([
      ['Ba Động', '1.142', '25,92', '3,5'],
      ['Ba Thành', '968', '24,90', '12.5'],
      ['Ba Vinh', '1.376', '29,22', '0,75'],
      ['Ba Điền', '2.845', '37,63', '4,25'],
    ]);
  });

  it('drops a ruling line OCR read into a cell as "_" at its edge', () => {
    expect(findTables(['TT | Xã      Hộ nghèo', '1_  | Ba Tơ    187', '_2  | Ba Vì    296_'])[0]!.rows.slice(1)).toEqual([
      ['1', 'Ba Tơ', '187'],
      ['2', 'Ba Vì', '296'],
    ]);
  });

  it('reads on past a ruling line OCR read as a mark or two between rows, and ends at a figure or a word there', () => {
    const rows = ['Xã          Số trường   Phòng học', 'Bình Chánh  4           62'];
    expect(findTables([...rows, '            ———T', 'Bình Long   3           40'])[0]!.rows).toEqual([['Xã', 'Số trường', 'Phòng học'], ['Bình Chánh', '4', '62'], ['Bình Long', '3', '40']]);
    expect(findTables([...rows, '     E', 'Bình Long   3           40'])[0]!.rows).toHaveLength(3);
    for (const between of ['2', 'Cộng']) expect(findTables([...rows, `     ${between}`, 'Bình Long   3           40'])[0]!.rows).toHaveLength(2);
  });

  it('parts cells where a ruling line read as a capital stands between figures, or as dashes before one', () => {
    const [t] = findTables(['STT  Chi bộ    Đảng viên  Kết nạp', '1    Thôn 1 ——k 42         3', 'B    Tổng chi   8.412 E 8.790', '2    Khu A 12   37         2']);
    expect(t!.rows).toEqual([
      ['STT', 'Chi bộ', 'Đảng viên', 'Kết nạp'],
      ['1', 'Thôn 1', '42', '3'],
      ['B', 'Tổng chi', '8.412', '8.790'],
      ['2', 'Khu A 12', '37', '2'],
    ]);
  });

  it('drops a ruling line OCR read as "1" before a date whose day it makes impossible, and keeps a possible one', () => {
    const [t] = findTables(['Tháng     Ngày tiếp     Lãnh đạo', 'Tháng 10  115/10/2025   Trưởng ban', 'Tháng 11  l14/11/2025   Phó Trưởng ban', 'Tháng 12  11/12/2025    Trưởng ban', 'Tháng 1   L05/01/2026   Trưởng ban']);
    expect(t!.rows.map((r) => r[1])).toEqual(['Ngày tiếp', '15/10/2025', '14/11/2025', '11/12/2025', '05/01/2026']);
  });

  it('reads ruling lines OCR took for "|" as cell borders, and needs two rows', () => {
    expect(findTables(['STT |Chi bộ   Đảng viên | Kết nạp', '1     Thôn 1   42          3'])[0]!.rows[0]).toEqual(['STT', 'Chi bộ', 'Đảng viên', 'Kết nạp']);
    expect(findTables(['a   b   c', 'một dòng'])).toEqual([]);
  });

  it('reads a ruling line OCR took for "¡", or for a "!" before a word or alone, as a cell border', () => {
    const [t] = findTables(['STT ¡Chi bộ   Đảng viên ! Kết nạp', '1     Thôn 1   42          3', '2    !Thôn 2   37          2']);
    expect(t!.rows).toEqual([
      ['STT', 'Chi bộ', 'Đảng viên', 'Kết nạp'],
      ['1', 'Thôn 1', '42', '3'],
      ['2', 'Thôn 2', '37', '2'],
    ]);
  });

  const r = structureReport(TABLE_REPORT);
  it('drops a column a ruling speck read as a letter made in one row ("j¡Trạm"), and keeps a column of marks', () => {
    const [t] = findTables(['TT | Chi bộ          Đảng viên | Kết nạp', '1    Thôn Yên        48          3', '6    j¡Trạm Y tế     12          2']);
    expect(t!.rows).toEqual([['TT', 'Chi bộ', 'Đảng viên', 'Kết nạp'], ['1', 'Thôn Yên', '48', '3'], ['6', 'Trạm Y tế', '12', '2']]);
    const [marks] = findTables(['Xã        Có    Không', 'Tịnh Hà   x', 'Tịnh Bắc        x']);
    expect(marks!.rows).toEqual([['Xã', 'Có', 'Không'], ['Tịnh Hà', 'x', ''], ['Tịnh Bắc', '', 'x']]);
  });

  it('joins a heading cell\'s wrapped line to it, and keeps a group row under the heading a row', () => {
    const [t] = findTables([
      '  STT   Bản               Số hộ đề nghị   Trong đó hộ   Kinh phí dự kiến',
      '                            hỗ trợ          nghèo        (triệu đồng)',
      '  1     Bản Mường Nhé                18            12              1.080',
      '        Tổng cộng                    18            12              1.080',
    ]);
    expect(t!.rows).toEqual([
      ['STT', 'Bản', 'Số hộ đề nghị hỗ trợ', 'Trong đó hộ nghèo', 'Kinh phí dự kiến (triệu đồng)'],
      ['1', 'Bản Mường Nhé', '18', '12', '1.080'],
      ['', 'Tổng cộng', '18', '12', '1.080'],
    ]);
    // A row of capitals under the heading (a group's label and its own note) is a row.
    const [grouped] = findTables(['  TT   Đơn vị            Số lớp   Học viên', '       Khối xã           Cả khối', '  1    Xã Tịnh Hà           4         120', '  2    Xã Tịnh Bắc          3          95']);
    expect(grouped!.rows[1]).toEqual(['', 'Khối xã', 'Cả khối', '']);
  });

  it('reads a table the page broke as one, over the page number, and two tables apart as two', () => {
    const rows = ['  TT  Thôn          Nhà tốc mái   Cây gãy đổ', '  1   Thôn Đông        46          310', '  2   Thôn Tây         38          275'];
    const next = ['  3   Thôn Nam         29          196', '      Cộng            113          781'];
    const broken = findTables([...rows, '\f                        2', '', ...next]);
    expect(broken).toHaveLength(1);
    expect(broken[0]!.rows.map((r) => r[1])).toEqual(['Thôn', 'Thôn Đông', 'Thôn Tây', 'Thôn Nam', 'Cộng']);
    expect(findTables([...rows, '', 'Tình hình các xã như sau:', '', ...next])).toHaveLength(2);
    // Flattened as OCR gives it, likewise.
    const flat = findFlatTables(['Thôn Đông 46 310', 'Thôn Tây 38 275', '2', '', 'Thôn Nam 29 196'], () => false);
    expect(flat.map((t) => t.rows.length)).toEqual([3]);
    // A table's place is a paragraph of its own, though the page's break runs the text on around it.
    const report = structureReport(['BÁO CÁO', 'Tình hình', '', 'I. THIỆT HẠI', 'Cụ thể như sau', ...rows, '\f                        2', '', ...next, 'và đã khắc phục xong.'].join('\n'));
    expect(report.tables).toHaveLength(1);
    expect(report.tables[0]!.section).toBe('I');
  });

  it('puts the table in JSON with its section, and keeps it out of the running text', () => {
    expect(r.tables).toHaveLength(1);
    expect(r.tables[0]!.section).toBe('I');
    expect(r.sections[0]!.paragraphs).toEqual(['Cụ thể theo từng xã:', 'Xã | Diện tích (ha) | Sản lượng (tấn)\nTịnh Bắc | 812 | 4.701\nTịnh Hà | 946 | 5.600\n | Cộng | 10.301']);
    expect(r.sections[1]!.heading).toBe('PHƯƠNG HƯỚNG');
  });

  it('renders it as a Markdown table and as " | " rows in txt', () => {
    expect(renderReport(r, 'md')).toContain('| Xã | Diện tích (ha) | Sản lượng (tấn) |\n| --- | --- | --- |\n| Tịnh Bắc | 812 | 4.701 |');
    expect(renderReport(r, 'txt')).toContain('\nTịnh Bắc | 812 | 4.701\n');
  });
});

describe('tables whose columns OCR ran together', () => {
  it('takes the figures as columns, a name that ends in a number whole, and the heading parted at its capitals', () => {
    const lines = ['Kết quả như sau:', 'STT Chi bộ Đảng viên Kết nạp mới', '1 Thôn 1 42 3', '2 Thôn 2 37 2', '3 Trạm Y tế 11 1', 'Các chi bộ đã họp.'];
    expect(findFlatTables(lines, () => false)).toEqual([
      { start: 1, end: 5, rows: [['STT', 'Chi bộ', 'Đảng viên', 'Kết nạp mới'], ['1', 'Thôn 1', '42', '3'], ['2', 'Thôn 2', '37', '2'], ['3', 'Trạm Y tế', '11', '1']] },
    ]);
  });

  it('needs two rows, a short capitalised name, no clause, and leaves lines already in a table alone', () => {
    expect(findFlatTables(['Bình Chánh 4 62 60', 'Trong tuần đã họp.'], () => false)).toEqual([]);
    expect(findFlatTables(['và tăng thêm 5 10', 'so với tháng trước 3 4'], () => false)).toEqual([]);
    expect(findFlatTables(['Tổng số trường học được đầu tư xây dựng mới trong năm là 4 62', 'Bình Dương 5 71'], () => false)).toEqual([]);
    expect(findFlatTables(['Bình Chánh 4 62', 'Bình Dương 5 71'], () => true)).toEqual([]);
  });

  it('puts a flattened table in JSON with its section, its heading row only when it parts into as many cells, flagged', () => {
    const r = structureReport(['BÁO CÁO', 'Kết quả', '', 'I. TÌNH HÌNH', 'Cụ thể theo từng xã:', 'Xã Số trường Phòng học', 'Bình Chánh 4 62', 'Bình Dương 5 71', 'Các trường đã sẵn sàng.'].join('\n'));
    expect(r.tables).toEqual([{ section: 'I', rows: [['Xã', 'Số trường', 'Phòng học'], ['Bình Chánh', '4', '62'], ['Bình Dương', '5', '71']] }]);
    // Columns read back from single spaces are a guess: flagged, right or not.
    expect(r.confidence.tables).toBeLessThan(LOW_CONFIDENCE);
    // A heading that does not part into one cell a column stays in the text.
    const odd = structureReport(['BÁO CÁO', 'Kết quả', '', 'Tình hình chung của các xã.', 'Xã Số trường Phòng học Kiên cố', 'Bình Chánh 4 62', 'Bình Dương 5 71'].join('\n'));
    expect(odd.tables[0]!.rows).toEqual([['Bình Chánh', '4', '62'], ['Bình Dương', '5', '71']]);
    expect(odd.confidence.tables).toBeLessThan(LOW_CONFIDENCE);
  });
});

describe('headings and markers', () => {
  it('keeps a heading alone on its line apart from the sentence under it', () => {
    const r = structureReport('BÁO CÁO\nTiến độ\n\n1. Đánh giá tiến độ\nTrong tuần thứ 43, các xã mở 57 lớp\nphổ cập kỹ năng số.\n2. Khó khăn\nThiếu thiết bị.');
    expect(r.sections.map((s) => s.heading)).toEqual(['Đánh giá tiến độ', 'Khó khăn']);
    expect(r.sections[0]!.paragraphs).toEqual(['Trong tuần thứ 43, các xã mở 57 lớp phổ cập kỹ năng số.']);
  });

  it('still reads a long numbered paragraph whole', () => {
    const r = structureReport('BÁO CÁO\nTiến độ\n\n1. Rà soát toàn bộ văn bản quy phạm pháp luật do Hội đồng nhân dân ban hành,\nlập danh mục văn bản cần bãi bỏ.');
    expect(r.sections[0]!.heading).toBe('Rà soát toàn bộ văn bản quy phạm pháp luật do Hội đồng nhân dân ban hành, lập danh mục văn bản cần bãi bỏ.');
  });

  it('reads a second "I." running as OCR\'s "II."', () => {
    expect(structureReport('BÁO CÁO\nX\n\nI. KẾT QUẢ\nA.\nI. ĐỘI NGŨ\nB.').sections.map((s) => s.number)).toEqual(['I', 'II']);
  });

  it('links a printed marker after a closing quote or bracket, a year, a date or an acronym, and in a table cell, but not a unit\'s power', () => {
    const r = structureReport(
      [
        'BÁO CÁO',
        'X',
        '',
        'Hưởng ứng “Ngày hội Đại đoàn kết”¹ trong năm 2025², theo Đề án (Đề án 06)³; UBND⁴, đến ngày 20/12/2025⁵ xây 1.250 m² nhà.',
        '',
        '  TT   Bản            Số hộ',
        '  1    Bản Huổi Lụ⁶       21',
        '  2    Bản Pá Mỳ          16',
        '',
        'Nơi nhận:',
        '- Lưu VP.',
        'CHỦ TỊCH',
        'Hà Văn Cường',
        ...['1 Một.', '2 Hai.', '3 Ba.', '4 Bốn.', '5 Năm.', '6 Sáu.'],
      ].join('\n'),
    );
    expect(r.footnoteLinks.map((l) => [l.marker, l.word, l.footnote])).toEqual([
      ['1', 'kết', 0],
      ['2', '2025', 1],
      ['3', '06', 2],
      ['4', 'UBND', 3],
      ['5', '20/12/2025', 4],
      ['6', 'Lụ', 5],
    ]);
  });

  it('keeps the apostrophe of a minority place name in the issuer and the place', () => {
    const r = structureReport(['ĐẢNG BỘ TỈNH ĐẮK LẮK         ĐẢNG CỘNG SẢN VIỆT NAM', "ĐẢNG ỦY XÃ EA H'LEO", '      *', "Số 125-BC/ĐU        Ea H'leo, ngày 20 tháng 11 năm 2025", '', 'BÁO CÁO', 'X'].join('\n'));
    expect(r.header).toMatchObject({ issuingBodyPrinted: "ĐẢNG ỦY XÃ EA H'LEO", issuingBody: "Đảng Ủy Xã Ea H'leo", place: "Ea H'leo" });
  });

  it('splits a marker OCR glued to its word and links it to the footnote of that number', () => {
    const r = structureReport('BÁO CÁO\nX\n\nKết nạp 9 đảng viên mới2, tổ chức 12 lớp.\n\nNơi nhận:\n- Lưu VP.\nBÍ THƯ\nHà Văn Cường\n2 Trong đó có 4 đoàn viên.');
    expect(r.footnoteLinks).toEqual([{ marker: '2', word: 'mới', footnote: 0 }]);
    expect(r.sections[0]!.paragraphs[0]).toBe('Kết nạp 9 đảng viên mới², tổ chức 12 lớp.');
  });

  it('takes OCR\'s "?" for ² before punctuation, in the body and at a note\'s start, and keeps a question as it is', () => {
    const r = structureReport('BÁO CÁO\nX\n\nKết nạp đảng viên mới!; tổ chức lớp chính trị?. Vì sao chậm? Do thiếu kinh phí.\n\nNơi nhận:\n- Lưu VP.\nBÍ THƯ\nHà Văn Cường\n1 Trong đó có 4 đoàn viên.\n? Có 418 lượt tham gia.');
    expect(r.footnotes).toEqual(['1 Trong đó có 4 đoàn viên.', '2 Có 418 lượt tham gia.']);
    expect(r.footnoteLinks).toEqual([{ marker: '1', word: 'mới', footnote: 0 }, { marker: '2', word: 'trị', footnote: 1 }]);
    expect(r.sections[0]!.paragraphs[0]).toBe('Kết nạp đảng viên mới¹; tổ chức lớp chính trị². Vì sao chậm? Do thiếu kinh phí.');
    const own = structureReport('BÁO CÁO\nX\n\nToàn huyện có 94% kiên cố?. Cụ thể như sau.\n\nNơi nhận:\n- Lưu VP.\nBÍ THƯ\nHà Văn Cường\n? Số liệu đến ngày 15/8.');
    expect(own.footnotes).toEqual(['2 Số liệu đến ngày 15/8.']);
    expect(own.footnoteLinks).toEqual([{ marker: '2', word: 'cố', footnote: 0 }]);
  });

  it('takes a closing quote OCR read for a superscript before punctuation, but not one that closes a quotation', () => {
    const r = structureReport('BÁO CÁO\nX\n\nCó 204 hộ”, chiếm 8,81%. Phong trào “Ngày hội”, đạt kết quả.\n\nNơi nhận:\n- Lưu VP.\nTRƯỞNG PHÒNG\nHà Văn Cường\n1 Theo kết quả rà soát.');
    expect(r.footnoteLinks).toEqual([{ marker: '1', word: 'hộ', footnote: 0 }]);
    expect(r.sections[0]!.paragraphs[0]).toBe('Có 204 hộ¹, chiếm 8,81%. Phong trào “Ngày hội”, đạt kết quả.');
  });

  it('links markers OCR read as marks and superscripts the OCR stage set back, in the paragraph, in their order', () => {
    const r = structureReport('BÁO CÁO\nX\n\nĐã khắc phục xong nhà bị tốc mái!. Hội đã thăm hỏi 12 hộ bị thiệt hại nặng”; vận động được 186 triệu đồng hỗ trợ các gia đình khó khăn³.\n\nNơi nhận:\n- Lưu VP.\nCHỦ TỊCH\nHà Văn Cường\n1 Số nhà còn lại.\n? Do Hội Chữ thập đỏ trao tặng.\n3 Theo Thông báo số 09/TB-MTTQ.');
    expect(r.footnoteLinks).toEqual([{ marker: '1', word: 'mái', footnote: 0 }, { marker: '2', word: 'nặng', footnote: 1 }, { marker: '3', word: 'khăn', footnote: 2 }]);
    expect(r.sections[0]!.paragraphs[0]).toBe('Đã khắc phục xong nhà bị tốc mái¹. Hội đã thăm hỏi 12 hộ bị thiệt hại nặng²; vận động được 186 triệu đồng hỗ trợ các gia đình khó khăn³.');
  });

  it('leaves digits after a word alone when no footnote has that number', () => {
    const r = structureReport('BÁO CÁO\nX\n\nThôn1 có 42 đảng viên.');
    expect(r.footnoteLinks).toEqual([]);
    expect(r.sections[0]!.paragraphs[0]).toBe('Thôn1 có 42 đảng viên.');
  });

  it('joins the digits of a number around the space left for a handwritten one', () => {
    expect(structureReport('ỦY BAN NHÂN DÂN\nSố: 276    /TB-UBND   Quảng Ngãi, ngày 21 tháng 5 năm 2025\nTHÔNG BÁO\nX').header.number).toBe('276/TB-UBND');
  });
});

describe('real scans: what seals, stamps and small print do to OCR', () => {
  it('reads a box whose "@" OCR took for "(Đ", and one whose address is lost but whose time reads to the second', () => {
    const lost = takeDigitalSignatures(['TRUNG TÂM CÔNG BÁO', 'VÀ TIN HỌC', '24.01.2025 20:06:24 +07:00', 'ỦY BAN NHÂN DÂN    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(lost.signatures[0]).toMatchObject({ signer: 'TRUNG TÂM CÔNG BÁO VÀ TIN HỌC', email: null, time: '2025-01-24T20:06:24+07:00' });
    const garbled = takeDigitalSignatures(['TRUNG TÂM CÔNG', 'BẢO VÀ TIN HỌC', 'ttcb(Đvidu.go.v', 'n', '21.01.2025 09:27:35', '+07:00', 'ỦY BAN NHÂN DÂN']);
    // The address wrapped and cut ("go.v") is no address: null, its text kept in the box's lines.
    expect(garbled.signatures[0]).toMatchObject({ email: null, time: '2025-01-21T09:27:35+07:00' });
    expect(garbled.lines.filter(Boolean)).toEqual(['ỦY BAN NHÂN DÂN']);
    expect(takeDigitalSignatures(['ttcb(Đ)vidu.gov.vn', '24.01.2025 20:06:24']).signatures[0]!.email).toBe('ttcb@vidu.gov.vn');
  });

  it('takes the box whose rows OCR read out of order beside its logo, specks and all, but no issuer above the header', () => {
    // The rows of a grey scan's stamp, rebuilt from OCR's boxes: the time split by the address beside it.
    const split = takeDigitalSignatures(['                TRUNG TÂM CÔNG', '                BẢO VÀ TIN HỌC', '                07.02.2025 teblh(0auangngaigov.vn 08:51:04', '', ' UBND TỈNH AN BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(split.signatures[0]).toMatchObject({ signer: 'TRUNG TÂM CÔNG BẢO VÀ TIN HỌC', email: null, time: '2025-02-07T08:51:04' });
    expect(split.lines.filter((l) => l.trim())).toEqual([' UBND TỈNH AN BÌNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    // The stamp's name alone marks it, the specks of the seal under it go with it.
    const named = takeDigitalSignatures(['TRƯNG TẮM CÔNG', 'BẢO VÀ TÌ\\ HỌC', 'È)', 'ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(named.lines.filter(Boolean)).toEqual(['ỦY BAN NHÂN DÂN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    // An issuer's lines OCR gave before the national header stay the header's, and an issuer named like the stamp is no stamp.
    const issuer = takeDigitalSignatures(['ỦY BAN NHÂN DÂN', 'TỈNH AN BÌNH', '05.02.2025 08:09:28 +07:00', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(issuer.lines.filter(Boolean)).toEqual(['ỦY BAN NHÂN DÂN', 'TỈNH AN BÌNH', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
    expect(takeDigitalSignatures(['TRUNG TÂM CÔNG NGHỆ THÔNG TIN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).signatures).toEqual([]);
  });

  it('keeps the box out of the issuer', () => {
    const r = structureReport(['                     TRUNG TÂM CÔNG BÁO', '                     VÀ TIN HỌC', '                     ttcb(Đ)vidu.gov.vn', '                     24.01.2025 20:06:24 +07:00', ' ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', ' TỈNH AN BÌNH                Độc lập - Tự do - Hạnh phúc', ' Số: 23/BC-UBND           An Bình, ngày 23 tháng 01 năm 2025', '                          BÁO CÁO', '                  Tình hình tháng 01'].join('\n'));
    expect(r.header.issuingBody).toBe('Tỉnh An Bình');
  });

  it('finds "Nơi nhận" as OCR reads it, dots and all, and the place before a date whose day does not read', () => {
    const r = structureReport('ỦY BAN NHÂN DÂN\nSố: 9/TTr-UBND\nAn Bình, ngàyÂDtháng 01 năm 2025\nTỜ TRÌNH\nVề việc X\n\nKính trình.\n\n..Nơinhận: -\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nHà Văn An');
    expect(r.recipients).toEqual(['Như trên', 'Lưu: VT']);
    expect(r.header).toMatchObject({ place: 'An Bình', date: null });
    expect(r.uncertain.map((u) => u.field)).toContain('header.date');
  });

  it('keeps the filing codes of a "Lưu" item whose dash OCR read as "~-" in the item, not in the signature', () => {
    const r = structureReport('BÁO CÁO\nX\n\nNội dung.\n\nNơi nhận:\n- Sở Tài chính;\n~- Lưu: VT NC KTTH\nCHỦ TỊCH\nHà Văn An');
    expect(r.recipients).toEqual(['Sở Tài chính', 'Lưu: VT NC KTTH']);
    expect(r.signature).toMatchObject({ position: 'CHỦ TỊCH', name: 'Hà Văn An' });
  });

  it('takes no column from a list dash OCR set apart from its item', () => {
    const r = structureReport(['BÁO CÁO', 'X', '', 'Nội dung.', '', 'Nơi nhận:                                      KT. CHỦ TỊCH', '- Thanh tra Chính phủ;                         PHÓ CHỦ TỊCH', '-   cơ quan chuyên trách Tỉnh ủy;', '- Các sở, ngành;                             Trần Hoàng Tuấn', '- Lưu: VT.'].join('\n'));
    expect(r.signature).toMatchObject({ authority: 'KT.', position: 'PHÓ CHỦ TỊCH', name: 'Trần Hoàng Tuấn' });
    expect(r.recipients).toEqual(['Thanh tra Chính phủ', 'cơ quan chuyên trách Tỉnh ủy', 'Các sở, ngành', 'Lưu: VT']);
  });

  it('finds a date line whose handwritten day ran into the "y" of "ngày", and not in a place named "Ngãi"', () => {
    const header = (date: string) => structureReport(`ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 9/TTr-UBND\n${date}\nTỜ TRÌNH\nVề việc X`);
    const ran = header('Quảng Ngãi, ngàW/† tháng 5 năm 2021');
    expect(ran.header).toMatchObject({ place: 'Quảng Ngãi', date: null });
    expect(ran.uncertain.map((u) => u.field)).toContain('header.date');
    expect(header('Quảng Ngãi, ngày 11 tháng 5 năm 2021').header).toMatchObject({ place: 'Quảng Ngãi', date: '2021-05-11' });
  });

  it('reads a signer\'s name alone in the signature column, seal marks and a pen stroke\'s quote mark aside', () => {
    const r = structureReport(['BÁO CÁO', 'X', '', 'Nội dung.', '', 'Nơi nhận:                                  KT. CHỦ TỊCH', '- Thanh tra tỉnh;                           PHÓ CHỦ TỊCH', '                                                     !', '- Sở Tài chính;                                mm', '', '- Các sở, ngành, đơn vị thuộc tỉnh;', '- Lưu: VT, TH.                                 “Trần Văn Bình'].join('\n'));
    expect(r.signature).toMatchObject({ authority: 'KT.', position: 'PHÓ CHỦ TỊCH', name: 'Trần Văn Bình' });
    expect(r.recipients).toEqual(['Thanh tra tỉnh', 'Sở Tài chính', 'Các sở, ngành, đơn vị thuộc tỉnh', 'Lưu: VT, TH']);
    const alone = structureReport(['BÁO CÁO', 'X', '', 'Nội dung.', '', 'Nơi nhận:', '- Bộ Tư pháp;', '- Văn phòng Chính phủ;', '                                                 Phạm Văn Thọ', '- Các sở, ban, ngành tỉnh;', '- Lưu: VT.'].join('\n'));
    expect(alone.signature.name).toBe('Phạm Văn Thọ');
    expect(alone.recipients).toHaveLength(4);
  });

  it('keeps a document attached after the signature out of the signature block', () => {
    const r = structureReport('TỜ TRÌNH\nVề việc X\n\nKính trình.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nHà Văn An\nHỘI ĐỒNG NHÂN DÂN\nTỈNH AN BÌNH\nSố:\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nNGHỊ QUYẾT\nBãi bỏ các nghị quyết\nĐiều 1. Bãi bỏ toàn bộ.');
    expect(r.signature).toMatchObject({ authority: 'TM.', position: 'CHỦ TỊCH', name: 'Hà Văn An', lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Hà Văn An'] });
    expect(r.annex).toMatch(/^HỘI ĐỒNG NHÂN DÂN\n[\s\S]*Điều 1\. Bãi bỏ toàn bộ\.$/);
    expect(r.footnotes).toEqual([]);
    expect(renderReport(r, 'txt')).toMatch(/Hà Văn An\n\nHỘI ĐỒNG NHÂN DÂN/);
  });
});

describe('confidence: values that do not read as text are flagged', () => {
  it('scores text 1, and a value with tokens that are no syllable, acronym or code lower', () => {
    expect(textQuality('Về việc bãi bỏ Nghị quyết số 39/2011/NQ-HĐND của HĐND tỉnh (UBND)')).toBe(1);
    expect(textQuality('TỈNH QUẢNG NGÀÃI')).toBeLessThan(LOW_CONFIDENCE);
    expect(textQuality('[TR0N6 TẤN CÔNG Về việc tăng cường công tác E Ngay:e⁄{L! 4.44')).toBeLessThan(LOW_CONFIDENCE);
  });

  it('flags the field in the report, and keeps the looser read of a number joined across its gap', () => {
    const r = structureReport('ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÀÃI\nSố: 276    /TB-UBND   Quảng Ngãi, ngày 21 tháng 5 năm 2025\nTHÔNG BÁO\nX');
    expect(r.confidence['header.issuingBody']).toBeLessThan(LOW_CONFIDENCE);
    expect(r.confidence['header.parentBody']).toBe(1);
    expect(r.confidence['header.number']).toBe(0.9);
  });
});
